import type { TestApp } from '../test-app';
import type { FuzzContext } from './requests';

/** How many of the newest ids of a table each refresh reads. */
const RECENT = 40;

interface Row {
  id: string;
  tenant_id?: string | null;
}

/**
 * Real record ids per table, read straight from the database (across tenants) so the fuzzer can aim at
 * records that exist: the first read is kept, later reads add the newest rows the fuzzing created.
 */
export class RecordPools {
  private readonly tables: Map<string, { tenantColumn: boolean }>;
  private readonly rows = new Map<string, Map<string, Row>>();

  constructor(private readonly t: TestApp) {
    this.tables = new Map(
      t.dataSource.entityMetadatas
        .filter(
          (m) =>
            m.primaryColumns.some((c) => c.databaseName === 'id') &&
            m.primaryColumns.every((c) => c.databaseName === 'id' || c.databaseName === 'tenant_id'),
        )
        .map((m) => [m.tableName, { tenantColumn: m.columns.some((c) => c.databaseName === 'tenant_id') }]),
    );
  }

  /** Every table whose rows have their own id. */
  get tableNames(): string[] {
    return [...this.tables.keys()];
  }

  async refresh(tables: Iterable<string> = this.tables.keys()): Promise<void> {
    for (const table of tables) {
      const meta = this.tables.get(table);
      if (!meta) continue;
      const columns = meta.tenantColumn ? 'id, tenant_id' : 'id';
      const rows: Row[] = await this.t.db.acrossTenants('the fuzzer aims at real records', () =>
        this.t.dataSource.query(`SELECT ${columns} FROM ${table} ORDER BY id DESC LIMIT ${RECENT}`),
      );
      const known = this.rows.get(table) ?? new Map<string, Row>();
      for (const row of rows) known.set(row.id, row);
      this.rows.set(table, known);
    }
  }

  /** Ids of `table` (null: all tables) split into the given institution's and everyone else's. */
  ids(table: string | null, tenantId: string): { own: string[]; other: string[] } {
    const own: string[] = [];
    const other: string[] = [];
    const tables = table === null ? [...this.rows.keys()] : [table];
    for (const name of tables)
      for (const row of this.rows.get(name)?.values() ?? []) {
        const mine = name === 'institutions' ? row.id === tenantId : row.tenant_id === tenantId;
        (mine ? own : other).push(row.id);
      }
    return { own, other };
  }
}

export type KnownValues = Omit<FuzzContext, 'ids'>;

/** The fuzzing context of one caller: ids as seen from its institution, plus the strings that open doors. */
export function contextFor(pools: RecordPools, tenantId: string, known: KnownValues): FuzzContext {
  const cache = new Map<string, { own: string[]; other: string[] }>();
  return {
    ...known,
    ids(table) {
      const key = table ?? '*';
      if (!cache.has(key)) cache.set(key, pools.ids(table, tenantId));
      return cache.get(key)!;
    },
  };
}
