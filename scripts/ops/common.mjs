// Shared helpers for the operations scripts (backup, restore, drill, nginx and compose checks).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const apiDir = join(root, 'apps', 'api');

/** Loads a package the API depends on (better-sqlite3, mysql2) from apps/api's node_modules. */
export const requireApi = createRequire(join(apiDir, 'package.json'));

export class OpsError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.name = 'OpsError';
    this.exitCode = exitCode;
  }
}

/** Prints the message of an OpsError (or the stack of anything else) and exits with its code. */
export function runMain(main) {
  main().then(
    (code) => process.exit(typeof code === 'number' ? code : 0),
    (error) => {
      if (error instanceof OpsError) process.stderr.write(`error: ${error.message}\n`);
      else
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(error instanceof OpsError ? error.exitCode : 1);
    },
  );
}

/**
 * Parses DATABASE_URL the way the API does: `sqlite:<file>` (relative to the working directory) or
 * `mysql://user:pass@host:3306/db` (`mariadb://` is an alias; `?socket=/path` connects over that Unix socket).
 */
export function parseDatabaseUrl(url, cwd = process.cwd()) {
  if (!url) throw new OpsError('DATABASE_URL is not set (or pass --database-url)');
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path || path === ':memory:') throw new OpsError('DATABASE_URL: sqlite: needs a file path');
    const file = isAbsolute(path) ? path : resolve(cwd, path);
    return { kind: 'sqlite', file, name: file.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '') };
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    const socket = u.searchParams.get('socket');
    return {
      kind: 'mysql',
      host: u.hostname || '127.0.0.1',
      port: Number(u.port || 3306),
      ...(socket ? { socket } : {}),
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password || ''),
      database,
      name: database,
    };
  }
  throw new OpsError('DATABASE_URL must start with sqlite:, mysql:// or mariadb://');
}

/** The URL of one database on a server URL such as mysql://root@127.0.0.1:3306/ . */
export function mysqlDatabaseUrl(serverUrl, database) {
  const u = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  u.pathname = `/${database}`;
  return u.toString();
}

/** A private temporary directory (mode 0700) that `cleanup()` removes. */
export function privateTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A my.cnf with the credentials, so the password never appears in the process list. */
export function writeClientDefaults(dir, db) {
  const file = join(dir, 'client.cnf');
  const quote = (v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  writeFileSync(
    file,
    `[client]\n${db.socket ? `socket=${quote(db.socket)}\n` : `host=${quote(db.host)}\nport=${db.port}\n`}user=${quote(db.user)}\n${db.password ? `password=${quote(db.password)}\n` : ''}`,
    { mode: 0o600 },
  );
  return file;
}

/** The first of `names` found on PATH, or null. */
export function findTool(names) {
  for (const name of names) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (r.status === 0)
      return { name, version: (r.stdout || r.stderr).trim(), mariadb: /mariadb/i.test(r.stdout) };
  }
  return null;
}

/** The MySQL/MariaDB dump tool (BACKUP_MYSQLDUMP overrides) and client (BACKUP_MYSQL_CLIENT overrides). */
export function mysqlTools() {
  const dump = findTool(
    process.env.BACKUP_MYSQLDUMP ? [process.env.BACKUP_MYSQLDUMP] : ['mysqldump', 'mariadb-dump'],
  );
  const client = findTool(
    process.env.BACKUP_MYSQL_CLIENT ? [process.env.BACKUP_MYSQL_CLIENT] : ['mysql', 'mariadb'],
  );
  return { dump, client };
}

/** Opens a mysql2/promise connection (no database selected unless `database` is given). */
export async function mysqlConnect(db, { database, ...options } = {}) {
  const mysql = requireApi('mysql2/promise');
  return mysql.createConnection({
    ...(db.socket ? { socketPath: db.socket } : { host: db.host, port: db.port }),
    user: db.user,
    password: db.password,
    ...(database ? { database } : {}),
    multipleStatements: false,
    connectTimeout: 5000,
    ...options,
  });
}

export const quoteIdent = (name) => `\`${String(name).replace(/`/g, '``')}\``;

/** Runs a command, resolving with its exit code and captured output; stdio may be overridden. */
export function runCommand(cmd, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 1 : 0), stdout, stderr }));
  });
}

/** 2025-11-22T06:45:12.345Z -> 20251122T064512Z */
export function compactUtc(date = new Date()) {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

export function parseCompactUtc(text) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
