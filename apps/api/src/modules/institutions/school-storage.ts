import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { CurrentInstitution } from './current-institution';
import { SchoolStorageRow } from './entities/school-storage.entity';
import { EverySchoolJob } from './every-school-job';
import { InstitutionsService } from './institutions.service';

/** Table sizes are read from the whole database at most this often (one COUNT per table). */
const SIZES_TTL_MS = 6 * 60 * 60 * 1000;
const TABLE_NAME = /^[a-z][a-z0-9_]*$/;

type TableSize = { bytes: number; rows: number };

@Injectable()
export class SchoolStorageRepository extends TenantScopedRepository<SchoolStorageRow> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, SchoolStorageRow);
  }

  current(): Promise<SchoolStorageRow | null> {
    return this.findOneBy({});
  }

  async save(row: Pick<SchoolStorageRow, 'bytes' | 'rowCount' | 'measuredOn'>): Promise<void> {
    await this.upsert([row], []);
  }

  /** Every table with a tenant_id column, from the entity metadata (a new module's tables are included). */
  tenantTables(): string[] {
    return this.manager.connection.entityMetadatas
      .filter((m) => m.columns.some((c) => c.databaseName === 'tenant_id'))
      .map((m) => m.tableName)
      .filter((name) => TABLE_NAME.test(name))
      .sort();
  }

  /** This school's rows in one table (a range of the table's tenant_id-prefixed primary key). */
  async rowsOf(table: string): Promise<number> {
    if (!TABLE_NAME.test(table)) throw new RangeError(`Not a table name: ${table}`);
    const rows = await this.sql<{ n: string | number }[]>(
      `SELECT COUNT(*) AS n FROM ${table} WHERE tenant_id = ?`,
    );
    return Number(rows[0]?.n ?? 0);
  }
}

/**
 * Measures what a school's data takes (issue 14: the operator's "storage used"): for every tenant table,
 * the school's rows times that table's bytes per row (data and indexes: SQLite's dbstat pages, MariaDB's
 * data_length + index_length, over the table's exact row count). An estimate, shown as one: it spreads a
 * table's pages evenly over its rows. Whole-table sizes are read once per SIZES_TTL_MS for all schools.
 */
@Injectable()
export class SchoolStorage {
  private sizes: { at: number; byTable: Map<string, TableSize> } | null = null;

  constructor(
    private readonly db: Database,
    private readonly repository: SchoolStorageRepository,
    private readonly institution: CurrentInstitution,
  ) {}

  /** The current school's last measurement, or null before the first. */
  current(): Promise<SchoolStorageRow | null> {
    return this.repository.current();
  }

  /** Measures the current school unless it was measured today (local); answers whether it measured. */
  async measureDaily(now = Date.now()): Promise<boolean> {
    const today = await this.institution.today();
    if ((await this.repository.current())?.measuredOn === today) return false;
    await this.measure(today, now);
    return true;
  }

  async measure(today: string, now = Date.now()): Promise<SchoolStorageRow> {
    const sizes = await this.tableSizes(now);
    let bytes = 0;
    let rowCount = 0;
    for (const table of this.repository.tenantTables()) {
      const rows = await this.repository.rowsOf(table);
      const size = sizes.get(table);
      rowCount += rows;
      if (rows && size?.rows) bytes += Math.round((size.bytes * rows) / size.rows);
    }
    const row = { bytes, rowCount, measuredOn: today };
    await this.repository.save(row);
    return row as SchoolStorageRow;
  }

  private async tableSizes(now: number): Promise<Map<string, TableSize>> {
    if (this.sizes && now - this.sizes.at < SIZES_TTL_MS) return this.sizes.byTable;
    const byTable = await this.db.acrossTenants('storage: whole-table sizes for the estimate', () =>
      this.readSizes(),
    );
    this.sizes = { at: now, byTable };
    return byTable;
  }

  private async readSizes(): Promise<Map<string, TableSize>> {
    const manager = this.db.manager;
    const bytes = new Map<string, number>();
    if (this.db.dialect === 'sqlite') {
      // dbstat names each page's table or index; indexes are charged to their table
      const owners: { name: string; tbl_name: string }[] = await manager.query(
        "SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')",
      );
      const ownerOf = new Map(owners.map((o) => [o.name, o.tbl_name]));
      const pages: { name: string; bytes: number }[] = await manager.query(
        'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name',
      );
      for (const p of pages) {
        const table = ownerOf.get(p.name) ?? p.name;
        bytes.set(table, (bytes.get(table) ?? 0) + Number(p.bytes));
      }
    } else {
      const rows: { name: string; bytes: string | number }[] = await manager.query(
        `SELECT table_name AS name, data_length + index_length AS bytes FROM information_schema.tables
          WHERE table_schema = DATABASE()`,
      );
      for (const r of rows) bytes.set(r.name, Number(r.bytes));
    }
    const out = new Map<string, TableSize>();
    for (const table of this.repository.tenantTables()) {
      const counted: { n: string | number }[] = await manager.query(`SELECT COUNT(*) AS n FROM ${table}`);
      out.set(table, { bytes: bytes.get(table) ?? 0, rows: Number(counted[0]?.n ?? 0) });
    }
    return out;
  }
}

/** Measures every school once a local day, where background work runs. */
@Injectable()
export class SchoolStorageJob extends EverySchoolJob {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    context: RequestContext,
    institutions: InstitutionsService,
    private readonly storage: SchoolStorage,
  ) {
    super('storage measurement', 75_000, config, context, institutions);
  }

  protected runForSchool() {
    return this.storage.measureDaily();
  }
}
