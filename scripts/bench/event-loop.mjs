#!/usr/bin/env node
// Event-loop benchmark (issue 17 item 10): loads `GET /api/v1/students?limit=50` on the embedded default
// (SQLite, one API process) with N keep-alive connections while polling `/api/health/live` every 100 ms,
// and prints, per build and load level: req/s, list p50/p99, health-check p50/p99/max during the load,
// the event-loop delay read from the API's metrics endpoint (p99 of shala_event_loop_delay_seconds over
// warm-up + load, shala_event_loop_delay_max_seconds, and prom-client's nodejs_eventloop_lag_* for builds
// without them), heap used, RSS (idle, start of load, peak, end) and API CPU per request (from /proc, the
// figure that moves least when other work shares the machine). With --baseline-dist the two builds run
// interleaved (A B, then B A, ...) on copies of one database, each level in a fresh API process, and the
// medians of current/baseline are printed: on a noisy machine compare those ratios, not absolute numbers.
//
//   node scripts/bench/event-loop.mjs [--db /tmp/shala-el.sqlite] [--institutions 20] [--students 2000]
//        [--connections 20,50] [--duration 15] [--warmup 3] [--rounds 2] [--users 40]
//        [--api-dist apps/api/dist] [--baseline-dist DIR] [--cpu-prof DIR]
//
// --db: a scale-seeded SQLite file to reuse, seeded there with the current build when it does not exist
// (20 x 2,000 students take about 5 minutes); pass the --institutions it was seeded with. Each API run
// works on a fresh copy. A baseline build is a copy of apps/api/dist kept under apps/api/ (e.g.
// apps/api/.tmp/dist-baseline) so it resolves the same node_modules. The load comes from a worker thread
// and the health poll from the main thread, so a busy load generator does not delay the poll. Users: the
// admins and accountants of the scale schools; the API allows 600 requests a minute per user, so the
// load is spread over them and any 429 answers are shown in the last column.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const LIST_PATH = '/api/v1/students?limit=50';

/** One HTTP GET on a keep-alive agent: resolves with [status, milliseconds]. */
function get(agent, port, path, headers = {}) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve([res.statusCode, Number(process.hrtime.bigint() - started) / 1e6]));
    });
    req.on('error', () => resolve([0, Number(process.hrtime.bigint() - started) / 1e6]));
    req.end();
  });
}

if (!isMainThread) {
  // The load generator: `connections` closed loops, each on its own socket, round-robin over the tokens.
  const { port, tokens, connections, warmupMs, durationMs } = workerData;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statuses = {};
  let measuring = false;
  let stop = false;
  let next = 0;
  const loop = async () => {
    while (!stop) {
      const token = tokens[next++ % tokens.length];
      const [status, ms] = await get(agent, port, LIST_PATH, { authorization: `Bearer ${token}` });
      if (!measuring) continue;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) latencies.push(ms);
    }
  };
  const loops = Array.from({ length: connections }, loop);
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true;
  parentPort.postMessage({ kind: 'measuring' });
  const started = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(loops);
  agent.destroy();
  parentPort.postMessage({ kind: 'done', latencies, statuses, seconds });
} else {
  await main();
}

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const requireApi = createRequire(join(root, 'apps/api/package.json'));
  const { authenticator } = requireApi('otplib');

  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      institutions: { type: 'string', default: '20' },
      students: { type: 'string', default: '2000' },
      connections: { type: 'string', default: '20,50' },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      users: { type: 'string', default: '40' },
      'api-dist': { type: 'string', default: 'apps/api/dist' },
      'baseline-dist': { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const abs = (p) => (isAbsolute(p) ? p : join(root, p));
  const LEVELS = values.connections.split(',').map(Number);
  const DURATION_MS = Number(values.duration) * 1000;
  const WARMUP_MS = Number(values.warmup) * 1000;
  const ROUNDS = Number(values.rounds);
  const USERS = Number(values.users);
  const PASSWORD = 'shala-demo-password';
  const builds = [
    ...(values['baseline-dist'] ? [{ name: 'baseline', dist: abs(values['baseline-dist']) }] : []),
    { name: 'current', dist: abs(values['api-dist']) },
  ];
  const say = (m) => process.stdout.write(`${m}\n`);
  const work = mkdtempSync(join(tmpdir(), 'shala-el-'));

  const freePort = () =>
    new Promise((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
    });
  const percentile = (sorted, p) =>
    sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const summary = (samples) => {
    const s = [...samples].sort((a, b) => a - b);
    return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
  };
  const baseEnv = {
    ...process.env,
    APP_ENV: 'development',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  };
  const cli = (dist, env, args) => {
    const r = spawnSync(process.execPath, [join(dist, 'cli.js'), ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout.trim();
  };

  // 1. The database: a scale seed, built once and copied for every API run.
  const dbFile = values.db ? abs(values.db) : join(work, 'seed.sqlite');
  if (!existsSync(dbFile)) {
    const started = Date.now();
    const env = { ...baseEnv, DATABASE_URL: `sqlite:${dbFile}` };
    cli(builds.at(-1).dist, env, ['migrate']);
    const out = cli(builds.at(-1).dist, env, [
      'seed',
      '--institutions',
      values.institutions,
      '--students',
      values.students,
    ]);
    say(`seed: ${out.split('\n').at(-1)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }

  const json = async (base, path, body, token) => {
    const res = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const signIn = async (base, institution, email) => {
    const login = await json(base, '/api/v1/auth/login', { institution, email, password: PASSWORD });
    if (login.body?.accessToken) return login.body.accessToken;
    if (login.body?.mfaEnrollmentRequired) {
      const start = await json(base, '/api/v1/auth/mfa/enrollment', { mfaToken: login.body.mfaToken });
      const done = await json(base, '/api/v1/auth/mfa/enrollment/confirm', {
        mfaToken: login.body.mfaToken,
        code: authenticator.generate(start.body.secret),
      });
      if (done.body?.accessToken) return done.body.accessToken;
    }
    throw new Error(`sign-in of ${email} failed: ${login.status} ${JSON.stringify(login.body)}`);
  };
  const procStat = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return {
        cpu: (Number(stat[11]) + Number(stat[12])) / 100, // utime + stime, clock ticks of 1/100 s
        rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024,
      };
    } catch {
      return { cpu: NaN, rssMb: NaN };
    }
  };
  /** `name{labels} value` lines of a Prometheus text scrape, keyed by everything before the value. */
  const scrape = async (metricsPort) => {
    const text = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    const samples = new Map();
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const at = line.lastIndexOf(' ');
      samples.set(line.slice(0, at), Number(line.slice(at + 1)));
    }
    return samples;
  };

  /**
   * A quantile of a Prometheus histogram over the window between two scrapes, interpolated within the
   * bucket as histogram_quantile() does; NaN when the build has no such histogram.
   */
  const histogramQuantile = (q, name, before, after) => {
    const buckets = [...after]
      .filter(([k]) => k.startsWith(`${name}_bucket{le="`))
      .map(([k, v]) => [
        Number(k.slice(name.length + 12, -2).replace('+Inf', 'Infinity')),
        v - (before.get(k) ?? 0),
      ])
      .sort((a, b) => a[0] - b[0]);
    const total = buckets.at(-1)?.[1];
    if (!total) return NaN;
    let prevLe = 0;
    let prevCount = 0;
    for (const [le, count] of buckets) {
      if (count >= q * total) {
        if (le === Infinity) return prevLe;
        return prevLe + ((le - prevLe) * (q * total - prevCount)) / Math.max(1, count - prevCount);
      }
      [prevLe, prevCount] = [le, count];
    }
    return NaN;
  };

  /** One fresh API process on a fresh copy of the database, loaded with `connections` connections. */
  async function measure(build, connections, tag) {
    const dir = mkdtempSync(join(work, 'run-'));
    copyFileSync(dbFile, join(dir, 'db.sqlite'));
    const [port, metricsPort] = [await freePort(), await freePort()];
    const profile = values['cpu-prof']
      ? ['--cpu-prof', `--cpu-prof-dir=${abs(values['cpu-prof'])}`, `--cpu-prof-name=${tag}.cpuprofile`]
      : [];
    const api = spawn(process.execPath, [...profile, join(build.dist, 'main.js')], {
      env: {
        ...baseEnv,
        DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        METRICS_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 240; i++) {
        if (
          await fetch(`${base}/api/health/ready`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const institutions = Number(values.institutions);
      const accounts = [];
      for (let i = 1; accounts.length < USERS && i <= Math.max(institutions, 1) * 2; i++) {
        const slug = `scale-${String(((i - 1) % institutions) + 1).padStart(4, '0')}`;
        accounts.push([slug, `${i <= institutions ? 'admin' : 'accountant'}@${slug}.test`]);
      }
      const tokens = [];
      for (const [slug, email] of accounts) tokens.push(await signIn(base, slug, email));

      const healthAgent = new Agent({ keepAlive: true, maxSockets: 1 });
      const health = [];
      const worker = new Worker(fileURLToPath(import.meta.url), {
        workerData: { port, tokens, connections, warmupMs: WARMUP_MS, durationMs: DURATION_MS },
      });
      let measuring = false;
      let before;
      const done = new Promise((resolve, reject) => {
        worker.on('message', (m) => {
          if (m.kind === 'measuring') {
            measuring = true;
            before = procStat(api.pid);
          } else resolve(m);
        });
        worker.on('error', reject);
      });
      const metricsBefore = await scrape(metricsPort);
      const rssIdle = procStat(api.pid).rssMb;
      let polling = true;
      let rssPeak = 0;
      const rssSampler = setInterval(() => {
        if (measuring) rssPeak = Math.max(rssPeak, procStat(api.pid).rssMb);
      }, 500);
      const poller = (async () => {
        while (polling) {
          const started = performance.now();
          const [status, ms] = await get(healthAgent, port, '/api/health/live');
          if (measuring && polling) health.push(status === 200 ? ms : Infinity);
          await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - started))));
        }
      })();
      const result = await done;
      const after = procStat(api.pid);
      polling = false;
      clearInterval(rssSampler);
      await poller;
      healthAgent.destroy();
      const metricsAfter = await scrape(metricsPort);
      const ok = result.statuses[200] ?? 0;
      const eldP99 = histogramQuantile(0.99, 'shala_event_loop_delay_seconds', metricsBefore, metricsAfter);
      return {
        build: build.name,
        connections,
        rps: ok / result.seconds,
        list: summary(result.latencies),
        other: Object.entries(result.statuses)
          .filter(([s]) => s !== '200')
          .map(([s, n]) => `${s}x${n}`)
          .join(' '),
        health: summary(health),
        eld: {
          p99: eldP99 * 1000,
          max: (metricsAfter.get('shala_event_loop_delay_max_seconds') ?? NaN) * 1000,
          // prom-client's own monitor (reset on every scrape, so this is the load window alone).
          defaultP99: (metricsAfter.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000,
          defaultMax: (metricsAfter.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000,
        },
        heapMb: (metricsAfter.get('nodejs_heap_size_used_bytes') ?? NaN) / 1048576,
        rssIdle,
        rssBefore: before.rssMb,
        rssAfter: after.rssMb,
        rssPeak: Math.max(rssPeak, after.rssMb),
        cpuMsPerReq: ((after.cpu - before.cpu) * 1000) / Math.max(1, ok + (result.statuses[429] ?? 0)),
        cpuShare: (after.cpu - before.cpu) / result.seconds,
      };
    } finally {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const f = (v, w = 8, d = 1) =>
    (Number.isFinite(v) ? v.toFixed(d) : v === Infinity ? 'inf' : 'n/a').padStart(w);
  const header =
    `${'build'.padEnd(9)}${'conn'.padStart(5)}${'req/s'.padStart(8)}${'list p50'.padStart(9)}${'p99'.padStart(8)}` +
    `${'hlth p50'.padStart(9)}${'p99'.padStart(8)}${'max'.padStart(8)}${'ELD p99'.padStart(9)}${'max'.padStart(8)}` +
    `${'(nodejs p99'.padStart(12)}${'max)'.padStart(7)}${'heap'.padStart(6)}${'RSS idle'.padStart(9)}${'start'.padStart(7)}${'peak'.padStart(7)}${'end'.padStart(7)}` +
    `${'CPU ms/req'.padStart(11)}${'cores'.padStart(6)}  other`;
  const row = (r) =>
    `${r.build.padEnd(9)}${String(r.connections).padStart(5)}${f(r.rps, 8, 0)}${f(r.list.p50, 9)}${f(r.list.p99)}` +
    `${f(r.health.p50, 9)}${f(r.health.p99)}${f(r.health.max, 8, 0)}${f(r.eld.p99, 9)}${f(r.eld.max, 8, 0)}` +
    `${f(r.eld.defaultP99, 12)}${f(r.eld.defaultMax, 7, 0)}${f(r.heapMb, 6, 0)}${f(r.rssIdle, 9, 0)}${f(r.rssBefore, 7, 0)}${f(r.rssPeak, 7, 0)}${f(r.rssAfter, 7, 0)}` +
    `${f(r.cpuMsPerReq, 11, 2)}${f(r.cpuShare, 6, 2)}  ${r.other}`;

  say(
    `\nGET ${LIST_PATH}: ${DURATION_MS / 1000} s per level after ${WARMUP_MS / 1000} s warm-up, ${USERS} users, ` +
      `levels ${LEVELS.join('/')} connections, ${ROUNDS} round(s), builds ${builds.map((b) => b.name).join(' vs ')}`,
  );
  say(
    'latencies in ms (list: 200 answers only), RSS in MB, ELD = event-loop delay from the metrics endpoint',
  );
  say(header);
  const results = [];
  try {
    for (let round = 1; round <= ROUNDS; round++)
      for (const connections of LEVELS)
        for (const build of round % 2 ? builds : [...builds].reverse()) {
          const r = await measure(build, connections, `${build.name}-c${connections}-r${round}`);
          results.push(r);
          say(row(r));
        }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  if (builds.length === 2) {
    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    say('\ncurrent / baseline, median over rounds (lower is better except req/s)');
    for (const connections of LEVELS) {
      const pick = (name, fn) =>
        median(results.filter((r) => r.build === name && r.connections === connections).map(fn));
      const ratio = (fn) => pick('current', fn) / pick('baseline', fn);
      say(
        `${String(connections).padStart(3)} conn: req/s x${ratio((r) => r.rps).toFixed(2)}, list p99 x${ratio((r) => r.list.p99).toFixed(2)}, ` +
          `health max x${ratio((r) => r.health.max).toFixed(2)}, health p99 x${ratio((r) => r.health.p99).toFixed(2)}, ` +
          `CPU/req x${ratio((r) => r.cpuMsPerReq).toFixed(2)}, RSS end x${ratio((r) => r.rssAfter).toFixed(2)}`,
      );
    }
  }
}
