#!/usr/bin/env node
// Exams benchmark (issue 12): against the built API on SQLite and/or MariaDB, with a scale-seeded school
// (2,000 students in sections of 40, two sections a class, five subjects) and an exam year entered
// through the API (two terms of two assessments; a paper per class, subject and assessment):
//  (a) saving 40-student marks grids with CONCURRENCY requests in flight: every grid of the year saved
//      once (first entry: inserts), then RESAVES grids saved again with other marks (updates);
//      p50/p95/p99 and statements per request;
//  (b) the school's year results: every section's results table for both terms, and the analytics of
//      every class for both terms; total time, per-request p50/p99 and statements.
// Statements are counted inside the API process (a preload wraps better-sqlite3's statements and
// mysql2's query/execute), so they include the request's own session and permission lookups.
// Targets are printed beside the numbers, not asserted.
//
//   pnpm -r run build   (or: cd apps/api && npx tsc -p tsconfig.build.json)
//   node scripts/bench/exams.mjs [--engine sqlite|mysql|both] [--students 2000] [--concurrency 20]
//        [--resaves 400] [--server-url mysql://root@127.0.0.1:3306/] [--api-dist apps/api/dist]
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
    concurrency: { type: 'string', default: '20' },
    resaves: { type: 'string', default: '400' },
    'server-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/',
    },
    'api-dist': { type: 'string', default: 'apps/api/dist' },
  },
});
const STUDENTS = Number(values.students);
const CONCURRENCY = Number(values.concurrency);
const RESAVES = Number(values.resaves);
const PASSWORD = 'shala-demo-password';
const API_DIST = join(root, values['api-dist']);

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
    const dir = mkdtempSync(join(tmpdir(), 'shala-bench-exams-'));
    return {
      url: `sqlite:${join(dir, 'bench.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
      label: 'SQLite (embedded, WAL)',
    };
  }
  const server = new URL(values['server-url'].replace(/^mariadb:/, 'mysql:'));
  const name = `shala_bench_exams_${Date.now()}`;
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
    const seed = cli(env, ['seed', '--institutions', '1', '--students', String(STUDENTS)]);
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
    const api = (method, path, body) => call(base, admin, method, `/api/v1${path}`, body);

    // The exam year, through the API as a school sets it up.
    const years = itemsOf(await api('GET', '/academics/years'));
    const year = years.find((y) => y.current) ?? years[0];
    const classes = itemsOf(await api('GET', '/academics/classes'));
    const sections = classes.flatMap((c) => c.sections.map((s) => ({ ...s, classId: c.id })));
    const subjects = itemsOf(await api('GET', '/academics/subjects'));
    const bands = [
      ['A1', 91, 100, 10],
      ['A2', 81, 90.99, 9],
      ['B1', 71, 80.99, 8],
      ['B2', 61, 70.99, 7],
      ['C1', 51, 60.99, 6],
      ['C2', 41, 50.99, 5],
      ['D', 33, 40.99, 4],
      ['E', 0, 32.99, null],
    ].map(([grade, minPercent, maxPercent, gradePoint]) => ({ grade, minPercent, maxPercent, gradePoint }));
    const scale = await api('POST', '/exams/grading-scales', { name: 'CBSE', kind: 'scholastic', bands });
    const mid = `${year.startsOn.slice(0, 4)}-09-30`;
    const after = `${year.startsOn.slice(0, 4)}-10-01`;
    let structure = await api('PUT', `/exams/years/${year.id}/terms`, {
      terms: [
        { name: 'Term 1', startsOn: year.startsOn, endsOn: mid, yearWeightage: 50, gradingScaleId: scale.id },
        { name: 'Term 2', startsOn: after, endsOn: year.endsOn, yearWeightage: 50, gradingScaleId: scale.id },
      ],
    });
    const grids = [];
    for (const [k, term] of structure.terms.entries()) {
      structure = await api('PUT', `/exams/terms/${term.id}/assessments`, {
        assessments: [
          { name: `Periodic Test ${k + 1}`, code: `PT${k + 1}`, termWeightage: 20 },
          { name: k ? 'Annual' : 'Half Yearly', code: k ? 'AN' : 'HY', termWeightage: 80 },
        ],
      });
      const assessments = structure.terms.find((t) => t.id === term.id).assessments;
      for (const a of assessments) {
        const max = a.code.startsWith('PT') ? 20 : 80;
        const papers = await api('PUT', `/exams/assessments/${a.id}/papers`, {
          papers: classes.flatMap((c) =>
            subjects.map((s) => ({
              classId: c.id,
              subjectId: s.id,
              maxMarks: max,
              passMarks: max === 20 ? 7 : 26,
            })),
          ),
        });
        for (const p of papers)
          for (const s of sections.filter((x) => x.classId === p.classId))
            grids.push({ paperId: p.id, sectionId: s.id, max });
      }
    }
    // Each section's class teacher teaches every subject there and enters its grids, as a school works
    // (and as the API's per-user request limit expects: one admin saving a thousand grids is throttled).
    const teachers = new Map();
    for (let n = 1; teachers.size < sections.length && n <= sections.length + 5; n++) {
      const token = await signIn(base, `teacher${n}@scale-0001.test`);
      teachers.set((await call(base, token, 'GET', '/api/v1/me')).user.id, token);
    }
    const tokenOf = (sectionId) => teachers.get(sections.find((s) => s.id === sectionId).classTeacherUserId);
    for (const section of sections)
      for (const subject of subjects)
        await api('POST', '/academics/subject-assignments', {
          sectionId: section.id,
          subjectId: subject.id,
          teacherUserId: section.classTeacherUserId,
        });
    const asTeacher = (sectionId, method, path, body) =>
      call(base, tokenOf(sectionId), method, `/api/v1${path}`, body);
    const rosters = new Map();
    for (const s of sections) {
      const grid = await asTeacher(
        s.id,
        'GET',
        `/exams/papers/${grids.find((g) => g.sectionId === s.id).paperId}/sections/${s.id}/marks`,
      );
      rosters.set(
        s.id,
        grid.rows.map((r) => r.studentId),
      );
    }
    const body = (g, round) => ({
      rows: rosters.get(g.sectionId).map((studentId, i) => ({
        studentId,
        cells: {
          total:
            (i + round) % 41 === 7
              ? 'AB'
              : Math.round(((((i + 1) * 37 + round * 11) % 100) / 100) * g.max * 4) / 4,
        },
      })),
    });
    say(
      `data: ${STUDENTS} students, ${sections.length} sections of ${rosters.get(sections[0].id).length}, ${classes.length} classes, ${subjects.length} subjects; ${grids.length} grids (2 terms x 2 assessments)`,
    );

    const rows = [];
    const measure = async (name, load, jobs, concurrency, fn) => {
      const before = await statements();
      const started = process.hrtime.bigint();
      const { latencies, errors } = await pool(jobs, concurrency, fn);
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      const sql = (await statements()) - before - 0;
      failures += errors;
      rows.push({ name, load, s: stats(latencies), wall, sql, n: jobs.length, errors });
    };
    // (a) Marks grids: first entry of every grid, then re-saves with other marks.
    await measure('marks grid PUT, first save', `${CONCURRENCY} concurrent`, grids, CONCURRENCY, (g) =>
      asTeacher(g.sectionId, 'PUT', `/exams/papers/${g.paperId}/sections/${g.sectionId}/marks`, body(g, 0)),
    );
    const resaves = Array.from({ length: RESAVES }, (_, i) => grids[(i * 7) % grids.length]);
    await measure('marks grid PUT, re-save', `${CONCURRENCY} concurrent`, resaves, CONCURRENCY, (g, i) =>
      asTeacher(
        g.sectionId,
        'PUT',
        `/exams/papers/${g.paperId}/sections/${g.sectionId}/marks`,
        body(g, 1 + i),
      ),
    );
    // (b) The year's results: every section's table for both terms, then every class's analytics.
    const termIds = structure.terms.map((t) => t.id);
    const sectionJobs = termIds.flatMap((termId) => sections.map((s) => ({ termId, sectionId: s.id })));
    await measure('section results, whole school', 'sequential', sectionJobs, 1, async (j) => {
      const r = await asTeacher(
        j.sectionId,
        'GET',
        `/exams/terms/${j.termId}/sections/${j.sectionId}/results`,
      );
      if (r.rows.some((x) => x.percentage === null)) throw new Error('a pending result');
    });
    const classJobs = termIds.flatMap((termId) => classes.map((c) => ({ termId, classId: c.id })));
    await measure('class analytics, whole school', 'sequential', classJobs, 1, async (j) => {
      const r = await api('GET', `/exams/analytics?termId=${j.termId}&classId=${j.classId}`);
      if (r.overall.graded + r.overall.pending + r.overall.exempt !== r.students)
        throw new Error('miscounted');
    });
    await measure('class results CSV, whole school', 'sequential', classJobs, 1, (j) =>
      api('GET', `/exams/analytics/export?termId=${j.termId}&classId=${j.classId}`),
    );

    say(
      `\n${'operation'.padEnd(34)} ${'load'.padEnd(14)} ${'n'.padStart(5)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)} ${'total'.padStart(10)} ${'stmts/req'.padStart(10)}`,
    );
    for (const r of rows)
      say(
        `${r.name.padEnd(34)} ${r.load.padEnd(14)} ${String(r.s.n).padStart(5)} ${fmt(r.s.p50).padStart(9)} ${fmt(r.s.p95).padStart(9)} ${fmt(r.s.p99).padStart(9)} ${fmt(r.s.max).padStart(9)} ${`${(r.wall / 1000).toFixed(2)} s`.padStart(10)} ${(r.sql / r.n).toFixed(1).padStart(10)}`,
      );
    const year2 = rows.filter((r) => r.name.startsWith('section results'))[0];
    const an = rows.filter((r) => r.name.startsWith('class analytics'))[0];
    say(
      `\nyear results for ${STUDENTS} students: ${(year2.wall / 1000).toFixed(2)} s through ${year2.n} section tables (${year2.sql} statements); ${(an.wall / 1000).toFixed(2)} s through ${an.n} class analytics (${an.sql} statements)`,
    );
    say(`errors: ${rows.map((r) => `${r.name} ${r.errors}`).join(', ')}`);
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dirname(preload), { recursive: true, force: true });
    await db.drop();
  }
  return failures;
}

say(
  `exams bench: ${STUDENTS} students; marks grids at ${CONCURRENCY} concurrent requests (issue 12: p50/p99), year results on both databases`,
);
const engines = values.engine === 'both' ? ['sqlite', 'mysql'] : [values.engine];
let failures = 0;
for (const engine of engines) failures += await run(engine);
process.exit(failures > 0 ? 1 : 0);
