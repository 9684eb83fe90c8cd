#!/usr/bin/env node
// Encrypted database backup (OPS-03, PRV-04).
//
//   node scripts/backup.mjs [--dir DIR] [--retention-days N] [--database-url URL] [--json]
//
// MySQL/MariaDB: mysqldump (or mariadb-dump) --single-transaction --routines --triggers --events, with the
// binary-log coordinates recorded in the dump when the server writes a binlog (for point-in-time
// recovery). SQLite: the online backup API (better-sqlite3 `db.backup()`), safe while the API runs.
// The dump is gzip-compressed and encrypted with AES-256-GCM under BACKUP_ENCRYPTION_KEY (32 bytes,
// base64) into DIR/shala-<engine>-<db>-<UTC timestamp>.<sql|sqlite>.gz.enc, then backups in DIR older
// than the retention (30 days) are deleted. Environment: DATABASE_URL, BACKUP_ENCRYPTION_KEY,
// BACKUP_DIR (./backups), BACKUP_RETENTION_DAYS (30), BACKUP_BINLOG_COORDINATES (auto|true|false).
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  OpsError,
  compactUtc,
  formatBytes,
  mysqlConnect,
  mysqlTools,
  parseCompactUtc,
  parseDatabaseUrl,
  privateTempDir,
  requireApi,
  runMain,
  writeClientDefaults,
} from './ops/common.mjs';
import { encryptToFile, keyId, parseKey } from './ops/backup-format.mjs';

export const BACKUP_NAME = /^shala-(sqlite|mysql)-([A-Za-z0-9_-]+)-(\d{8}T\d{6}Z)\.(sql|sqlite)\.gz\.enc$/;

const say = (json, message) => {
  if (!json) process.stdout.write(`[backup] ${message}\n`);
};

/** SQLite: a consistent copy through the online backup API, then checked before it is encrypted. */
async function sqliteSource(db, tmp) {
  if (!existsSync(db.file)) throw new OpsError(`the SQLite database ${db.file} does not exist`);
  const Database = requireApi('better-sqlite3');
  const copy = join(tmp, 'snapshot.sqlite');
  const source = new Database(db.file, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(copy);
  } finally {
    source.close();
  }
  const check = new Database(copy, { readonly: true });
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new OpsError(`the backup copy failed PRAGMA quick_check: ${result}`);
  } finally {
    check.close();
  }
  return {
    stream: createReadStream(copy),
    tool: `better-sqlite3 online backup`,
    finished: Promise.resolve(),
  };
}

/** MySQL/MariaDB: streams mysqldump's output; resolves `finished` once it exited cleanly and completely. */
async function mysqlSource(db, tmp) {
  if (!db.database) throw new OpsError('DATABASE_URL names no database (mysql://user:pass@host:3306/<db>)');
  const { dump } = mysqlTools();
  if (!dump) throw new OpsError('neither mysqldump nor mariadb-dump is installed');

  const connection = await mysqlConnect(db);
  let logBin = false;
  try {
    const [[row]] = await connection.query('SELECT @@log_bin AS logBin');
    logBin = Number(row.logBin) === 1;
    const [tables] = await connection.query(
      'SELECT COUNT(*) AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [db.database],
    );
    if (Number(tables[0].n) === 0) throw new OpsError(`database ${db.database} does not exist`);
  } finally {
    await connection.end();
  }
  const coordinatesSetting = (process.env.BACKUP_BINLOG_COORDINATES ?? 'auto').toLowerCase();
  const withCoordinates = coordinatesSetting === 'auto' ? logBin : coordinatesSetting === 'true';

  const args = [
    `--defaults-extra-file=${writeClientDefaults(tmp, db)}`,
    '--single-transaction',
    '--quick',
    '--routines',
    '--triggers',
    '--events',
    '--hex-blob',
    '--no-tablespaces',
    '--default-character-set=utf8mb4',
  ];
  if (!dump.mariadb) args.push('--set-gtid-purged=OFF', '--column-statistics=0');
  // The binlog file and position of the dump's snapshot, as a comment: where point-in-time recovery
  // starts replaying (needs RELOAD and REPLICATION CLIENT).
  if (withCoordinates) args.push(dump.mariadb ? '--master-data=2' : '--source-data=2');
  args.push(db.database);

  const child = spawn(dump.name, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // Watch the stream for the binlog coordinates (near the top) and the completion marker (the end).
  let head = '';
  let tail = '';
  let coordinates = null;
  const tap = new PassThrough();
  tap.on('data', (chunk) => {
    if (head.length < 64 * 1024) {
      head += chunk.toString('utf8');
      const m = /(?:MASTER|SOURCE)_LOG_FILE='([^']+)',\s*(?:MASTER|SOURCE)_LOG_POS=(\d+)/.exec(head);
      if (m && !coordinates) coordinates = { file: m[1], position: Number(m[2]) };
    }
    tail = (tail + chunk.toString('utf8')).slice(-512);
  });
  child.stdout.pipe(tap);
  const finished = new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new OpsError(`${dump.name} exited with ${code}: ${stderr.trim()}`));
      else if (!/-- Dump completed/.test(tail))
        reject(new OpsError(`${dump.name} output is incomplete (no "Dump completed" marker)`));
      else resolvePromise();
    });
  });
  return {
    stream: tap,
    tool: dump.version,
    finished,
    coordinates: () => coordinates,
    logBin,
    abort: () => child.kill('SIGTERM'),
  };
}

/** Deletes Shala backups in `dir` (by their file name's timestamp) older than `days`; returns their names. */
export function rotate(dir, days, keep, now = Date.now()) {
  const cutoff = now - days * 86_400_000;
  const deleted = [];
  for (const name of readdirSync(dir)) {
    const m = BACKUP_NAME.exec(name);
    if (!m || name === keep) continue;
    const at = parseCompactUtc(m[3]);
    if (at !== null && at < cutoff) {
      rmSync(join(dir, name), { force: true });
      deleted.push(name);
    }
  }
  return deleted.sort();
}

async function main() {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      'retention-days': { type: 'string' },
      'database-url': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const json = !!values.json;
  const db = parseDatabaseUrl(values['database-url'] ?? process.env.DATABASE_URL);
  const key = parseKey(process.env.BACKUP_ENCRYPTION_KEY);
  const dir = resolve(values.dir ?? process.env.BACKUP_DIR ?? 'backups');
  const days = Number(values['retention-days'] ?? process.env.BACKUP_RETENTION_DAYS ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new OpsError('the retention must be a whole number of days from 1 to 3650');
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const started = Date.now();
  const createdAt = new Date(started);
  const safeName = (db.name || 'db').replace(/[^A-Za-z0-9_-]+/g, '_');
  const name = `shala-${db.kind}-${safeName}-${compactUtc(createdAt)}.${db.kind === 'sqlite' ? 'sqlite' : 'sql'}.gz.enc`;
  const target = join(dir, name);
  if (existsSync(target)) throw new OpsError(`${target} already exists; wait a second and run again`);
  const partial = join(dir, `.${name}.partial`);

  const tmp = privateTempDir('shala-backup-');
  try {
    say(
      json,
      `backing up ${db.kind} database ${db.kind === 'sqlite' ? db.file : `${db.database} on ${db.host}:${db.port}`}`,
    );
    const source = db.kind === 'sqlite' ? await sqliteSource(db, tmp.dir) : await mysqlSource(db, tmp.dir);
    const metadata = {
      app: 'shala',
      engine: db.kind,
      database: db.name,
      createdAt: createdAt.toISOString(),
      tool: source.tool,
    };
    let plainBytes;
    try {
      [{ plainBytes }] = await Promise.all([
        encryptToFile(source.stream, partial, key, metadata),
        source.finished,
      ]);
    } catch (error) {
      source.abort?.();
      rmSync(partial, { force: true });
      throw error;
    }
    renameSync(partial, target);
    const bytes = statSync(target).size;
    const coordinates = source.coordinates?.() ?? null;
    const rotated = rotate(dir, days, name);
    const tookMs = Date.now() - started;

    say(
      json,
      `wrote ${target} (${formatBytes(bytes)} encrypted, ${formatBytes(plainBytes)} before compression) in ${tookMs} ms`,
    );
    say(json, `encryption: AES-256-GCM with a per-file key derived from key id ${keyId(key)}`);
    if (db.kind === 'mysql')
      say(
        json,
        coordinates
          ? `binlog coordinates: ${coordinates.file} position ${coordinates.position} (point-in-time recovery replays from here)`
          : source.logBin
            ? 'binlog coordinates not recorded (BACKUP_BINLOG_COORDINATES=false)'
            : 'the server writes no binary log: point-in-time recovery is not possible (see docs/OPERATIONS.md)',
      );
    say(
      json,
      rotated.length
        ? `rotation: deleted ${rotated.length} backup(s) older than ${days} days: ${rotated.join(', ')}`
        : `rotation: nothing older than ${days} days`,
    );
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ file: target, engine: db.kind, database: db.name, bytes, plainBytes, tookMs, rotated, binlog: coordinates })}\n`,
      );
    }
    return 0;
  } finally {
    tmp.cleanup();
  }
}

runMain(main);
