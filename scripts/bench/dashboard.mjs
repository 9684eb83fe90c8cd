#!/usr/bin/env node
// Dashboards benchmark (issue 14 item 1): the role dashboards against the built API on SQLite and/or
// MariaDB, on the scale seed (2,000 students in sections of 40, ATTENDANCE_DAYS school days of history)
// with a fee structure per class, every student invoiced, and PAYMENTS counter payments recorded today
// through the API. Each dashboard is requested READS times, one client at a time; prints p50/p95/p99 and
// statements per request (counted inside the API process, so they include the request's own session and
// permission lookups). The target (p99 <= 20 ms per card) is printed beside the numbers, not asserted.
// The family and operator dashboards need parent and operator accounts the scale seed does not create;
// the integration tests cover them.
//
//   pnpm -r run build   (or: cd apps/api && npx tsc -p tsconfig.build.json)
//   node scripts/bench/dashboard.mjs [--engine sqlite|mysql|both] [--students 2000] [--days 60]
//        [--payments 300] [--reads 300] [--server-url mysql://root@127.0.0.1:3306/] [--api-dist apps/api/dist]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireApi = createRequire(join(root, 'apps/api/package.json'));
const { authenticator } = requireApi('otplib');
const mysql = requireApi('mysql2/promise');

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    students: { type: 'string', default: '2000' },
    days: { type: 'string', default: '60' },
    payments: { type: 'string', default: '300' },
    reads: { type: 'string', default: '300' },
    'server-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/',
    },
    'api-dist': { type: 'string', default: 'apps/api/dist' },
  },
});
const STUDENTS = Number(values.students);
const ATTENDANCE_DAYS = Number(values.days);
const PAYMENTS = Number(values.payments);
const READS = Number(values.reads);
const PASSWORD = 'shala-demo-password';
const API_DIST = join(root, values['api-dist']);
const TARGET_P99_MS = 20;

const say = (m) => process.stdout.write(`${m}\n`);

/** Counts the statements the API process sends, and answers the count on a loopback port. */
const COUNTER_PRELOAD = `
const { createRequire } = require('node:module');
const http = require('node:http');
const req = createRequire(process.env.SHALA_BENCH_API_PACKAGE);
let count = 0;
try {
  const Database = req('better-sqlite3');
  const prepare = Database.prototype.prepare;
  let wrapped = false;
  Database.prototype.prepare = function (...args) {
    const statement = prepare.apply(this, args);
    if (!wrapped) {
      wrapped = true;
      const proto = Object.getPrototypeOf(statement);
      for (const m of ['run', 'all', 'get', 'iterate']) {
        const f = proto[m];
        proto[m] = function (...a) { count++; return f.apply(this, a); };
      }
    }
    return statement;
  };
} catch {}
try {
  const base = Object.getPrototypeOf(req('mysql2').Connection.prototype);
  for (const m of ['query', 'execute']) {
    const f = base[m];
    base[m] = function (...a) { count++; return f.apply(this, a); };
  }
} catch {}
http.createServer((_, res) => res.end(String(count))).listen(Number(process.env.SHALA_BENCH_COUNTER_PORT), '127.0.0.1').unref();
`;

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.at(-1),
    total: s.reduce((a, b) => a + b, 0),
  };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function prepare(engine) {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shala-bench-dashboard-'));
    return {
      url: `sqlite:${join(dir, 'bench.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
      label: 'SQLite (embedded, WAL)',
    };
  }
  const server = new URL(values['server-url'].replace(/^mariadb:/, 'mysql:'));
  const name = `shala_bench_dashboard_${Date.now()}`;
  const connect = () =>
    mysql.createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username || 'root'),
      password: decodeURIComponent(server.password || ''),
    });
  const admin = await connect();
  const [[{ v }]] = await admin.query('SELECT VERSION() AS v');
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    label: `MySQL/MariaDB ${v} (${server.host}, TCP loopback)`,
    drop: async () => {
      const c = await connect();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

function cli(env, args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(API_DIST, 'cli.js'), ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout.trim(), ms: Date.now() - started };
}

async function call(base, token, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
}

async function signIn(base, email) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ institution: 'scale-0001', email, password: PASSWORD }),
  }).then((r) => r.json());
  if (login.accessToken) return login.accessToken;
  const start = await call(base, null, 'POST', '/api/v1/auth/mfa/enrollment', { mfaToken: login.mfaToken });
  const done = await call(base, null, 'POST', '/api/v1/auth/mfa/enrollment/confirm', {
    mfaToken: login.mfaToken,
    code: authenticator.generate(start.secret),
  });
  return done.accessToken;
}

const itemsOf = (x) => (Array.isArray(x) ? x : x.items);

/** Runs `jobs` with `concurrency` in flight; answers each job's latency. */
async function pool(jobs, concurrency, fn) {
  const latencies = [];
  let next = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= jobs.length) return;
        const started = process.hrtime.bigint();
        try {
          await fn(jobs[i], i);
        } catch (e) {
          if (errors++ < 3) say(`  error: ${e.message}`);
        }
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  return { latencies, errors };
}

async function run(engine) {
  const db = await prepare(engine);
  const port = await freePort();
  const counterPort = await freePort();
  const preload = join(mkdtempSync(join(tmpdir(), 'shala-bench-preload-')), 'count-statements.cjs');
  writeFileSync(preload, COUNTER_PRELOAD);
  const env = {
    ...process.env,
    APP_ENV: 'development',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    DB_POOL_SIZE: '20',
    // No outbox polling in the API process: its statements would count against the requests.
    WORKER_IN_PROCESS: 'false',
  };
  let server;
  let failures = 0;
  try {
    say(`\n== ${db.label}, one API process`);
    cli(env, ['migrate']);
    const seed = cli(env, [
      'seed',
      '--institutions',
      '1',
      '--students',
      String(STUDENTS),
      '--attendance-days',
      String(ATTENDANCE_DAYS),
    ]);
    say(`seed: ${seed.out.split('\n').at(-1)} (${(seed.ms / 1000).toFixed(1)} s)`);
    server = spawn(process.execPath, ['--require', preload, join(API_DIST, 'main.js')], {
      env: {
        ...env,
        PORT: String(port),
        SHALA_BENCH_COUNTER_PORT: String(counterPort),
        SHALA_BENCH_API_PACKAGE: join(root, 'apps/api/package.json'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(`${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const statements = async () => Number(await (await fetch(`http://127.0.0.1:${counterPort}/`)).text());
    const admin = await signIn(base, 'admin@scale-0001.test');
    const accountant = await signIn(base, 'accountant@scale-0001.test');
    const teacher = await signIn(base, 'teacher1@scale-0001.test');
    const as = (token) => (method, path, body) => call(base, token, method, `/api/v1${path}`, body);
    const api = as(admin);

    // Fees as a school sets them up: a structure per class (one instalment already due, one at the
    // year's end), every student invoiced, then PAYMENTS counter payments today.
    const years = itemsOf(await api('GET', '/academics/years'));
    const year = years.find((y) => y.current) ?? years[0];
    const classes = itemsOf(await api('GET', '/academics/classes'));
    const tuition = (await api('POST', '/fees/heads', { name: 'Tuition', optional: false })).id;
    let invoices = 0;
    for (const c of classes) {
      const structure = await api('POST', '/fees/structures', {
        classId: c.id,
        name: `${c.name} fees`,
        instalments: [
          { label: 'Term 1', dueDate: year.startsOn, lines: [{ headId: tuition, amount: 10_000_00 }] },
          { label: 'Term 2', dueDate: year.endsOn, lines: [{ headId: tuition, amount: 10_000_00 }] },
        ],
      });
      invoices += (await api('POST', `/fees/structures/${structure.id}/invoices`)).created;
    }
    const studentIds = [];
    for (let cursor = null; studentIds.length < PAYMENTS;) {
      const page = await api(
        'GET',
        `/students?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      studentIds.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const methods = ['cash', 'upi', 'card', 'bank_transfer'];
    const paid = await pool(
      Array.from({ length: PAYMENTS }, (_, i) => i),
      5,
      (i) =>
        as(accountant)('POST', `/fees/students/${studentIds[i % studentIds.length]}/payments`, {
          amount: 1_000_00 + (i % 97) * 100,
          method: methods[i % methods.length],
          reference: methods[i % methods.length] === 'cash' ? null : `BENCH-${i}`,
        }),
    );
    failures += paid.errors;
    const first = await api('GET', '/dashboard/admin');
    say(
      `data: ${STUDENTS} students, ${ATTENDANCE_DAYS} days of attendance, ${invoices} invoices, ${PAYMENTS} payments today (${first.date}); admin sees ${JSON.stringify(first.fees)}`,
    );

    const rows = [];
    const measure = async (name, token, path) => {
      const before = await statements();
      const { latencies, errors } = await pool(
        Array.from({ length: READS }, (_, i) => i),
        1,
        () => call(base, token, 'GET', `/api/v1${path}`),
      );
      const sql = (await statements()) - before;
      failures += errors;
      rows.push({ name, s: stats(latencies), sql, n: READS, errors });
    };
    await measure('admin dashboard', admin, '/dashboard/admin');
    await measure('teacher dashboard', teacher, '/dashboard/teacher');
    await measure('accountant dashboard', accountant, '/dashboard/accountant');
    await measure(`day-close JSON (${PAYMENTS} payments)`, accountant, '/fees/day-close');
    await measure('day-close CSV', accountant, '/fees/day-close/export');

    say(
      `\n${'operation'.padEnd(34)} ${'n'.padStart(5)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)} ${'stmts/req'.padStart(10)}   target p99`,
    );
    for (const r of rows)
      say(
        `${r.name.padEnd(34)} ${String(r.s.n).padStart(5)} ${fmt(r.s.p50).padStart(9)} ${fmt(r.s.p95).padStart(9)} ${fmt(r.s.p99).padStart(9)} ${fmt(r.s.max).padStart(9)} ${(r.sql / r.n).toFixed(1).padStart(10)}   <= ${TARGET_P99_MS} ms ${r.s.p99 <= TARGET_P99_MS ? 'met' : 'NOT met'}`,
      );
    say(`errors: ${rows.map((r) => `${r.name} ${r.errors}`).join(', ')}; payments ${paid.errors}`);
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dirname(preload), { recursive: true, force: true });
    await db.drop();
  }
  return failures;
}

say(
  `dashboard bench: ${STUDENTS} students; each dashboard ${READS} times, one client (issue 14: p99 <= ${TARGET_P99_MS} ms)`,
);
const engines = values.engine === 'both' ? ['sqlite', 'mysql'] : [values.engine];
let failures = 0;
for (const engine of engines) failures += await run(engine);
process.exit(failures > 0 ? 1 : 0);
