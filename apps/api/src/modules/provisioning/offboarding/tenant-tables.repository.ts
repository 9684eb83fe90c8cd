import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Database } from '../../../platform/database/database';
import { TenantScopedRepository } from '../../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { Session } from '../../auth/entities/session.entity';
import { InstitutionOffboarding } from './entities/offboarding.entities';

/** A row of any tenant table, as the driver answers it. */
export type RawRow = Record<string, unknown>;

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

function checked(table: string): string {
  if (!IDENTIFIER.test(table)) throw new Error(`refusing table name ${JSON.stringify(table)}`);
  return table;
}

/**
 * Every tenant table of the current tenant, for the offboarding export and purge. The list of tables is
 * read from the database catalog (every table with a tenant_id column), not from a list someone keeps, so a
 * table a later migration adds cannot be left out; every statement on a table is `WHERE tenant_id = <the
 * context tenant>` through `sql()` (TEN-03).
 */
@Injectable()
export class TenantTablesRepository extends TenantScopedRepository<InstitutionOffboarding> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, InstitutionOffboarding);
  }

  /** Every table with a tenant_id column, sorted, and the tenant tables each one references. */
  async catalog(): Promise<{ tables: string[]; references: Map<string, Set<string>> }> {
    const sqlite = this.db.dialect === 'sqlite';
    const columns: { t: string }[] = await this.manager.query(
      sqlite
        ? "SELECT m.name AS t FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'tenant_id') ORDER BY m.name"
        : "SELECT TABLE_NAME AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'tenant_id' ORDER BY TABLE_NAME",
    );
    const tables = columns.map((c) => checked(String(c.t)));
    const tenantTables = new Set(tables);
    const refs: { t: string; r: string }[] = await this.manager.query(
      sqlite
        ? 'SELECT m.name AS t, f."table" AS r FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = \'table\''
        : 'SELECT TABLE_NAME AS t, REFERENCED_TABLE_NAME AS r FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL',
    );
    const references = new Map<string, Set<string>>();
    for (const { t, r } of refs)
      if (tenantTables.has(t) && tenantTables.has(r) && t !== r)
        references.set(t, (references.get(t) ?? new Set()).add(r));
    return { tables, references };
  }

  async countRows(table: string): Promise<number> {
    const [row] = await this.sql<{ n: number | string }[]>(
      `SELECT COUNT(*) AS n FROM ${checked(table)} WHERE tenant_id = ?`,
    );
    return Number(row?.n ?? 0);
  }

  rows(table: string): Promise<RawRow[]> {
    return this.sql<RawRow[]>(`SELECT * FROM ${checked(table)} WHERE tenant_id = ?`);
  }

  /** Deletes every row of the tenant in `table`; answers how many went. */
  async deleteAll(table: string): Promise<number> {
    const before = await this.countRows(table);
    await this.sql(`DELETE FROM ${checked(table)} WHERE tenant_id = ?`);
    return before;
  }
}

/** A terminated school's sessions: every live one is revoked at once (AUT-05), so refresh tokens die too. */
@Injectable()
export class SchoolSessionsRepository extends TenantScopedRepository<Session> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Session);
  }

  revokeAll(at: Date, reason: string): Promise<number> {
    return this.update({ revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }
}
