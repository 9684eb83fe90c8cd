import { QueryRunner } from 'typeorm';
import { GLOBAL_TABLES } from './sql-guard';

interface ForeignKey {
  name: string;
  referencedTable: string;
  /** Pairs of [local column, referenced column] in key order. */
  columns: [string, string][];
}

interface TableShape {
  name: string;
  columns: { name: string; nullable: boolean }[];
  primaryKey: string[];
  uniqueKeys: { name: string; columns: string[] }[];
  foreignKeys: ForeignKey[];
}

async function sqliteShapes(runner: QueryRunner): Promise<TableShape[]> {
  const tables: { name: string }[] = await runner.query(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const shapes: TableShape[] = [];
  for (const { name } of tables) {
    const info: { name: string; notnull: number; pk: number }[] = await runner.query(
      `PRAGMA table_info("${name}")`,
    );
    const indexes: { name: string; unique: number; origin: string }[] = await runner.query(
      `PRAGMA index_list("${name}")`,
    );
    const uniqueKeys: TableShape['uniqueKeys'] = [];
    for (const index of indexes.filter((i) => i.unique && i.origin !== 'pk')) {
      const cols: { seqno: number; name: string }[] = await runner.query(
        `PRAGMA index_info("${index.name}")`,
      );
      uniqueKeys.push({
        name: index.name,
        columns: cols.sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
      });
    }
    const fkRows: { id: number; seq: number; table: string; from: string; to: string }[] = await runner.query(
      `PRAGMA foreign_key_list("${name}")`,
    );
    const fks = new Map<number, ForeignKey>();
    for (const row of fkRows.sort((a, b) => a.id - b.id || a.seq - b.seq)) {
      const fk = fks.get(row.id) ?? { name: `fk#${row.id}`, referencedTable: row.table, columns: [] };
      fk.columns.push([row.from, row.to]);
      fks.set(row.id, fk);
    }
    shapes.push({
      name,
      columns: info.map((c) => ({ name: c.name, nullable: c.notnull === 0 && c.pk === 0 })),
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      uniqueKeys,
      foreignKeys: [...fks.values()],
    });
  }
  return shapes;
}

async function mysqlShapes(runner: QueryRunner): Promise<TableShape[]> {
  const columns: { t: string; c: string; n: string }[] = await runner.query(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, IS_NULLABLE AS n FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  );
  const stats: { t: string; i: string; c: string; s: number; u: number }[] = await runner.query(
    `SELECT TABLE_NAME AS t, INDEX_NAME AS i, COLUMN_NAME AS c, SEQ_IN_INDEX AS s, NON_UNIQUE AS u
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
  );
  const fkRows: { t: string; k: string; c: string; rt: string; rc: string; p: number }[] = await runner.query(
    `SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS k, COLUMN_NAME AS c, REFERENCED_TABLE_NAME AS rt,
            REFERENCED_COLUMN_NAME AS rc, ORDINAL_POSITION AS p
     FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
  );
  const byTable = new Map<string, TableShape>();
  for (const col of columns) {
    const shape = byTable.get(col.t) ?? {
      name: col.t,
      columns: [],
      primaryKey: [],
      uniqueKeys: [],
      foreignKeys: [],
    };
    shape.columns.push({ name: col.c, nullable: col.n === 'YES' });
    byTable.set(col.t, shape);
  }
  for (const s of stats) {
    const shape = byTable.get(s.t);
    if (!shape || Number(s.u) !== 0) continue;
    if (s.i === 'PRIMARY') shape.primaryKey.push(s.c);
    else {
      const key = shape.uniqueKeys.find((k) => k.name === s.i) ?? { name: s.i, columns: [] };
      if (!shape.uniqueKeys.includes(key)) shape.uniqueKeys.push(key);
      key.columns.push(s.c);
    }
  }
  for (const f of fkRows) {
    const shape = byTable.get(f.t);
    if (!shape) continue;
    const fk = shape.foreignKeys.find((k) => k.name === f.k) ?? {
      name: f.k,
      referencedTable: f.rt,
      columns: [],
    };
    if (!shape.foreignKeys.includes(fk)) shape.foreignKeys.push(fk);
    fk.columns.push([f.c, f.rc]);
  }
  return [...byTable.values()];
}

/** Reads the live schema of either database into one shape. */
export async function readSchema(runner: QueryRunner): Promise<TableShape[]> {
  return runner.connection.options.type === 'better-sqlite3' ? sqliteShapes(runner) : mysqlShapes(runner);
}

/**
 * TEN-02: returns one message per broken rule. Every table is either global (listed in GLOBAL_TABLES) or
 * a tenant table with `tenant_id NOT NULL`, a primary key and every unique key leading with tenant_id,
 * tenant_id referencing institutions, and every foreign key to another tenant table composite over
 * (tenant_id, x_id) so a row can never point at another tenant's row.
 */
export function tenantSchemaViolations(shapes: TableShape[]): string[] {
  const problems: string[] = [];
  const tenantTables = new Set(
    shapes.filter((s) => s.columns.some((c) => c.name === 'tenant_id')).map((s) => s.name),
  );
  for (const table of shapes) {
    if (GLOBAL_TABLES.has(table.name)) continue;
    if (!tenantTables.has(table.name)) {
      problems.push(`${table.name}: has no tenant_id and is not a declared global table`);
      continue;
    }
    if (table.columns.find((c) => c.name === 'tenant_id')?.nullable)
      problems.push(`${table.name}: tenant_id is nullable`);
    if (table.primaryKey[0] !== 'tenant_id') {
      problems.push(
        `${table.name}: primary key (${table.primaryKey.join(', ')}) does not lead with tenant_id`,
      );
    }
    for (const key of table.uniqueKeys) {
      if (key.columns[0] !== 'tenant_id') {
        problems.push(
          `${table.name}: unique key ${key.name} (${key.columns.join(', ')}) does not lead with tenant_id`,
        );
      }
    }
    const toInstitution = table.foreignKeys.some(
      (fk) =>
        fk.referencedTable === 'institutions' &&
        fk.columns.length === 1 &&
        fk.columns[0]![0] === 'tenant_id' &&
        fk.columns[0]![1] === 'id',
    );
    if (!toInstitution) problems.push(`${table.name}: tenant_id does not reference institutions(id)`);
    for (const fk of table.foreignKeys) {
      if (!tenantTables.has(fk.referencedTable)) continue;
      const pairsTenant = fk.columns.some(([from, to]) => from === 'tenant_id' && to === 'tenant_id');
      if (!pairsTenant || fk.columns.length < 2) {
        problems.push(
          `${table.name}: foreign key ${fk.name} to tenant table ${fk.referencedTable} is not composite over tenant_id (${fk.columns
            .map(([f, t]) => `${f}->${t}`)
            .join(', ')})`,
        );
      }
    }
  }
  return problems;
}
