#!/usr/bin/env node
// Attendance benchmark (issue 5): concurrent marking of 40-student sections, and the monthly register and
// day summary over 2,000 students x 200 school days, against the built API on SQLite and/or MariaDB.
// Prints p50/p95/p99 latencies and row counts; targets are printed beside the numbers, not asserted.
//
//   node scripts/bench/attendance.mjs [--engine sqlite|mysql|both] [--students 2000] [--days 200]
//        [--concurrency 20] [--requests 400] [--reads 300] [--replicas N]
//        [--server-url mysql://root@127.0.0.1:3306/] [--api-dist apps/api/dist]
//        [--socket /run/mysqld/mysqld.sock]   (the API reaches MySQL over this Unix socket, not TCP)
//        [--cpu-prof DIR]   (writes a V8 CPU profile of each API process into DIR, for chrome://inspect)
// MySQL runs the production shape, two stateless API replicas (compose runs api-1 and api-2) that the
// client spreads requests over as Nginx would; SQLite runs the embedded single process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    days: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    requests: { type: 'string', default: '400' },
    reads: { type: 'string', default: '300' },
    'server-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/',
    },
    replicas: { type: 'string' },
    'api-dist': { type: 'string', default: 'apps/api/dist' },
    'cpu-prof': { type: 'string' },
    socket: { type: 'string' },
  },
});
const STUDENTS = Number(values.students);
const DAYS = Number(values.days);
const CONCURRENCY = Number(values.concurrency);
const REQUESTS = Number(values.requests);
const READS = Number(values.reads);
const PASSWORD = 'shala-demo-password';
const API_DIST = join(root, values['api-dist']);
const profileArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];

const say = (m) => process.stdout.write(`${m}\n`);

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
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    mean,
    max: s.at(-1),
  };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function prepare(engine) {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shala-bench-'));
    return {
      url: `sqlite:${join(dir, 'bench.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
      label: 'SQLite (embedded, WAL)',
    };
  }
  const server = new URL(values['server-url'].replace(/^mariadb:/, 'mysql:'));
  const name = `shala_bench_${Date.now()}`;
  const admin = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password || ''),
  });
  const [[{ v }]] = await admin.query('SELECT VERSION() AS v');
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  if (values.socket) url.searchParams.set('socket', values.socket);
  return {
    url: url.toString(),
    label: `MySQL/MariaDB ${v} (${values.socket ? `Unix socket ${values.socket}` : `${server.host}, TCP loopback`})`,
    drop: async () => {
      const c = await mysql.createConnection({
        host: server.hostname,
        port: Number(server.port || 3306),
        user: decodeURIComponent(server.username || 'root'),
        password: decodeURIComponent(server.password || ''),
      });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

function cli(env, args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(API_DIST, 'cli.js'), ...args], {
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout.trim(), ms: Date.now() - started };
}

async function json(base, path, init = {}) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const body = await res.text();
  return { status: res.status, body: body ? JSON.parse(body) : null };
}

async function signIn(base, email) {
  const login = await json(base, '/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ institution: 'scale-0001', email, password: PASSWORD }),
  });
  if (login.body?.accessToken) return login.body.accessToken;
  if (login.body?.mfaEnrollmentRequired) {
    const start = await json(base, '/api/v1/auth/mfa/enrollment', {
      method: 'POST',
      body: JSON.stringify({ mfaToken: login.body.mfaToken }),
    });
    const done = await json(base, '/api/v1/auth/mfa/enrollment/confirm', {
      method: 'POST',
      body: JSON.stringify({
        mfaToken: login.body.mfaToken,
        code: authenticator.generate(start.body.secret),
      }),
    });
    return done.body.accessToken;
  }
  throw new Error(`sign-in of ${email} failed: ${login.status} ${JSON.stringify(login.body)}`);
}

/** CPU seconds (user + system) a local process has used so far, from /proc; null where there is no /proc. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

/** The local database server's pid (MariaDB/MySQL on loopback), to count its CPU per request. */
function databasePid(engine) {
  if (engine !== 'mysql') return null;
  const r = spawnSync('sh', ['-c', 'pidof mariadbd || pidof mysqld'], { encoding: 'utf8' });
  const pid = Number(r.stdout.trim().split(/\s+/)[0]);
  return Number.isFinite(pid) && pid > 0 ? pid : null;
}

/**
 * CPU used by the API processes and the database while `fn` runs, per request: unlike wall-clock
 * latency, this barely moves when other work shares the machine, so it tells whether a change made a
 * request cheaper even on a busy machine.
 */
async function cpuPerRequest(pids, fn) {
  const before = pids.map(cpuSeconds);
  const n = await fn();
  const after = pids.map(cpuSeconds);
  return pids.map((_, i) =>
    before[i] === null || after[i] === null ? null : ((after[i] - before[i]) * 1000) / n,
  );
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  const res = await fn();
  return { res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function run(engine) {
  const db = await prepare(engine);
  const replicas = Number(values.replicas ?? (engine === 'mysql' ? 2 : 1));
  const ports = [];
  for (let i = 0; i < replicas; i++) ports.push(await freePort());
  const env = {
    ...process.env,
    APP_ENV: 'development',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    DB_POOL_SIZE: '20',
  };
  const servers = [];
  try {
    say(`\n== ${db.label}, ${replicas} API process(es)`);
    cli(env, ['migrate']);
    const seed = cli(env, [
      'seed',
      '--institutions',
      '1',
      '--students',
      String(STUDENTS),
      '--attendance-days',
      String(DAYS),
    ]);
    say(`seed: ${seed.out.split('\n').at(-1)} (${(seed.ms / 1000).toFixed(1)} s)`);
    for (const port of ports)
      servers.push(
        spawn(process.execPath, [...profileArgs, join(API_DIST, 'main.js')], {
          env: { ...env, PORT: String(port) },
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    for (const b of bases) {
      for (let i = 0; i < 120; i++) {
        const ok = await fetch(`${b}/api/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const base = bases[0];
    let rr = 0;
    const pick = () => bases[rr++ % bases.length];
    const admin = await signIn(base, 'admin@scale-0001.test');
    const auth = (t) => ({ authorization: `Bearer ${t}` });
    const classes = (await json(base, '/api/v1/academics/classes', { headers: auth(admin) })).body.items;
    const sections = classes.flatMap((c) => c.sections);
    const settings = (await json(base, '/api/v1/attendance/settings', { headers: auth(admin) })).body;
    const summaryToday = (await json(base, '/api/v1/attendance/summary', { headers: auth(admin) })).body;
    const today = summaryToday.date;
    const pastDays = (
      await json(base, `/api/v1/attendance/sections/${sections[0].id}/months/${today.slice(0, 7)}`, {
        headers: auth(admin),
      })
    ).body;
    const rows = await json(base, '/api/v1/audit/events?action=attendance.import&limit=200', {
      headers: auth(admin),
    });
    const marks = rows.body.items.reduce((n, e) => n + (e.details?.marks ?? 0), 0);
    say(
      `data: ${STUDENTS} students in ${sections.length} sections of 40; ${marks} attendance marks over ${DAYS} school days; settings ${JSON.stringify(settings)}`,
    );

    // 1. Concurrent marking: CONCURRENCY teachers, each saving their own 40-student section for today.
    const teachers = await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, sections.length) }, (_, i) =>
        signIn(base, `teacher${i + 1}@scale-0001.test`),
      ),
    );
    const rosters = await Promise.all(
      teachers.map(async (t) => {
        const sectionId =
          sections.find((s) => s.classTeacherUserId) &&
          (await json(base, '/api/v1/attendance/summary', { headers: auth(t) })).body.sections[0].sectionId;
        const reg = (
          await json(base, `/api/v1/attendance/sections/${sectionId}/days/${today}`, { headers: auth(t) })
        ).body;
        return { token: t, sectionId, students: reg.rows.map((r) => r.studentId) };
      }),
    );
    const statuses = ['present', 'present', 'present', 'present', 'absent', 'late'];
    const marking = [];
    let next = 0;
    let errors = 0;
    const pids = [...servers.map((x) => x.pid), databasePid(engine)];
    const cpu = {};
    cpu.marking = await cpuPerRequest(pids, async () => {
      await Promise.all(
        rosters.map(async (r, w) => {
          for (;;) {
            const i = next++;
            if (i >= REQUESTS) return;
            const body = JSON.stringify({
              marks: r.students.map((studentId, k) => ({
                studentId,
                status: statuses[(i + k + w) % statuses.length],
              })),
            });
            const { res, ms } = await timed(() =>
              fetch(`${pick()}/api/v1/attendance/sections/${r.sectionId}/days/${today}`, {
                method: 'PUT',
                headers: { 'content-type': 'application/json', ...auth(r.token) },
                body,
              }).then(async (x) => (await x.arrayBuffer(), x.status)),
            );
            if (res !== 200) errors++;
            marking.push(ms);
          }
        }),
      );
      return marking.length;
    });

    // 2. One section's monthly register over a full month of history (one client at a time).
    const month = (() => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - 1);
      return d.toISOString().slice(0, 7);
    })();
    const register = [];
    cpu.register = await cpuPerRequest(pids, async () => {
      for (let i = 0; i < READS; i++) {
        const s = rosters[i % rosters.length];
        const { res, ms } = await timed(() =>
          fetch(`${pick()}/api/v1/attendance/sections/${s.sectionId}/months/${month}`, {
            headers: auth(s.token),
          }).then(async (x) => (await x.arrayBuffer(), x.status)),
        );
        if (res !== 200) errors++;
        register.push(ms);
      }
      return register.length;
    });

    // 3. The institution's day summary for a past school day.
    const day = Object.keys(
      (
        await json(base, `/api/v1/attendance/sections/${rosters[0].sectionId}/months/${month}`, {
          headers: auth(rosters[0].token),
        })
      ).body.rows[0].days,
    ).at(-1);
    const summary = [];
    cpu.summary = await cpuPerRequest(pids, async () => {
      for (let i = 0; i < READS; i++) {
        const { res, ms } = await timed(() =>
          fetch(`${pick()}/api/v1/attendance/summary?date=${day}`, { headers: auth(admin) }).then(
            async (x) => (await x.arrayBuffer(), x.status),
          ),
        );
        if (res !== 200) errors++;
        summary.push(ms);
      }
      return summary.length;
    });

    const table = [
      ['marking (PUT 40 marks)', `${CONCURRENCY} concurrent`, stats(marking), 100, cpu.marking],
      [`monthly register (${month})`, 'sequential', stats(register), 50, cpu.register],
      [`day summary (${day})`, 'sequential', stats(summary), 20, cpu.summary],
    ];
    say(
      `\n${'operation'.padEnd(30)} ${'load'.padEnd(14)} ${'n'.padStart(5)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(10)}   target p99 (MariaDB)`,
    );
    for (const [name, load, s, target] of table) {
      say(
        `${name.padEnd(30)} ${load.padEnd(14)} ${String(s.n).padStart(5)} ${fmt(s.p50).padStart(10)} ${fmt(s.p95).padStart(10)} ${fmt(s.p99).padStart(10)} ${fmt(s.max).padStart(10)}   <= ${target} ms ${s.p99 <= target ? 'met' : 'NOT met'}`,
      );
    }
    // CPU per request: what one request costs the API process(es) and the database, whatever the load.
    say(`\n${'operation'.padEnd(30)} ${'API CPU/req'.padStart(12)} ${'DB CPU/req'.padStart(12)}`);
    for (const [name, , , , c] of table) {
      const api = c.slice(0, servers.length);
      const apiMs = api.some((v) => v === null) ? null : api.reduce((a, b) => a + b, 0);
      const dbMs = c[servers.length];
      const show = (v) => (v === null || v === undefined ? 'n/a' : fmt(v)).padStart(12);
      say(`${name.padEnd(30)} ${show(apiMs)} ${show(dbMs)}`);
    }
    say(`non-200 answers: ${errors}; pastDays seen: ${pastDays?.workingDays?.length ?? 0}`);
    return errors;
  } finally {
    for (const server of servers) server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await db.drop();
  }
}

const engines = values.engine === 'both' ? ['sqlite', 'mysql'] : [values.engine];
let failures = 0;
for (const engine of engines) failures += await run(engine);
process.exit(failures > 0 ? 1 : 0);
