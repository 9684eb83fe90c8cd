#!/usr/bin/env node
// Cold start and idle memory of the built API (issue 18 item 3): on a migrated, scale-seeded (one school of 200) throwaway
// database on SQLite and/or MariaDB, starts `dist/main.js` RUNS times and prints the time from spawn to the
// first 200 of /api/health/ready, and the process's RSS once ready and after a few idle seconds. Targets
// (cold start <= 1.5 s; RSS <= 200 MB loaded, see compare.mjs for RSS under load) are printed, not asserted.
//
//   node scripts/bench/start.mjs [--engine sqlite|mysql|both] [--runs 5] [--api-dist apps/api/dist]
//        [--server-url mysql://root@127.0.0.1:3306/]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, root, say } from './support.mjs';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '5' },
    'api-dist': { type: 'string', default: 'apps/api/dist' },
    'server-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/',
    },
  },
});
const RUNS = Number(values.runs);
const API_DIST = join(root, values['api-dist']);
const mysql = createRequire(join(root, 'apps/api/package.json'))('mysql2/promise');

function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function database(engine) {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shala-start-'));
    return { url: `sqlite:${join(dir, 'start.sqlite')}`, drop: async () => rmSync(dir, { recursive: true }) };
  }
  const server = new URL(values['server-url'].replace(/^mariadb:/, 'mysql:'));
  const name = `shala_perf_start_${Date.now()}`;
  const connect = () =>
    mysql.createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username || 'root'),
      password: decodeURIComponent(server.password || ''),
    });
  const c = await connect();
  await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const d = await connect();
      await d.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await d.end();
    },
  };
}

async function run(engine) {
  const db = await database(engine);
  const env = {
    ...process.env,
    APP_ENV: 'development',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    WORKER_IN_PROCESS: 'false',
  };
  try {
    for (const args of [['migrate'], ['seed', '--institutions', '1', '--students', '200']]) {
      const r = spawnSync(process.execPath, [join(API_DIST, 'cli.js'), ...args], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`cli ${args.join(' ')}: ${r.stderr}`);
    }
    const starts = [];
    const ready = [];
    const idle = [];
    for (let i = 0; i < RUNS; i++) {
      const port = await freePort();
      const began = process.hrtime.bigint();
      const child = spawn(process.execPath, [join(API_DIST, 'main.js')], {
        env: { ...env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
        const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      starts.push(Number(process.hrtime.bigint() - began) / 1e6);
      ready.push(rssMb(child.pid));
      await new Promise((r) => setTimeout(r, 3000));
      idle.push(rssMb(child.pid));
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    say(
      `${engine.padEnd(7)} cold start to ready: median ${median(starts).toFixed(0)} ms (${starts.map((s) => s.toFixed(0)).join(', ')}; target <= 1500 ms); RSS when ready ${median(ready).toFixed(0)} MB, idle after 3 s ${median(idle).toFixed(0)} MB; load ${loadavg()[0].toFixed(2)}`,
    );
  } finally {
    await db.drop();
  }
}

for (const engine of values.engine === 'both' ? ['sqlite', 'mysql'] : [values.engine]) await run(engine);
