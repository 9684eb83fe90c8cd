import { DataSource } from 'typeorm';
import { TenantIsolationError } from '../errors/domain-error';

/** Tables that are not tenant-scoped. Every other table must carry tenant_id (see schema-rules.ts). */
export const GLOBAL_TABLES: ReadonlySet<string> = new Set(['institutions', 'migrations']);

const DML = /^(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH)\b/i;
const KEYWORDS = new Set([
  'WHERE',
  'SET',
  'ON',
  'USING',
  'INNER',
  'LEFT',
  'RIGHT',
  'CROSS',
  'JOIN',
  'ORDER',
  'GROUP',
  'LIMIT',
  'VALUES',
  'VALUE',
  'SELECT',
  'FOR',
  'HAVING',
  'UNION',
  'AS',
  'DEFAULT',
  'OFFSET',
  'RETURNING',
  'NATURAL',
]);
const TABLE_REF = /\b(FROM|JOIN|UPDATE|INTO)\s+[`"]?(\w+)[`"]?(?:\s*\(|\s+(?:AS\s+)?[`"]?(\w+)[`"]?)?/gi;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Test-mode check that every statement on a tenant table carries a tenant predicate (TEN-03). It reads
 * the SQL TypeORM and the repositories produce: inserts must name tenant_id; selects, updates and deletes
 * must compare `<alias>.tenant_id` (or, on a single-table statement, `tenant_id`) with `=` or `IN`
 * outside the SET list.
 */
export class SqlGuard {
  constructor(private readonly tenantTables: ReadonlySet<string>) {}

  /** Returns why the statement is unscoped, or null when it is fine. */
  violation(sql: string): string | null {
    const text = sql.replace(/\s+/g, ' ').trim();
    const verb = DML.exec(text)?.[1]?.toUpperCase();
    if (!verb) return null;

    const refs: { table: string; alias: string; kind: string }[] = [];
    for (const m of text.matchAll(TABLE_REF)) {
      const kind = m[1]!.toUpperCase();
      const table = m[2]!.toLowerCase();
      if (!this.tenantTables.has(table)) continue;
      const aliasCandidate = m[3];
      const alias = aliasCandidate && !KEYWORDS.has(aliasCandidate.toUpperCase()) ? aliasCandidate : table;
      refs.push({ table, alias, kind });
    }
    if (refs.length === 0) return null;

    const distinctTables = new Set(refs.map((r) => r.alias));
    // Predicates are looked for outside an UPDATE's SET list, so `SET tenant_id = ?` never counts.
    const predicateText = verb === 'UPDATE' ? text.replace(/\bSET\b.*?(?=\bWHERE\b|$)/i, ' ') : text;
    for (const ref of refs) {
      if (ref.kind === 'INTO') {
        const columns =
          new RegExp(`\\bINTO\\s+[\`"]?${escape(ref.table)}[\`"]?\\s*\\(([^)]*)\\)`, 'i').exec(text)?.[1] ??
          '';
        if (!/[`"]?tenant_id[`"]?/i.test(columns))
          return `INSERT into tenant table "${ref.table}" without tenant_id`;
        continue;
      }
      // The alias must stand alone: `r.tenant_id` is not a predicate on alias `r` when it is `ur.tenant_id`.
      const aliasPattern = `(?:(?<![\\w\`"])[\`"]${escape(ref.alias)}[\`"]|(?<![\\w\`"])${escape(ref.alias)})`;
      const qualified = `${aliasPattern}\\s*\\.\\s*[\`"]?tenant_id[\`"]?`;
      const bare = distinctTables.size === 1 ? `|(?<![.\\w\`"])[\`"]?tenant_id[\`"]?` : '';
      const predicate = new RegExp(`(?:${qualified}${bare})\\s*(?:=|IN\\s*\\()`, 'i');
      if (!predicate.test(predicateText)) {
        return `${verb} on tenant table "${ref.table}" (as ${ref.alias}) without a tenant_id predicate`;
      }
    }
    return null;
  }
}

export class UnscopedTenantQueryError extends TenantIsolationError {
  constructor(
    readonly reason: string,
    readonly sql: string,
  ) {
    super(`SQL guard (TEN-03): ${reason}: ${sql.slice(0, 300)}`);
    this.name = 'UnscopedTenantQueryError';
  }
}

/** Every violation the guard refused in this process, for tests to assert on even when errors were caught. */
export const sqlGuardViolations: UnscopedTenantQueryError[] = [];

const PATCHED = Symbol('shala.sqlGuard');

type QueryFn = (query: string, parameters?: unknown[], useStructuredResult?: boolean) => Promise<unknown>;

/**
 * Wraps every query runner of the data source so statements the guard refuses throw before reaching the
 * database, and returns the same check for the statements `Database.query` sends past the query runners.
 * Installed when config.sqlGuard is on (the test profile).
 */
export function installSqlGuard(
  dataSource: DataSource,
  isBypassed: () => boolean,
): (sql: string) => UnscopedTenantQueryError | null {
  const tenantTables = new Set(
    dataSource.entityMetadatas
      .filter((m) => m.columns.some((c) => c.databaseName === 'tenant_id'))
      .map((m) => m.tableName.toLowerCase()),
  );
  const guard = new SqlGuard(tenantTables);
  const check = (sql: string) => {
    const reason = isBypassed() ? null : guard.violation(sql);
    if (!reason) return null;
    const error = new UnscopedTenantQueryError(reason, sql);
    sqlGuardViolations.push(error);
    return error;
  };
  const driver = dataSource.driver as { createQueryRunner: (mode: 'master' | 'slave') => unknown };
  const original = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = original(mode) as { query: QueryFn; [PATCHED]?: boolean };
    if (!runner[PATCHED]) {
      const query = runner.query.bind(runner);
      runner.query = (sql, parameters, structured) => {
        const refused = check(sql);
        return refused ? Promise.reject(refused) : query(sql, parameters, structured);
      };
      runner[PATCHED] = true;
    }
    return runner;
  };
  return check;
}
