#!/usr/bin/env node
// What one database round trip costs on this machine: `SELECT 1` over TCP loopback and over the local Unix
// socket, wall-clock and client CPU per query. Attendance marking makes ~18 round trips per save, so this
// is the floor under its latency and the part of its CPU cost no query tuning removes.
//
//   node scripts/bench/db-roundtrip.mjs [--server-url mysql://root@127.0.0.1:3306/]
//        [--socket /run/mysqld/mysqld.sock] [--queries 3000]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mysql = createRequire(join(root, 'apps/api/package.json'))('mysql2/promise');
const { values } = parseArgs({
  options: {
    'server-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/',
    },
    socket: { type: 'string', default: '/run/mysqld/mysqld.sock' },
    queries: { type: 'string', default: '3000' },
  },
});
const N = Number(values.queries);
const server = new URL(values['server-url'].replace(/^mariadb:/, 'mysql:'));
const user = decodeURIComponent(server.username || 'root');
const password = decodeURIComponent(server.password || '');
const targets = [
  ['TCP loopback', { host: server.hostname, port: Number(server.port || 3306) }],
  ...(existsSync(values.socket) ? [['Unix socket', { socketPath: values.socket }]] : []),
];
for (const [label, where] of targets) {
  const c = await mysql.createConnection({ ...where, user, password });
  for (let i = 0; i < 200; i++) await c.query('SELECT 1'); // warm up
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await c.query('SELECT 1');
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / N;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    `${label.padEnd(14)} ${N} queries: ${wall.toFixed(3)} ms wall and ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms client CPU per round trip\n`,
  );
  await c.end();
}
