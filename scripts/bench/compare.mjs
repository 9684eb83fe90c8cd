#!/usr/bin/env node
// Shala against a bare Fastify + mysql2 server doing the same database work (issue 18): one scale-seeded
// MariaDB database, the built API and scripts/bench/baseline/server.mjs on it, each scenario run
// interleaved A B A B A B with wrk at each connection count. Prints per scenario and side: req/s, p50/p99,
// statements per request (counted at the driver in both processes), API and database CPU per request from
// /proc, and the ratio of the medians (Shala / bare). Also the API's RSS idle and after load, and its cold
// start to ready. Numbers are printed, not asserted: on a shared machine trust the ratios of one run and the
// CPU and statements per request more than absolute req/s.
//
//   cd apps/api && npx tsc -p tsconfig.build.json        (the built API)
//   node scripts/bench/compare.mjs [--quick] [--students 2000] [--institutions 0] [--connections 20,50]
//        [--seconds 8] [--rounds 3] [--scenarios read,page,register,payment,card]
//        [--server-url mysql://root@127.0.0.1:3306/] [--api-dist apps/api/dist] [--trace] [--keep]
//        [--load-seconds 60 (0: no memory figures)] [--skip-start] [--small-students 10]
//        [--cpu-prof DIR]   (a V8 CPU profile of the API process, written when it stops)
//        [--heap-snapshot DIR]   (with the memory figures: V8 heap snapshots of the API idle and after the
//        load, DIR/idle.heapsnapshot and DIR/loaded.heapsnapshot; node scripts/bench/heap-summary.mjs FILE)
//   --skip-start: no cold-start measurement at the end (three fresh API starts)
//   --memory-only: no bare side and no scenarios; the RSS figures alone (idle before any load, then after
//     --load-seconds of mixed load), with the V8 heap's make-up
//   --api-node-options "--max-semi-space-size=4": node flags for the API process only, instead of the ones
//     it ships with (scripts/api-node-flags.mjs; "" for none), to measure flags before they go in
//   --quick: 800 students, 20 connections, 4 s runs, 15 s of load for the RSS figure (a few minutes in all)
//   --trace: print the SQL each side sends for one request of each scenario, then stop
//   --capture: for each wrk run, the first 500 statements each side sent under load, counted by kind,
//     with the ones the server refused (`! <code>`): where retries and fallbacks hide in statements/request
//   --institutions N: N small schools (--small-students each, 10 by default) besides scale-0001, written
//     by the bulk seed (`cli seed --institutions N --students M --bulk`: 999 schools in about a minute)
//   --tenants 9,999: the tenant-count comparison (issue 18 item 5). Two databases, the same scale-0001 in
//     each plus 9 and 999 small schools; the API on each, the scenarios interleaved A B A B between the
//     two (no bare baseline), and per scenario Shala's req/s, p50 and p99 at each count and the ratio of
//     the medians (999 over 9; the target is within 1.2x). Run it with --scenarios read,page.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { API_NODE_FLAGS } from '../api-node-flags.mjs';
import { benchApiEnv, call, freePort, itemsOf, root, say, signIn } from './support.mjs';

const requireApi = createRequire(join(root, 'apps/api/package.json'));
const mysql = requireApi('mysql2/promise');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    students: { type: 'string' },
    institutions: { type: 'string', default: '0' },
    tenants: { type: 'string' },
    'small-students': { type: 'string', default: '10' },
    connections: { type: 'string' },
    seconds: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    scenarios: { type: 'string', default: 'read,page,register,payment,card' },
    'server-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/',
    },
    'api-dist': { type: 'string', default: 'apps/api/dist' },
    'load-seconds': { type: 'string' },
    trace: { type: 'boolean', default: false },
    capture: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'heap-snapshot': { type: 'string' },
    'skip-start': { type: 'boolean', default: false },
    'memory-only': { type: 'boolean', default: false },
    'api-node-options': { type: 'string', default: API_NODE_FLAGS.join(' ') },
  },
});
const QUICK = values.quick;
const STUDENTS = Number(values.students ?? (QUICK ? 800 : 2000));
const EXTRA_INSTITUTIONS = Number(values.institutions);
const CONNECTIONS = (values.connections ?? (QUICK ? '20' : '20,50')).split(',').map(Number);
const SECONDS = Number(values.seconds ?? (QUICK ? 4 : 8));
const ROUNDS = Number(values.rounds);
const LOAD_SECONDS = Number(values['load-seconds'] ?? (QUICK ? 15 : 60));
const SCENARIOS = values.scenarios.split(',');
const API_DIST = resolve(root, values['api-dist']);
const JWT_SECRET = process.env.JWT_SECRET ?? 'dev-only-jwt-secret-change-me-0123456789abcdef';
const WRK = process.env.WRK ?? '/usr/bin/wrk';

const work = mkdtempSync(join(tmpdir(), 'shala-compare-'));
const PRELOAD = join(root, 'scripts/bench/baseline/count-statements.mjs');
const children = [];

function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return null;
  }
}

/**
 * What the RSS is made of (MB), from /proc/PID/smaps: file-backed pages (the node binary, libraries), glibc
 * malloc's pages (the brk heap, and the per-thread arenas: mappings that start on a 64 MB boundary) and the
 * other anonymous pages (V8's heap, thread stacks, malloc's large blocks).
 */
function rssParts(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return null;
  }
  const parts = { file: 0, malloc: 0, anon: 0 };
  let kind = null;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      const start = BigInt(`0x${head[1]}`);
      const size = Number(BigInt(`0x${head[2]}`) - start) / 1048576;
      const name = head[3];
      if (name === '[heap]') kind = 'malloc';
      else if (name.startsWith('/')) kind = 'file';
      else if (!name && start % (64n << 20n) === 0n && size <= 64) kind = 'malloc';
      else kind = 'anon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && kind) parts[kind] += Number(rss[1]) / 1024;
  }
  return `file ${f1(parts.file)}, malloc ${f1(parts.malloc)}, other anonymous ${f1(parts.anon)}`;
}

function databasePid() {
  const r = spawnSync('sh', ['-c', 'pidof mariadbd || pidof mysqld'], { encoding: 'utf8' });
  const pid = Number(r.stdout.trim().split(/\s+/)[0]);
  return Number.isFinite(pid) && pid > 0 ? pid : null;
}

const server = new URL(values['server-url'].replace(/^mariadb:/, 'mysql:'));
const adminConnect = () =>
  mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password || ''),
  });
const DATABASE = `shala_perf_compare_${Date.now()}`;
const dbUrl = (() => {
  const u = new URL(server.toString());
  u.pathname = `/${DATABASE}`;
  return u.toString();
})();

function cli(env, args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(API_DIST, 'cli.js'), ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout.trim(), ms: Date.now() - started };
}

const baseEnv = {
  ...benchApiEnv(dbUrl, JWT_SECRET),
  ...(values['heap-snapshot'] ? { SHALA_BENCH_HEAP_SNAPSHOTS: resolve(values['heap-snapshot']) } : {}),
};

/** Starts a node process with the statement counter; answers when `ready` answers 200. */
async function startProcess(label, script, extraEnv, readyPath) {
  const port = await freePort();
  const counterPort = await freePort();
  const started = process.hrtime.bigint();
  const profile =
    label.startsWith('Shala') && values['cpu-prof']
      ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`]
      : [];
  const nodeFlags = label.startsWith('Shala') ? values['api-node-options'].split(/\s+/).filter(Boolean) : [];
  const child = spawn(
    process.execPath,
    [...nodeFlags, ...profile, '--import', pathToFileURL(PRELOAD).href, script],
    {
      env: { ...baseEnv, ...extraEnv, PORT: String(port), SHALA_BENCH_COUNTER_PORT: String(counterPort) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
    const ok = await fetch(`${base}${readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 2400) throw new Error(`${label} did not become ready`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const counter = `http://127.0.0.1:${counterPort}`;
  return {
    label,
    base,
    pid: child.pid,
    readyMs,
    child,
    statements: async () => Number(await (await fetch(`${counter}/`)).text()),
    requests: async () => Number(await (await fetch(`${counter}/requests`)).text()),
    capture: () => fetch(`${counter}/capture`).then((r) => r.text()),
    captured: async () => JSON.parse(await (await fetch(`${counter}/sql`)).text()),
    memory: async (gc = false) => (await fetch(`${counter}/memory${gc ? '?gc=1' : ''}`)).json(),
    heapSnapshot: (label) => fetch(`${counter}/heap-snapshot?${label}`).then((r) => r.text()),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const startApi = (extraEnv = {}, label = 'Shala') =>
  startProcess(label, join(API_DIST, 'main.js'), extraEnv, '/api/health/ready');
const startBare = () => startProcess('bare', join(root, 'scripts/bench/baseline/server.mjs'), {}, '/ready');

// ------------------------------------------------------------------------------------------------------
// Data: the scale seed, a fee structure per class with every student invoiced (large amounts, so small
// payments never settle an invoice), and what each scenario needs.

async function setUp(api) {
  const admin = (await tokensFor(api)).admin;
  const as = (token) => (method, path, body) => call(api.base, token, method, `/api/v1${path}`, body);
  const years = itemsOf(await as(admin)('GET', '/academics/years'));
  const year = years.find((y) => y.current) ?? years[0];
  const classes = itemsOf(await as(admin)('GET', '/academics/classes'));
  const tuition = (await as(admin)('POST', '/fees/heads', { name: 'Tuition', optional: false })).id;
  let invoices = 0;
  for (const c of classes) {
    const structure = await as(admin)('POST', '/fees/structures', {
      classId: c.id,
      name: `${c.name} fees`,
      instalments: [
        { label: 'Term 1', dueDate: year.startsOn, lines: [{ headId: tuition, amount: 90_000_000 }] },
        { label: 'Term 2', dueDate: year.endsOn, lines: [{ headId: tuition, amount: 90_000_000 }] },
      ],
    });
    invoices += (await as(admin)('POST', `/fees/structures/${structure.id}/invoices`)).created;
  }
  const students = [];
  for (let cursor = null; ;) {
    const page = await as(admin)(
      'GET',
      `/students?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    students.push(...page.items.map((s) => s.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const sections = classes.flatMap((c) => c.sections);
  const summary = await as(admin)('GET', '/attendance/summary');
  const today = summary.date;
  const rosters = [];
  for (const s of sections) {
    const reg = await as(admin)('GET', `/attendance/sections/${s.id}/days/${today}`);
    if (reg.rows?.length) rosters.push({ sectionId: s.id, students: reg.rows.map((r) => r.studentId) });
  }
  return { students, rosters, today, invoices, tenantId: null };
}

// ------------------------------------------------------------------------------------------------------
// Scenarios: each writes a wrk Lua script. Tokens are fetched per block (access tokens live 10 minutes).

function luaString(s) {
  return JSON.stringify(s);
}

function luaScript({ method, paths, bodies, token, idempotent }) {
  return `
local paths = {${paths.map(luaString).join(',')}}
local bodies = {${(bodies ?? []).map(luaString).join(',')}}
local counter = 0
tid = 0 -- set per thread by setup()
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  counter = tid * 7919
end
function request()
  counter = counter + 1
  local headers = { ["authorization"] = "Bearer ${token}" }
  local body = nil
  if #bodies > 0 then
    headers["content-type"] = "application/json"
    body = bodies[(counter % #bodies) + 1]
  end
  ${idempotent ? `headers["idempotency-key"] = "bench-${Date.now()}-" .. tid .. "-" .. counter` : ''}
  return wrk.format("${method}", paths[(counter % #paths) + 1], headers, body)
end
local non2xx = 0
function response(status, headers, body)
  if status >= 300 then
    non2xx = non2xx + 1
    if non2xx <= 2 then io.stderr:write("HTTP " .. status .. " " .. string.sub(body, 1, 200) .. "\\n") end
  end
end
`;
}

function scenarios(data, tokens) {
  const pick = (list, n) => Array.from({ length: Math.min(n, list.length) }, (_, i) => list[i]);
  const statuses = ['present', 'present', 'present', 'absent', 'late', 'present'];
  const registerBodies = [];
  for (let v = 0; v < 6; v++)
    registerBodies.push(
      data.rosters.map((r) =>
        JSON.stringify({
          marks: r.students.map((studentId, k) => ({
            studentId,
            status: statuses[(v + k) % statuses.length],
          })),
        }),
      ),
    );
  // wrk picks path and body with one counter: path i goes with body i, so each section's body cycles
  // through the variants (every save changes some marks: a real write each time).
  const registerPaths = [];
  const registerFlat = [];
  for (let v = 0; v < 6; v++)
    data.rosters.forEach((r, i) => {
      registerPaths.push(`/api/v1/attendance/sections/${r.sectionId}/days/${data.today}`);
      registerFlat.push(registerBodies[v][i]);
    });
  const paymentStudents = pick(data.students, 200);
  return {
    read: {
      title: 'GET one student by id',
      method: 'GET',
      token: tokens.admin,
      paths: pick(data.students, 500).map((id) => `/api/v1/students/${id}`),
    },
    page: {
      title: 'GET a page of 50 students',
      method: 'GET',
      token: tokens.admin,
      paths: ['/api/v1/students?limit=50'],
    },
    register: {
      title: 'PUT a 40-student register',
      method: 'PUT',
      token: tokens.admin,
      paths: registerPaths,
      bodies: registerFlat,
    },
    payment: {
      title: 'POST a fee payment',
      method: 'POST',
      token: tokens.accountant,
      idempotent: true,
      paths: paymentStudents.map((id) => `/api/v1/fees/students/${id}/payments`),
      bodies: paymentStudents.map((_, i) =>
        JSON.stringify({
          amount: 100 + (i % 7),
          method: i % 2 ? 'upi' : 'cash',
          reference: i % 2 ? `B${i}` : null,
        }),
      ),
    },
    card: {
      title: 'GET the teacher dashboard',
      method: 'GET',
      token: tokens.teacher,
      paths: ['/api/v1/dashboard/teacher'],
    },
  };
}

// ------------------------------------------------------------------------------------------------------

function parseWrk(out) {
  const num = (re) => {
    const m = re.exec(out);
    return m ? m[1] : null;
  };
  const ms = (v) => {
    if (!v) return NaN;
    const m = /^([\d.]+)(us|ms|s|m)$/.exec(v);
    if (!m) return NaN;
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[m[2]];
  };
  return {
    requests: Number(num(/(\d+) requests in/)),
    rps: Number(num(/Requests\/sec:\s+([\d.]+)/)),
    p50: ms(num(/\s50%\s+([\d.]+\w+)/)),
    p99: ms(num(/\s99%\s+([\d.]+\w+)/)),
    non2xx: Number(num(/Non-2xx or 3xx responses: (\d+)/) ?? 0),
    socketErrors: num(/Socket errors: (.*)/),
  };
}

async function runWrk(target, scenario, connections, seconds, dbPid) {
  const script = join(work, `s-${Math.random().toString(36).slice(2)}.lua`);
  writeFileSync(script, luaScript(scenario));
  if (values.capture) await target.capture();
  const before = {
    sql: await target.statements(),
    requests: await target.requests(),
    api: cpuSeconds(target.pid),
    db: dbPid ? cpuSeconds(dbPid) : null,
  };
  const r = await new Promise((resolve) => {
    const p = spawn(
      WRK,
      ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--latency', '-s', script, target.base],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', () => resolve({ out, err }));
  });
  // wrk stops with requests still in flight; the server finishes them. Wait until it has (the statement
  // count stops moving), then divide by the requests the server received, not by those wrk counted.
  for (let last = -1, now = await target.statements(), i = 0; now !== last && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    [last, now] = [now, await target.statements()];
  }
  const after = {
    sql: await target.statements(),
    requests: await target.requests(),
    api: cpuSeconds(target.pid),
    db: dbPid ? cpuSeconds(dbPid) : null,
  };
  rmSync(script, { force: true });
  if (values.capture) {
    const kinds = new Map();
    for (const q of await target.captured()) {
      const k = q.replace(/\s+/g, ' ').slice(0, 60);
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    say(
      `    ${target.label} first 500 statements: ${[...kinds].map(([k, v]) => `\n      ${v} ${k}`).join('')}`,
    );
  }
  const w = parseWrk(r.out);
  if (r.err.trim()) say(`    ${target.label}: ${r.err.trim().split('\n').slice(0, 2).join(' | ')}`);
  const n = after.requests - before.requests || 1;
  return {
    ...w,
    sqlPerReq: (after.sql - before.sql) / n,
    apiCpuMs: ((after.api - before.api) * 1000) / n,
    dbCpuMs: dbPid ? ((after.db - before.db) * 1000) / n : null,
    load: loadavg()[0],
  };
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Access tokens of one signed-in session per account: signed in once (MFA enrolled where the role needs
 * it), then re-issued for the same session with the bench's own JWT secret, as the API's refresh would
 * (access tokens live 10 minutes; a second TOTP sign-in within 30 s would be refused as a replay).
 */
const sessions = new Map();
async function tokensFor(api) {
  const { SignJWT, decodeJwt } = requireApi('jose');
  const key = new TextEncoder().encode(JWT_SECRET);
  const out = {};
  for (const [role, email] of [
    ['admin', 'admin@scale-0001.test'],
    ['accountant', 'accountant@scale-0001.test'],
    ['teacher', 'teacher1@scale-0001.test'],
  ]) {
    const session = `${api.base}|${email}`;
    if (!sessions.has(session)) sessions.set(session, decodeJwt(await signIn(api.base, email)));
    const { sub, tid, sid } = sessions.get(session);
    out[role] = await new SignJWT({ sub, tid, sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('shala')
      .setAudience('shala-api')
      .setIssuedAt()
      .setExpirationTime('600s')
      .sign(key);
  }
  return out;
}

async function trace(api, bare, list) {
  for (const [name, s] of list) {
    for (const target of [api, bare]) {
      await target.capture();
      const res = await fetch(`${target.base}${s.paths[0]}`, {
        method: s.method,
        headers: {
          authorization: `Bearer ${s.token}`,
          ...(s.bodies ? { 'content-type': 'application/json' } : {}),
          ...(s.idempotent ? { 'idempotency-key': `trace-${Date.now()}` } : {}),
        },
        body: s.bodies?.[0],
      });
      const text = await res.text();
      const sql = await target.captured();
      say(
        `\n--- ${name} on ${target.label}: HTTP ${res.status}, ${sql.length} statement(s)${res.status >= 300 ? ` ${text.slice(0, 200)}` : ''}`,
      );
      for (const q of sql) say(`  ${q.replace(/\s+/g, ' ').replace(/`(\w+)`\.`(\w+)` AS `\w+`/g, '$1.$2')}`);
    }
  }
}

async function main() {
  if (values.tenants) return tenantComparison();
  const dbPid = databasePid();
  const admin = await adminConnect();
  const [[{ v }]] = await admin.query('SELECT VERSION() AS v');
  await admin.query(`CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  say(
    `compare: MariaDB ${v} at ${server.host} (database ${DATABASE}), ${STUDENTS} students in scale-0001${EXTRA_INSTITUTIONS ? ` + ${EXTRA_INSTITUTIONS} small schools` : ''}`,
  );
  let api;
  let bare;
  try {
    cli(baseEnv, ['migrate']);
    let seed = cli(baseEnv, ['seed', '--institutions', '1', '--students', String(STUDENTS)]);
    say(`seed: ${seed.out.split('\n').at(-1)} (${(seed.ms / 1000).toFixed(1)} s)`);
    if (EXTRA_INSTITUTIONS > 0) {
      seed = cli(baseEnv, [
        'seed',
        '--institutions',
        String(EXTRA_INSTITUTIONS),
        '--students',
        values['small-students'],
        '--bulk',
      ]);
      say(`seed (bulk): ${seed.out.split('\n').at(-1)} (${(seed.ms / 1000).toFixed(1)} s)`);
    }
    api = await startApi();
    const data = await setUp(api);
    say(
      `data: ${data.students.length} students, ${data.rosters.length} sections of 40, ${data.invoices} invoices, today ${data.today}`,
    );
    if (values['memory-only']) return await memoryAndStart(api, data, dbPid);
    bare = await startBare();

    if (values.trace) {
      const s = scenarios(data, await tokensFor(api));
      await trace(
        api,
        bare,
        SCENARIOS.map((n) => [n, s[n]]),
      );
      return;
    }

    const results = [];
    for (const connections of CONNECTIONS) {
      for (const name of SCENARIOS) {
        const s = scenarios(data, await tokensFor(api))[name];
        // warm both sides (JIT, pools, caches) before measuring
        await runWrk(api, s, connections, 1, null);
        await runWrk(bare, s, connections, 1, null);
        const runs = { api: [], bare: [] };
        for (let round = 0; round < ROUNDS; round++) {
          runs.api.push(await runWrk(api, s, connections, SECONDS, dbPid));
          runs.bare.push(await runWrk(bare, s, connections, SECONDS, dbPid));
        }
        results.push({ name, title: s.title, connections, runs });
        printRow(results.at(-1));
      }
    }
    printSummary(results);
    if (LOAD_SECONDS > 0) await memoryAndStart(api, data, dbPid);
  } finally {
    await api?.stop().catch(() => {});
    await bare?.stop().catch(() => {});
    rmSync(work, { recursive: true, force: true });
    if (!values.keep) {
      const c = await adminConnect();
      await c.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
      await c.end();
    } else say(`kept database ${DATABASE}`);
  }
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

function summarise(runs) {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    sql: median(runs.map((r) => r.sqlPerReq)),
    api: median(runs.map((r) => r.apiCpuMs)),
    db: median(runs.map((r) => r.dbCpuMs)),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    load: median(runs.map((r) => r.load)),
  };
}

function printRow(r) {
  const a = summarise(r.runs.api);
  const b = summarise(r.runs.bare);
  say(
    `${r.title} @${r.connections}: Shala ${a.rps.toFixed(0)} req/s (runs ${r.runs.api.map((x) => x.rps.toFixed(0)).join('/')}) vs bare ${b.rps.toFixed(0)} (${r.runs.bare.map((x) => x.rps.toFixed(0)).join('/')}) ratio ${f2(a.rps / b.rps)}; load ${f2(a.load)}${a.non2xx + b.non2xx ? `; non-2xx ${a.non2xx}/${b.non2xx}` : ''}`,
  );
}

const TARGETS = {
  read: { ratio: 0.5, sql: 2 },
  page: { ratio: 0.7, sql: 2 },
  register: { ratio: 0.8, sql: 7 },
  payment: { ratio: 0.7, sql: 10 },
  card: { ratio: 0.7, sql: null },
};

function printSummary(results) {
  say(
    `\n${'scenario'.padEnd(28)} ${'conns'.padStart(5)} | ${'Shala r/s'.padStart(9)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'sql/req'.padStart(7)} ${'apiCPU'.padStart(7)} ${'dbCPU'.padStart(6)} | ${'bare r/s'.padStart(8)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'sql/req'.padStart(7)} ${'apiCPU'.padStart(7)} ${'dbCPU'.padStart(6)} | ${'ratio'.padStart(5)} ${'target'.padEnd(9)} load`,
  );
  for (const r of results) {
    const a = summarise(r.runs.api);
    const b = summarise(r.runs.bare);
    const t = TARGETS[r.name];
    const ratio = a.rps / b.rps;
    // Statements are judged as printed (one decimal): a cache revalidating once per run adds ~0.004.
    say(
      `${r.title.padEnd(28)} ${String(r.connections).padStart(5)} | ${a.rps.toFixed(0).padStart(9)} ${f1(a.p50).padStart(7)} ${f1(a.p99).padStart(7)} ${f1(a.sql).padStart(7)} ${f2(a.api).padStart(7)} ${f2(a.db).padStart(6)} | ${b.rps.toFixed(0).padStart(8)} ${f1(b.p50).padStart(7)} ${f1(b.p99).padStart(7)} ${f1(b.sql).padStart(7)} ${f2(b.api).padStart(7)} ${f2(b.db).padStart(6)} | ${f2(ratio).padStart(5)} ${`>=${t.ratio}${ratio >= t.ratio ? ' ok' : ' NO'}`.padEnd(9)}${f2(a.load).padStart(5)}${t.sql !== null ? `  sql<=${t.sql} ${Number(f1(a.sql)) <= t.sql ? 'ok' : 'NO'}` : ''}${a.non2xx + b.non2xx ? `  non-2xx ${a.non2xx}/${b.non2xx}` : ''}`,
    );
  }
  say('(latencies in ms; CPU in ms per request from /proc: apiCPU is the server process, dbCPU is mariadbd)');
}

/**
 * --tenants A,B: the same scale-0001 on two databases, one with A and one with B small schools besides
 * it; the built API on each; each scenario run on scale-0001 interleaved A B A B with wrk. Prints each
 * side's req/s, p50, p99 and statements per request, and the ratios of the medians (B over A).
 */
async function tenantComparison() {
  const counts = values.tenants.split(',').map(Number);
  if (counts.length !== 2 || counts.some((n) => !Number.isInteger(n) || n < 0))
    throw new Error('--tenants takes two school counts, e.g. 9,999');
  const dbPid = databasePid();
  const admin = await adminConnect();
  const [[{ v }]] = await admin.query('SELECT VERSION() AS v');
  const sides = counts.map((count) => {
    const u = new URL(server.toString());
    u.pathname = `/${DATABASE}_t${count}`;
    return { count, database: `${DATABASE}_t${count}`, env: { ...baseEnv, DATABASE_URL: u.toString() } };
  });
  for (const side of sides)
    await admin.query(
      `CREATE DATABASE \`${side.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  await admin.end();
  say(
    `compare tenants: MariaDB ${v} at ${server.host}, scale-0001 with ${STUDENTS} students plus ${counts.join(' vs ')} schools of ${values['small-students']} students`,
  );
  try {
    for (const side of sides) {
      cli(side.env, ['migrate']);
      let seed = cli(side.env, ['seed', '--institutions', '1', '--students', String(STUDENTS)]);
      say(`[${side.count}] seed: ${seed.out.split('\n').at(-1)} (${(seed.ms / 1000).toFixed(1)} s)`);
      if (side.count > 0) {
        seed = cli(side.env, [
          'seed',
          '--institutions',
          String(side.count),
          '--students',
          values['small-students'],
          '--bulk',
        ]);
        say(`[${side.count}] seed (bulk): ${seed.out.split('\n').at(-1)} (${(seed.ms / 1000).toFixed(1)} s)`);
      }
      side.api = await startApi({ DATABASE_URL: side.env.DATABASE_URL }, `Shala/${side.count}`);
      side.data = await setUp(side.api);
      say(
        `[${side.count}] data: ${side.data.students.length} students in scale-0001, ${side.data.invoices} invoices`,
      );
    }
    const [a, b] = sides;
    const results = [];
    for (const connections of CONNECTIONS) {
      for (const name of SCENARIOS) {
        const sa = scenarios(a.data, await tokensFor(a.api))[name];
        const sb = scenarios(b.data, await tokensFor(b.api))[name];
        await runWrk(a.api, sa, connections, 1, null);
        await runWrk(b.api, sb, connections, 1, null);
        const runs = { a: [], b: [] };
        for (let round = 0; round < ROUNDS; round++) {
          runs.a.push(await runWrk(a.api, sa, connections, SECONDS, dbPid));
          runs.b.push(await runWrk(b.api, sb, connections, SECONDS, dbPid));
        }
        const ra = summarise(runs.a);
        const rb = summarise(runs.b);
        results.push({ title: sa.title, connections, ra, rb });
        say(
          `${sa.title} @${connections}: ${a.count} schools ${ra.rps.toFixed(0)} req/s p50 ${f1(ra.p50)} ms (runs ${runs.a.map((x) => x.rps.toFixed(0)).join('/')}) vs ${b.count} schools ${rb.rps.toFixed(0)} req/s p50 ${f1(rb.p50)} ms (${runs.b.map((x) => x.rps.toFixed(0)).join('/')}); load ${f2(ra.load)}${ra.non2xx + rb.non2xx ? `; non-2xx ${ra.non2xx}/${rb.non2xx}` : ''}`,
        );
      }
    }
    const side = (n) => `${n} schools`.padStart(12);
    say(
      `\n${'scenario on scale-0001'.padEnd(28)} ${'conns'.padStart(5)} | ${side(a.count)} ${'r/s'.padStart(6)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'sql'.padStart(4)} ${'api'.padStart(5)} ${'db'.padStart(5)} | ${side(b.count)} ${'r/s'.padStart(6)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'sql'.padStart(4)} ${'api'.padStart(5)} ${'db'.padStart(5)} | p50 x  p99 x  r/s x  within 1.2x`,
    );
    for (const r of results) {
      const p50x = r.rb.p50 / r.ra.p50;
      const p99x = r.rb.p99 / r.ra.p99;
      const rpsx = r.ra.rps / r.rb.rps;
      say(
        `${r.title.padEnd(28)} ${String(r.connections).padStart(5)} | ${''.padStart(12)} ${r.ra.rps.toFixed(0).padStart(6)} ${f1(r.ra.p50).padStart(6)} ${f1(r.ra.p99).padStart(6)} ${f1(r.ra.sql).padStart(4)} ${f2(r.ra.api).padStart(5)} ${f2(r.ra.db).padStart(5)} | ${''.padStart(12)} ${r.rb.rps.toFixed(0).padStart(6)} ${f1(r.rb.p50).padStart(6)} ${f1(r.rb.p99).padStart(6)} ${f1(r.rb.sql).padStart(4)} ${f2(r.rb.api).padStart(5)} ${f2(r.rb.db).padStart(5)} | ${f2(p50x).padStart(5)} ${f2(p99x).padStart(6)} ${f2(rpsx).padStart(6)}  ${p50x <= 1.2 && rpsx <= 1.2 ? 'ok' : 'NO'}`,
      );
    }
    say(
      `(latencies in ms from wrk; "p50 x" and "p99 x" are ${b.count}-school latency over ${a.count}-school, "r/s x" is ${a.count}-school throughput over ${b.count}-school; within 1.2x judges p50 and r/s; api and db are CPU ms per request of the API process and mariadbd)`,
    );
  } finally {
    for (const s of sides) await s.api?.stop().catch(() => {});
    rmSync(work, { recursive: true, force: true });
    if (!values.keep) {
      const c = await adminConnect();
      for (const s of sides) await c.query(`DROP DATABASE IF EXISTS \`${s.database}\``);
      await c.end();
    } else say(`kept databases ${sides.map((s) => s.database).join(', ')}`);
  }
}

/** RSS idle and after LOAD_SECONDS of mixed load; cold start to ready (a fresh process, warm disk cache). */
async function memoryAndStart(api, data, dbPid) {
  const heap = async () => {
    const m = await api.memory();
    const spaces = Object.entries(m.spaces)
      .filter(([, v]) => v >= 1)
      .map(([k, v]) => `${k.replace(/_space$/, '')} ${v}`)
      .join(', ');
    return `heap ${m.heapUsed} used of ${m.heapTotal} (${spaces}), external ${m.external}, buffers ${m.arrayBuffers}`;
  };
  say(`\nmemory: Shala RSS idle ${f1(rssMb(api.pid))} MB (${rssParts(api.pid)}); ${await heap()}`);
  // Taken after the idle figure (writing a snapshot collects and grows the process).
  if (values['heap-snapshot']) say(`heap snapshot: ${await api.heapSnapshot('idle')}`);
  const tokens = await tokensFor(api);
  const s = scenarios(data, tokens);
  const mix = ['read', 'page', 'card', 'register', 'payment'];
  const per = Math.max(1, Math.round(LOAD_SECONDS / mix.length));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(api.pid) ?? 0)), 250);
  for (const name of mix) await runWrk(api, s[name], 20, per, dbPid);
  clearInterval(sampler);
  say(
    `memory: Shala RSS after ${per * mix.length} s of load ${f1(rssMb(api.pid))} MB (peak ${f1(peak)} MB; target <= 200 MB; ${rssParts(api.pid)}); ${await heap()}`,
  );
  const live = await api.memory(true);
  say(
    `memory: after a full GC the heap holds ${live.heapUsed} MB live (RSS then ${f1(rssMb(api.pid))} MB): what the process keeps; the rest was garbage not yet collected`,
  );
  if (values['heap-snapshot']) say(`heap snapshot: ${await api.heapSnapshot('loaded')}`);
  if (values['skip-start']) return;
  await api.stop();
  const starts = [];
  for (let i = 0; i < 3; i++) {
    const again = await startApi();
    starts.push(again.readyMs);
    await again.stop();
  }
  say(
    `cold start to ready (MariaDB): ${starts.map((x) => `${x.toFixed(0)} ms`).join(', ')} (target <= 1500 ms)`,
  );
}

try {
  await main();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
