// Shared by the API benchmarks (dashboard.mjs, exams.mjs): a throwaway database on either engine, the
// built API started on it with a statement counter preloaded, sign-in, a request helper, a worker pool and
// latency statistics.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireApi = createRequire(join(root, 'apps/api/package.json'));
const { authenticator } = requireApi('otplib');
const mysql = requireApi('mysql2/promise');
const PASSWORD = 'shala-demo-password';

export const say = (m) => process.stdout.write(`${m}\n`);

/**
 * The built API's environment in the pipeline benchmarks (compare.mjs, ab-api.mjs): the database at
 * `databaseUrl`, quiet logs, no metrics listener, the worker out of process, and the per-user API limit
 * (600/min) out of reach, which would otherwise answer most of the load 429 (the limiter still runs).
 */
export function benchApiEnv(databaseUrl, jwtSecret) {
  return {
    ...process.env,
    APP_ENV: 'development',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    DB_POOL_SIZE: '20',
    WORKER_IN_PROCESS: 'false',
    API_RATE_LIMIT_PER_MINUTE: '10000000',
    SHALA_BENCH_API_PACKAGE: join(root, 'apps/api/package.json'),
  };
}

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

export function freePort() {
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

export function stats(samples) {
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

export const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function prepare(engine, name, serverUrl) {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `shala-bench-${name}-`));
    return {
      url: `sqlite:${join(dir, 'bench.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
      label: 'SQLite (embedded, WAL)',
    };
  }
  const server = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  const database = `shala_bench_${name}_${Date.now()}`;
  const connect = () =>
    mysql.createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username || 'root'),
      password: decodeURIComponent(server.password || ''),
    });
  const admin = await connect();
  const [[{ v }]] = await admin.query('SELECT VERSION() AS v');
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    label: `MySQL/MariaDB ${v} (${server.host}, TCP loopback)`,
    drop: async () => {
      const c = await connect();
      await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await c.end();
    },
  };
}

function cli(apiDist, env, args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(apiDist, 'cli.js'), ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout.trim(), ms: Date.now() - started };
}

export async function call(base, token, method, path, body) {
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

/** The demo TOTP secret the seed enrols accounts it creates with MFA (the platform operator). */
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

/**
 * A token for `email` of the scale seed's first school (or another institution), enrolling MFA when its
 * role needs it and the account has none, or answering the demo TOTP code when it is enrolled.
 */
export async function signIn(base, email, institution = 'scale-0001') {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ institution, email, password: PASSWORD }),
  }).then((r) => r.json());
  if (login.accessToken) return login.accessToken;
  if (login.mfaRequired) {
    const verified = await call(base, null, 'POST', '/api/v1/auth/mfa/verify', {
      mfaToken: login.mfaToken,
      code: authenticator.generate(DEMO_TOTP_SECRET),
    });
    return verified.accessToken;
  }
  const start = await call(base, null, 'POST', '/api/v1/auth/mfa/enrollment', { mfaToken: login.mfaToken });
  const done = await call(base, null, 'POST', '/api/v1/auth/mfa/enrollment/confirm', {
    mfaToken: login.mfaToken,
    code: authenticator.generate(start.secret),
  });
  return done.accessToken;
}

export const itemsOf = (x) => (Array.isArray(x) ? x : x.items);

/** Runs `jobs` with `concurrency` in flight; answers each job's latency. */
export async function pool(jobs, concurrency, fn) {
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

/**
 * A throwaway database on `engine`, migrated and seeded with `seedArgs`, and the built API (one process,
 * no in-process outbox worker) on it with the statement counter. `stop()` ends the API and drops the data.
 */
export async function startApi({ engine, name, serverUrl, apiDist, seedArgs }) {
  const db = await prepare(engine, name, serverUrl);
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
  const stop = async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dirname(preload), { recursive: true, force: true });
    await db.drop();
  };
  try {
    say(`\n== ${db.label}, one API process`);
    cli(apiDist, env, ['migrate']);
    const seed = cli(apiDist, env, ['seed', ...seedArgs]);
    say(`seed: ${seed.out.split('\n').at(-1)} (${(seed.ms / 1000).toFixed(1)} s)`);
    server = spawn(process.execPath, ['--require', preload, join(apiDist, 'main.js')], {
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
    return {
      base,
      statements: async () => Number(await (await fetch(`http://127.0.0.1:${counterPort}/`)).text()),
      signIn: (email, institution) => signIn(base, email, institution),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
