#!/usr/bin/env node
// The restore drill (OPS-03): proves that a backup restores to the same data.
//
//   node scripts/backup-drill.mjs [--engine sqlite|mysql|all] [--server-url mysql://root@127.0.0.1:3306/]
//
// For each engine: create a fresh database, migrate and seed the demo, record per-table row counts and
// checksums (and the schema: triggers, indexes), back up with scripts/backup.mjs, check the rotation and
// that an altered backup or a wrong key is refused, wipe the database, restore with scripts/restore.mjs,
// compare everything, check that a second restore over the now non-empty database is refused, and verify
// the audit chain with `cli.js audit:verify` when the CLI has it. Prints the restore time. The MySQL
// drill uses TEST_DATABASE_URL (a server URL) or root@127.0.0.1:3306; with --engine all it is skipped when
// no server answers, unless REQUIRE_MYSQL=1. Exits non-zero on any mismatch.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  OpsError,
  apiDir,
  compactUtc,
  mysqlConnect,
  mysqlDatabaseUrl,
  parseDatabaseUrl,
  privateTempDir,
  quoteIdent,
  root,
  runMain,
} from './ops/common.mjs';
import { readHeader } from './ops/backup-format.mjs';
import { compareSnapshots, mysqlSnapshot, sqliteSnapshot } from './ops/db-snapshot.mjs';

const cli = join(apiDir, 'dist', 'cli.js');
const AUDIT_TABLE = 'audit_events';

function portAnswers(host, port) {
  return new Promise((resolvePromise) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolvePromise(true)));
    socket.once('timeout', () => (socket.destroy(), resolvePromise(false)));
    socket.once('error', () => resolvePromise(false));
    socket.connect(port, host);
  });
}

function indent(text) {
  return text
    .trim()
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n');
}

/** One drill: a list of checks, each printed as it runs; failures are collected, never thrown past. */
class Drill {
  constructor(title) {
    this.title = title;
    this.failures = [];
    process.stdout.write(`\n== backup drill: ${title}\n`);
  }
  pass(name, detail = '') {
    process.stdout.write(`  ok    ${name}${detail ? ` — ${detail}` : ''}\n`);
  }
  fail(name, reason) {
    this.failures.push(`${name}: ${reason}`);
    process.stdout.write(`  FAIL  ${name}: ${reason}\n`);
  }
  note(text) {
    process.stdout.write(`  note  ${text}\n`);
  }
  /** Runs `fn`; an exception fails the check (and the drill carries on unless `critical`). */
  async check(name, fn, { critical = false } = {}) {
    try {
      const detail = await fn();
      this.pass(name, detail ?? '');
      return true;
    } catch (error) {
      this.fail(name, error instanceof Error ? error.message : String(error));
      if (critical) throw new OpsError(`${this.title}: stopped after "${name}" failed`);
      return false;
    }
  }
}

function node(args, env) {
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function mustRun(what, args, env) {
  const r = node(args, env);
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\n${indent(r.stderr || r.stdout)}`);
  return r;
}

function lastJsonLine(text) {
  const line = text
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON summary in the output:\n${indent(text)}`);
  return JSON.parse(line);
}

let auditVerifyAvailable;
function hasAuditVerify() {
  if (auditVerifyAvailable === undefined) {
    const r = node([cli], { ...process.env, METRICS_PORT: '0' });
    auditVerifyAvailable = /audit:verify/.test(`${r.stdout}${r.stderr}`);
  }
  return auditVerifyAvailable;
}

/** `cli.js audit:verify`: JSON {ok, checked} per institution, non-zero exit on a broken chain. */
async function verifyAudit(drill, label, env) {
  if (!hasAuditVerify()) {
    drill.note(`audit chain (${label}): \`cli.js audit:verify\` is not available yet in this build; skipped`);
    return;
  }
  await drill.check(`audit chain verifies (${label})`, () => {
    const r = node([cli, 'audit:verify'], env);
    const results = r.stdout
      .split('\n')
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => JSON.parse(l));
    const broken = results.filter((x) => x.ok === false);
    if (r.code !== 0 || broken.length > 0)
      throw new Error(`audit:verify exited ${r.code}\n${indent(r.stdout + r.stderr)}`);
    const checked = results.reduce((n, x) => n + (Number(x.checked) || 0), 0);
    return `${results.length} institution chain(s), ${checked} event(s) checked`;
  });
}

function describeSnapshot(snapshot) {
  const tables = Object.entries(snapshot.tables);
  const rows = tables.reduce((n, [, t]) => n + t.rows, 0);
  const audit = snapshot.tables[AUDIT_TABLE];
  return `${tables.length} tables, ${rows} rows, ${snapshot.triggers.length} trigger(s); ${AUDIT_TABLE}: ${audit ? `${audit.rows} rows` : 'absent (not migrated yet)'}`;
}

/** Flips one byte of a copy of `file` at `offset` (negative: from the end). */
function tamperedCopy(file, target, offset) {
  copyFileSync(file, target);
  const bytes = readFileSync(target);
  const at = offset < 0 ? bytes.length + offset : offset;
  bytes[at] ^= 0x01;
  writeFileSync(target, bytes);
  return target;
}

async function runDrill({ engine, serverUrl }) {
  const drill = new Drill(engine === 'sqlite' ? 'SQLite' : `MySQL/MariaDB (${new URL(serverUrl).host})`);
  const tmp = privateTempDir('shala-drill-');
  const backups = join(tmp.dir, 'backups');
  mkdirSync(backups, { recursive: true });
  const drillDb = `shala_drill_${compactUtc().toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const databaseUrl =
    engine === 'sqlite' ? `sqlite:${join(tmp.dir, 'drill.sqlite')}` : mysqlDatabaseUrl(serverUrl, drillDb);
  const db = parseDatabaseUrl(databaseUrl);
  const env = {
    ...process.env,
    APP_ENV: 'development',
    DEMO_MODE: 'true',
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
    DATABASE_URL: databaseUrl,
    DB_CONNECT_RETRIES: '0',
    BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BACKUP_DECRYPTION_KEYS: '',
  };
  const snapshot = () => (engine === 'sqlite' ? sqliteSnapshot(db.file) : mysqlSnapshot(db));
  let restoreMs = null;

  try {
    if (engine === 'mysql') {
      await drill.check(
        'create a fresh database',
        async () => {
          const c = await mysqlConnect(db);
          try {
            await c.query(
              `CREATE DATABASE ${quoteIdent(drillDb)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
            );
          } finally {
            await c.end();
          }
          return drillDb;
        },
        { critical: true },
      );
    }
    await drill.check('migrate', () => mustRun('migrate', [cli, 'migrate'], env).stdout.trim(), {
      critical: true,
    });
    await drill.check('seed the demo', () => mustRun('seed', [cli, 'seed', '--demo'], env).stdout.trim(), {
      critical: true,
    });
    await verifyAudit(drill, 'before the backup', env);

    let before;
    await drill.check(
      'record row counts and checksums',
      async () => describeSnapshot((before = await snapshot())),
      {
        critical: true,
      },
    );

    // Rotation: a 31-day-old backup goes, a 29-day-old one and unrelated files stay.
    const day = 86_400_000;
    const planted = {
      old: `shala-${engine}-old-${compactUtc(new Date(Date.now() - 31 * day))}.sql.gz.enc`,
      recent: `shala-${engine}-old-${compactUtc(new Date(Date.now() - 29 * day))}.sql.gz.enc`,
      other: 'operator-notes.txt',
    };
    for (const name of Object.values(planted)) writeFileSync(join(backups, name), 'planted by the drill');

    let backup;
    await drill.check(
      'back up (compressed, AES-256-GCM)',
      () => {
        backup = lastJsonLine(
          mustRun('backup', [join(root, 'scripts/backup.mjs'), '--dir', backups, '--json'], env).stdout,
        );
        const header = readHeader(backup.file);
        if (header.metadata.engine !== engine)
          throw new Error(`header names engine ${header.metadata.engine}`);
        if (readFileSync(backup.file).includes(Buffer.from('CREATE TABLE')))
          throw new Error('the backup file contains plaintext SQL');
        return `${backup.file.replace(/^.*\//, '')}, ${backup.bytes} bytes in ${backup.tookMs} ms`;
      },
      { critical: true },
    );
    await drill.check('30-day rotation deletes only backups older than 30 days', () => {
      const left = new Set(readdirSync(backups));
      if (left.has(planted.old)) throw new Error(`${planted.old} was kept`);
      if (!left.has(planted.recent) || !left.has(planted.other))
        throw new Error('a newer backup or another file was deleted');
      return `deleted ${backup.rotated.join(', ') || 'nothing'}`;
    });

    // An altered file (ciphertext or header) and a wrong key must be refused before anything is written.
    const scratchUrl =
      engine === 'sqlite'
        ? `sqlite:${join(tmp.dir, 'scratch.sqlite')}`
        : mysqlDatabaseUrl(serverUrl, `${drillDb}_x`);
    const refused = (file, extraEnv = {}) => {
      const r = node([join(root, 'scripts/restore.mjs'), file], {
        ...env,
        ...extraEnv,
        DATABASE_URL: scratchUrl,
      });
      if (r.code !== 3)
        throw new Error(
          `restore exited ${r.code}, expected 3 (authentication failed)\n${indent(r.stderr + r.stdout)}`,
        );
      return r.stderr.trim().split('\n').pop();
    };
    await drill.check('an altered ciphertext byte is refused', () =>
      refused(tamperedCopy(backup.file, join(tmp.dir, 'tampered-body.enc'), -100)),
    );
    await drill.check('an altered header byte is refused', () =>
      refused(tamperedCopy(backup.file, join(tmp.dir, 'tampered-header.enc'), 45)),
    );
    await drill.check('a wrong key is refused', () =>
      refused(backup.file, { BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('base64') }),
    );
    if (engine === 'sqlite' ? existsSync(parseDatabaseUrl(scratchUrl).file) : false)
      drill.fail('refused restores write nothing', 'the scratch database was created');

    await drill.check(
      'wipe the database',
      async () => {
        if (engine === 'sqlite') {
          for (const suffix of ['', '-wal', '-shm']) rmSync(`${db.file}${suffix}`, { force: true });
          if (existsSync(db.file)) throw new Error('the file is still there');
          return `deleted ${db.file}`;
        }
        const c = await mysqlConnect(db);
        try {
          await c.query(`DROP DATABASE ${quoteIdent(drillDb)}`);
        } finally {
          await c.end();
        }
        return `dropped ${drillDb}`;
      },
      { critical: true },
    );

    await drill.check(
      'restore',
      () => {
        const started = process.hrtime.bigint();
        const r = mustRun('restore', [join(root, 'scripts/restore.mjs'), backup.file, '--json'], env);
        restoreMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
        const summary = lastJsonLine(r.stdout);
        return `${summary.tables} tables; restore time ${restoreMs} ms end to end (decrypt + verify ${summary.decryptMs} ms, load ${summary.loadMs} ms)`;
      },
      { critical: true },
    );

    let after;
    await drill.check('row counts, checksums and schema match', async () => {
      after = await snapshot();
      const problems = compareSnapshots(before, after);
      if (problems.length) throw new Error(`\n${indent(problems.join('\n'))}`);
      return describeSnapshot(after);
    });
    await drill.check(`${AUDIT_TABLE} survived`, () => {
      const a = before.tables[AUDIT_TABLE];
      const b = after?.tables[AUDIT_TABLE];
      if (!a && !b) return 'table absent before and after (the audit log is not migrated in this build)';
      if (!a || !b || a.rows !== b.rows || a.checksum !== b.checksum) throw new Error('audit rows differ');
      return `${b.rows} rows, checksum ${b.checksum.slice(0, 12)}…, triggers ${after.triggers.filter((t) => /audit/i.test(t)).join(', ') || 'none'}`;
    });

    await drill.check('a restore over the non-empty database is refused without --force', async () => {
      const r = node([join(root, 'scripts/restore.mjs'), backup.file], env);
      if (r.code !== 2)
        throw new Error(`restore exited ${r.code}, expected 2\n${indent(r.stderr + r.stdout)}`);
      const problems = compareSnapshots(before, await snapshot());
      if (problems.length) throw new Error(`the database changed: ${problems.join('; ')}`);
      return r.stderr.trim().split('\n').pop();
    });

    await verifyAudit(drill, 'after the restore', env);
  } catch (error) {
    if (!(error instanceof OpsError))
      drill.fail('drill', error instanceof Error ? error.stack : String(error));
  } finally {
    if (engine === 'mysql') {
      try {
        const c = await mysqlConnect(db);
        try {
          await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(drillDb)}`);
          await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(`${drillDb}_x`)}`);
        } finally {
          await c.end();
        }
      } catch (error) {
        drill.note(`could not drop ${drillDb}: ${error instanceof Error ? error.message : error}`);
      }
    }
    tmp.cleanup();
  }

  if (restoreMs !== null) process.stdout.write(`  restore time (${drill.title}): ${restoreMs} ms\n`);
  process.stdout.write(
    drill.failures.length
      ? `  ${drill.title}: FAILED (${drill.failures.length} check(s))\n`
      : `  ${drill.title}: passed\n`,
  );
  return drill.failures.length === 0;
}

async function main() {
  const { values } = parseArgs({
    options: { engine: { type: 'string', default: 'all' }, 'server-url': { type: 'string' } },
  });
  const engine = values.engine;
  if (!['sqlite', 'mysql', 'all'].includes(engine))
    throw new OpsError('--engine must be sqlite, mysql or all');
  if (!existsSync(cli)) throw new OpsError(`${cli} is missing: build first (npm run build)`);

  let ok = true;
  if (engine === 'sqlite' || engine === 'all') ok = (await runDrill({ engine: 'sqlite' })) && ok;
  if (engine === 'mysql' || engine === 'all') {
    const serverUrl = values['server-url'] ?? process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/';
    const server = parseDatabaseUrl(serverUrl);
    const up = await portAnswers(server.host, server.port);
    if (up) ok = (await runDrill({ engine: 'mysql', serverUrl })) && ok;
    else if (engine === 'mysql' || process.env.REQUIRE_MYSQL === '1') {
      process.stdout.write(
        `\nNo MySQL/MariaDB answers on ${server.host}:${server.port}; the MySQL drill fails.\n`,
      );
      ok = false;
    } else
      process.stdout.write(
        `\nNo MySQL/MariaDB answers on ${server.host}:${server.port}; MySQL drill skipped.\n`,
      );
  }
  return ok ? 0 : 1;
}

runMain(main);
