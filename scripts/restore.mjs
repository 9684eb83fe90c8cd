#!/usr/bin/env node
// Restores an encrypted backup made by scripts/backup.mjs (OPS-03).
//
//   node scripts/restore.mjs <backup file> [--database-url URL] [--force] [--skip-binlog] [--keep-definers] [--json]
//
// Decrypts with BACKUP_ENCRYPTION_KEY (older keys may be listed, comma-separated, in
// BACKUP_DECRYPTION_KEYS), verifies the AES-256-GCM tag over the header and the whole file before
// touching the target, then restores into DATABASE_URL. It refuses a target that already holds tables
// unless --force is given; with --force a MySQL target database is dropped and recreated, and a SQLite
// target file is replaced (stop the API and worker first). --skip-binlog keeps the MySQL restore out of
// the server's binary log (SET sql_log_bin=0; needs SUPER or BINLOG_ADMIN), as point-in-time recovery
// wants. Exit codes: 0 restored, 1 failed,
// 2 refused (target not empty), 3 the backup failed authentication.
import { spawn } from 'node:child_process';
import { copyFileSync, createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import {
  OpsError,
  mysqlConnect,
  mysqlTools,
  parseDatabaseUrl,
  privateTempDir,
  quoteIdent,
  requireApi,
  runMain,
  writeClientDefaults,
} from './ops/common.mjs';
import { decryptFile, parseKey, readHeader } from './ops/backup-format.mjs';

const EXIT_REFUSED = 2;
const EXIT_TAMPERED = 3;

/** The tables of a SQLite file other than SQLite's own; 0 when the file does not exist. */
function sqliteTableCount(file) {
  if (!existsSync(file) || statSync(file).size === 0) return 0;
  const Database = requireApi('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .get().n;
  } finally {
    db.close();
  }
}

async function targetTableCount(db) {
  if (db.kind === 'sqlite') return sqliteTableCount(db.file);
  const connection = await mysqlConnect(db);
  try {
    const [[{ n }]] = await connection.query(
      'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [db.database],
    );
    return Number(n);
  } finally {
    await connection.end();
  }
}

async function restoreSqlite(plain, db, force, log) {
  const Database = requireApi('better-sqlite3');
  const check = new Database(plain, { readonly: true, fileMustExist: true });
  let tables;
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new OpsError(`the decrypted database fails PRAGMA integrity_check: ${result}`);
    tables = check
      .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .get().n;
  } finally {
    check.close();
  }
  const existing = sqliteTableCount(db.file);
  if (existing > 0 && !force)
    throw new OpsError(
      `${db.file} already holds ${existing} table(s); refusing to restore over it without --force`,
      EXIT_REFUSED,
    );
  // Copy next to the target and rename over it, so the target is never half-written; drop the old WAL
  // and shared-memory files, which belong to the replaced database.
  const staged = join(dirname(db.file), `.${randomBytes(6).toString('hex')}.restore`);
  mkdirSync(dirname(db.file), { recursive: true });
  copyFileSync(plain, staged);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${db.file}${suffix}`, { force: true });
  renameSync(staged, db.file);
  log(`${existing > 0 ? 'replaced' : 'wrote'} ${db.file} (${tables} tables)`);
  return { tables };
}

/** Strips DEFINER clauses (views, triggers, routines) so the restoring user needs no SUPER privilege. */
function withoutDefiners(file) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  return Readable.from(
    (async function* () {
      for await (const line of lines) {
        // Only DDL lines (triggers, views, routines and events start with a version comment or CREATE);
        // row data, which mysqldump may spread over several lines, is never touched.
        const ddl = line.startsWith('/*!') || line.startsWith('CREATE');
        yield `${ddl && line.includes('DEFINER=') ? line.replace(/\s*DEFINER=`[^`]*`@`[^`]*`/g, '') : line}\n`;
      }
    })(),
  );
}

async function restoreMysql(plain, db, { force, keepDefiners, skipBinlog }, tmp, log) {
  if (!db.database) throw new OpsError('DATABASE_URL names no database (mysql://user:pass@host:3306/<db>)');
  const { client } = mysqlTools();
  if (!client) throw new OpsError('neither the mysql nor the mariadb client is installed');
  const connection = await mysqlConnect(db);
  try {
    if (skipBinlog) await connection.query('SET sql_log_bin = 0');
    const [[{ n }]] = await connection.query(
      'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [db.database],
    );
    const [[{ exists }]] = await connection.query(
      'SELECT COUNT(*) AS `exists` FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [db.database],
    );
    if (Number(n) > 0 && !force)
      throw new OpsError(
        `database ${db.database} already holds ${n} table(s); refusing to restore over it without --force`,
        EXIT_REFUSED,
      );
    if (Number(exists) > 0 && force) {
      log(`dropping database ${db.database} (--force)`);
      await connection.query(`DROP DATABASE ${quoteIdent(db.database)}`);
    }
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS ${quoteIdent(db.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }

  const args = [
    `--defaults-extra-file=${writeClientDefaults(tmp, db)}`,
    '--default-character-set=utf8mb4',
    '--binary-mode',
    ...(skipBinlog ? ['--init-command=SET sql_log_bin=0'] : []),
    db.database,
  ];
  const child = spawn(client.name, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const input = keepDefiners ? createReadStream(plain) : withoutDefiners(plain);
  const exited = new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new OpsError(`${client.name} exited with ${code}: ${stderr.trim()}`)),
    );
  });
  input.on('error', (error) => {
    stderr += `\nreading the dump failed: ${error.message}`;
    child.kill();
  });
  input.pipe(child.stdin);
  child.stdin.on('error', () => undefined); // the exit code reports the failure
  await exited;

  const check = await mysqlConnect(db);
  try {
    const [[{ n }]] = await check.query(
      'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [db.database],
    );
    log(`loaded ${n} table(s) into ${db.database} on ${db.host}:${db.port}`);
    return { tables: Number(n) };
  } finally {
    await check.end();
  }
}

/** Finds the binlog coordinates mysqldump wrote near the top of the dump, if any. */
async function binlogCoordinates(plain) {
  const lines = createInterface({ input: createReadStream(plain, { end: 64 * 1024 }), crlfDelay: Infinity });
  for await (const line of lines) {
    const m = /(?:MASTER|SOURCE)_LOG_FILE='([^']+)',\s*(?:MASTER|SOURCE)_LOG_POS=(\d+)/.exec(line);
    if (m) {
      lines.close();
      return { file: m[1], position: Number(m[2]) };
    }
  }
  return null;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'database-url': { type: 'string' },
      force: { type: 'boolean' },
      'keep-definers': { type: 'boolean' },
      'skip-binlog': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const json = !!values.json;
  const log = (m) => {
    if (!json) process.stdout.write(`[restore] ${m}\n`);
  };
  if (positionals.length !== 1) throw new OpsError('usage: node scripts/restore.mjs <backup file> [--force]');
  const file = resolve(positionals[0]);
  if (!existsSync(file)) throw new OpsError(`${file} does not exist`);
  const db = parseDatabaseUrl(values['database-url'] ?? process.env.DATABASE_URL);
  const keys = [
    parseKey(process.env.BACKUP_ENCRYPTION_KEY),
    ...(process.env.BACKUP_DECRYPTION_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => parseKey(k, 'BACKUP_DECRYPTION_KEYS')),
  ];

  const started = Date.now();
  const header = readHeader(file);
  if (header.metadata.engine !== db.kind)
    throw new OpsError(`${file} is a ${header.metadata.engine} backup; DATABASE_URL is ${db.kind}`);
  log(
    `${file}: ${header.metadata.engine} backup of ${header.metadata.database} taken ${header.metadata.createdAt}`,
  );

  // Refuse early, before the (possibly long) decryption; the restore checks again just before it writes.
  const existing = await targetTableCount(db);
  if (existing > 0 && !values.force)
    throw new OpsError(
      `${db.kind === 'sqlite' ? db.file : `database ${db.database}`} already holds ${existing} table(s); refusing to restore over it without --force`,
      EXIT_REFUSED,
    );

  const tmp = privateTempDir('shala-restore-');
  try {
    const plain = join(tmp.dir, db.kind === 'sqlite' ? 'restore.sqlite' : 'restore.sql');
    try {
      await decryptFile(file, plain, keys);
    } catch (error) {
      if (error instanceof OpsError) throw new OpsError(error.message, EXIT_TAMPERED);
      throw error;
    }
    const decryptMs = Date.now() - started;
    log(`decrypted and verified (AES-256-GCM tag ok) in ${decryptMs} ms`);

    const loadStarted = Date.now();
    const result =
      db.kind === 'sqlite'
        ? await restoreSqlite(plain, db, !!values.force, log)
        : await restoreMysql(
            plain,
            db,
            {
              force: !!values.force,
              keepDefiners: !!values['keep-definers'],
              skipBinlog: !!values['skip-binlog'],
            },
            tmp.dir,
            log,
          );
    const coordinates = db.kind === 'mysql' ? await binlogCoordinates(plain) : null;
    const loadMs = Date.now() - loadStarted;
    const totalMs = Date.now() - started;
    if (coordinates)
      log(
        `binlog coordinates of the backup: ${coordinates.file} position ${coordinates.position}; for point-in-time recovery replay from there (docs/OPERATIONS.md)`,
      );
    log(`restore time: ${totalMs} ms (decrypt + verify ${decryptMs} ms, load ${loadMs} ms)`);
    log('next: run `node dist/cli.js migrate` if the backup predates the running version');
    if (json)
      process.stdout.write(
        `${JSON.stringify({ file, engine: db.kind, database: db.name, tables: result.tables, decryptMs, loadMs, totalMs, binlog: coordinates })}\n`,
      );
    return 0;
  } finally {
    tmp.cleanup();
  }
}

runMain(main);
