#!/usr/bin/env node
// A/B of API builds on one seeded MariaDB database: API CPU per request (from /proc) and req/s for the
// read, page and register scenarios of compare.mjs, the builds interleaved A B A B. For measuring a change
// to the per-request pipeline without the bare side or a fresh seed each time. Run it under
// `flock /tmp/bench.lock` like every benchmark.
//
//   node scripts/bench/ab-api.mjs --dists /tmp/a,/tmp/b [--database shala_ab] [--create]
//        [--scenarios read] [--seconds 5] [--rounds 3] [--connections 20] [--students 800]
//   --create: (re)create the database, migrate and seed it first (needs the first dist's cli.js)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { API_NODE_FLAGS } from '../api-node-flags.mjs';
import { benchApiEnv, call, freePort, itemsOf, root, say, signIn } from './support.mjs';

const requireApi = createRequire(join(root, 'apps/api/package.json'));
const mysql = requireApi('mysql2/promise');
const { values } = parseArgs({
  options: {
    dists: { type: 'string', default: 'apps/api/dist' },
    database: { type: 'string', default: 'shala_ab_pipeline' },
    create: { type: 'boolean', default: false },
    scenarios: { type: 'string', default: 'read' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    students: { type: 'string', default: '800' },
    'cpu-prof': { type: 'string' },
  },
});
// Each entry: a dist directory, optionally with environment for its process: `dir@KEY=VALUE;KEY=VALUE`.
const DISTS = values.dists.split(',').map((entry) => {
  const [dir, vars = ''] = entry.split('@');
  const extra = Object.fromEntries(
    vars
      .split(';')
      .filter(Boolean)
      .map((kv) => kv.split('=')),
  );
  return { dir: resolve(root, dir), extra, label: entry };
});
const JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789abcdef';
const server = 'mysql://root@127.0.0.1:3306/';
const env = benchApiEnv(`${server}${values.database}`, JWT_SECRET);
const PRELOAD = join(root, 'scripts/bench/baseline/count-statements.mjs');
const work = mkdtempSync(join(tmpdir(), 'shala-ab-'));

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function start({ dir: dist, extra, label }, i) {
  const port = await freePort();
  const counterPort = await freePort();
  const prof = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}/${i}`] : [];
  const child = spawn(
    process.execPath,
    [...API_NODE_FLAGS, ...prof, '--import', pathToFileURL(PRELOAD).href, join(dist, 'main.js')],
    {
      env: { ...env, ...extra, PORT: String(port), SHALA_BENCH_COUNTER_PORT: String(counterPort) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let n = 0; ; n++) {
    if (child.exitCode !== null) throw new Error(`${dist} exited`);
    if (
      await fetch(`${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    dist: label,
    base,
    pid: child.pid,
    child,
    requests: async () => Number(await (await fetch(`http://127.0.0.1:${counterPort}/requests`)).text()),
  };
}

if (values.create) {
  const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  await c.query(`DROP DATABASE IF EXISTS \`${values.database}\``);
  await c.query(`CREATE DATABASE \`${values.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  for (const args of [['migrate'], ['seed', '--institutions', '1', '--students', values.students]]) {
    const r = spawnSync(process.execPath, [join(DISTS[0].dir, 'cli.js'), ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args[0]}: ${r.stdout}\n${r.stderr}`);
  }
}

const apis = [];
for (const [i, d] of DISTS.entries()) apis.push(await start(d, i));
const { SignJWT, decodeJwt } = requireApi('jose');
// One signed-in session per database, remembered: a second sign-in would need the TOTP secret enrolled by
// the first.
const sessionFile = join(tmpdir(), `shala-ab-${values.database}.json`);
if (values.create || !existsSync(sessionFile))
  writeFileSync(sessionFile, JSON.stringify(decodeJwt(await signIn(apis[0].base, 'admin@scale-0001.test'))));
const { sub, tid, sid } = JSON.parse(readFileSync(sessionFile, 'utf8'));
// Access tokens live 10 minutes: a fresh one for each run.
const mint = () =>
  new SignJWT({ sub, tid, sid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('shala')
    .setAudience('shala-api')
    .setIssuedAt()
    .setExpirationTime('600s')
    .sign(new TextEncoder().encode(JWT_SECRET));
let token = await mint();
const as = (method, path) => call(apis[0].base, token, method, `/api/v1${path}`);

const students = [];
for (let cursor = null; ;) {
  const page = await as('GET', `/students?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  students.push(...page.items.map((s) => s.id));
  cursor = page.nextCursor;
  if (!cursor) break;
}
const classes = itemsOf(await as('GET', '/academics/classes'));
const today = (await as('GET', '/attendance/summary')).date;
const rosters = [];
for (const s of classes.flatMap((c) => c.sections)) {
  const reg = await as('GET', `/attendance/sections/${s.id}/days/${today}`);
  if (reg.rows?.length) rosters.push({ sectionId: s.id, students: reg.rows.map((r) => r.studentId) });
}
const statuses = ['present', 'present', 'present', 'absent', 'late', 'present'];
const regPaths = [];
const regBodies = [];
for (let v = 0; v < 6; v++)
  for (const r of rosters) {
    regPaths.push(`/api/v1/attendance/sections/${r.sectionId}/days/${today}`);
    regBodies.push(
      JSON.stringify({
        marks: r.students.map((studentId, k) => ({ studentId, status: statuses[(v + k) % 6] })),
      }),
    );
  }
const SCENARIOS = {
  read: { method: 'GET', paths: students.slice(0, 500).map((id) => `/api/v1/students/${id}`) },
  page: { method: 'GET', paths: ['/api/v1/students?limit=50'] },
  register: { method: 'PUT', paths: regPaths, bodies: regBodies },
};

function lua({ method, paths, bodies = [] }) {
  const s = JSON.stringify;
  return `local paths = {${paths.map(s).join(',')}}
local bodies = {${bodies.map(s).join(',')}}
local counter = 0
tid = 0
local threads = 0
function setup(thread) thread:set("tid", threads) threads = threads + 1 end
function init(args) counter = tid * 7919 end
function request()
  counter = counter + 1
  local headers = { ["authorization"] = "Bearer ${token}" }
  local body = nil
  if #bodies > 0 then headers["content-type"] = "application/json" body = bodies[(counter % #bodies) + 1] end
  return wrk.format("${method}", paths[(counter % #paths) + 1], headers, body)
end
local bad = 0
function response(status, headers, body)
  if status >= 300 then bad = bad + 1 if bad <= 2 then io.stderr:write("HTTP " .. status .. " " .. string.sub(body, 1, 200) .. "\\n") end end
end`;
}

async function run(api, name) {
  token = await mint();
  const script = join(work, `${name}.lua`);
  writeFileSync(script, lua(SCENARIOS[name]));
  const before = { cpu: cpuSeconds(api.pid), n: await api.requests() };
  const out = await new Promise((res) => {
    const p = spawn(
      '/usr/bin/wrk',
      ['-t', '2', '-c', values.connections, '-d', `${values.seconds}s`, '-s', script, api.base],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let o = '';
    p.stdout.on('data', (d) => (o += d));
    p.on('exit', () => res(o));
  });
  await new Promise((r) => setTimeout(r, 300));
  const after = { cpu: cpuSeconds(api.pid), n: await api.requests() };
  const n = after.n - before.n - 2;
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
    cpuMs: ((after.cpu - before.cpu) * 1000) / n,
  };
}

const results = new Map();
for (const name of values.scenarios.split(',')) {
  for (const api of apis) await run(api, name); // warm-up
  for (let r = 0; r < Number(values.rounds); r++)
    for (const api of apis) {
      const m = await run(api, name);
      const key = `${name}|${api.dist}`;
      results.set(key, [...(results.get(key) ?? []), m]);
      say(`${name} ${api.dist}: ${m.rps.toFixed(0)} req/s, ${m.cpuMs.toFixed(3)} ms CPU/req`);
    }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
say('\nmedians:');
for (const [key, ms] of results) {
  const [name, dist] = key.split('|');
  say(
    `${name.padEnd(9)} ${dist.padEnd(40)} ${median(ms.map((m) => m.rps))
      .toFixed(0)
      .padStart(6)} req/s  ${median(ms.map((m) => m.cpuMs)).toFixed(3)} ms CPU/req`,
  );
}
for (const api of apis) {
  api.child.kill('SIGTERM');
  await new Promise((r) => api.child.once('exit', r));
}
