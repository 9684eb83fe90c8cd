// Per-table row counts and checksums of a database, for the backup drill (OPS-03). A checksum is the
// SHA-256 of the table's rows in primary-key order, each serialised canonically (columns sorted by name,
// binary as hex, numbers and dates as text), so the same rows give the same checksum on any run. On MySQL
// the server's CHECKSUM TABLE is compared as well. The schema objects (tables, indexes, triggers,
// routines) are fingerprinted too, so a restore that loses the audit log's append-only triggers fails.
import { createHash } from 'node:crypto';
import { mysqlConnect, quoteIdent, requireApi } from './common.mjs';

function canonicalValue(value) {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return { hex: value.toString('hex') };
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return String(value);
  return value;
}

function canonicalRow(row) {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, canonicalValue(row[k])]),
  );
}

function hashRows(rows) {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(canonicalRow(row)).update('\n');
  return hash.digest('hex');
}

const quoteSqlite = (name) => `"${String(name).replace(/"/g, '""')}"`;

export function sqliteSnapshot(file) {
  const Database = requireApi('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.defaultSafeIntegers(true);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((r) => r.name);
    const result = {};
    for (const table of tables) {
      const info = db.prepare(`PRAGMA table_info(${quoteSqlite(table)})`).all();
      const pk = info
        .filter((c) => Number(c.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((c) => c.name);
      const order = (pk.length ? pk : info.map((c) => c.name)).map(quoteSqlite).join(', ');
      const rows = db.prepare(`SELECT * FROM ${quoteSqlite(table)} ORDER BY ${order}`).all();
      result[table] = { rows: rows.length, checksum: hashRows(rows) };
    }
    const objects = db
      .prepare(
        "SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
      )
      .all();
    return {
      tables: result,
      triggers: objects.filter((o) => o.type === 'trigger').map((o) => o.name),
      schema: hashRows(objects),
    };
  } finally {
    db.close();
  }
}

export async function mysqlSnapshot(db) {
  const connection = await mysqlConnect(db, {
    database: db.database,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
  });
  try {
    const [tableRows] = await connection.query(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
      [db.database],
    );
    const result = {};
    for (const { name } of tableRows) {
      const [keyRows] = await connection.query(
        "SELECT COLUMN_NAME AS col FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION",
        [db.database, name],
      );
      let order = keyRows.map((r) => quoteIdent(r.col));
      if (order.length === 0) {
        const [cols] = await connection.query(
          'SELECT COLUMN_NAME AS col FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
          [db.database, name],
        );
        order = cols.map((r) => quoteIdent(r.col));
      }
      const [rows] = await connection.query(`SELECT * FROM ${quoteIdent(name)} ORDER BY ${order.join(', ')}`);
      const [[checksum]] = await connection.query(`CHECKSUM TABLE ${quoteIdent(name)}`);
      result[name] = {
        rows: rows.length,
        checksum: hashRows(rows),
        serverChecksum: String(checksum.Checksum),
      };
    }
    const [triggers] = await connection.query(
      'SELECT TRIGGER_NAME AS name, EVENT_MANIPULATION AS event, EVENT_OBJECT_TABLE AS tableName, ACTION_TIMING AS timing, ACTION_STATEMENT AS statement FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY TRIGGER_NAME',
      [db.database],
    );
    const [routines] = await connection.query(
      'SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type, ROUTINE_DEFINITION AS body FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_NAME',
      [db.database],
    );
    const [indexes] = await connection.query(
      'SELECT TABLE_NAME AS tableName, INDEX_NAME AS name, SEQ_IN_INDEX AS seq, COLUMN_NAME AS col, NON_UNIQUE AS nonUnique FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
      [db.database],
    );
    const [columns] = await connection.query(
      'SELECT TABLE_NAME AS tableName, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION',
      [db.database],
    );
    return {
      tables: result,
      triggers: triggers.map((t) => t.name),
      schema: hashRows([...columns, ...indexes, ...triggers, ...routines]),
    };
  } finally {
    await connection.end();
  }
}

/** Differences between two snapshots, as readable lines; empty when they match. */
export function compareSnapshots(before, after) {
  const problems = [];
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  for (const name of [...names].sort()) {
    const a = before.tables[name];
    const b = after.tables[name];
    if (!a) problems.push(`table ${name} appeared after the restore`);
    else if (!b) problems.push(`table ${name} is missing after the restore`);
    else {
      if (a.rows !== b.rows) problems.push(`table ${name}: ${a.rows} rows before, ${b.rows} after`);
      if (a.checksum !== b.checksum) problems.push(`table ${name}: row checksum differs`);
      if (a.serverChecksum !== b.serverChecksum)
        problems.push(`table ${name}: CHECKSUM TABLE ${a.serverChecksum} before, ${b.serverChecksum} after`);
    }
  }
  if (before.triggers.join(',') !== after.triggers.join(','))
    problems.push(
      `triggers differ: [${before.triggers.join(', ')}] before, [${after.triggers.join(', ')}] after`,
    );
  if (before.schema !== after.schema) problems.push('schema (columns, indexes, triggers, routines) differs');
  return problems;
}
