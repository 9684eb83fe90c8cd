#!/usr/bin/env node
// `npm start`: install (frozen lockfile), build, migrate, seed the demo when the database is empty, and
// serve API + SPA on one port (embedded SQLite under ./data unless DATABASE_URL says otherwise). The API
// runs under scripts/supervise.mjs: restarted after a crash (backoff; it gives up after 5 crashes within a
// minute), stopped cleanly on Ctrl+C or SIGTERM.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_NODE_FLAGS } from './api-node-flags.mjs';
import { pnpm } from './pnpm.mjs';
import { supervise } from './supervise.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The API's node flags go in NODE_OPTIONS, as in the Docker image, so an operator's own NODE_OPTIONS replaces
// them the same way in both.
const env = {
  ...process.env,
  WEB_DIST: process.env.WEB_DIST ?? join(root, 'apps/web/dist'),
  NODE_OPTIONS: process.env.NODE_OPTIONS ?? API_NODE_FLAGS.join(' '),
};
const say = (m) => process.stdout.write(`\n[shala] ${m}\n`);

function must(status, what) {
  if (status !== 0) {
    process.stderr.write(`\n[shala] ${what} failed (exit ${status}).\n`);
    process.exit(status || 1);
  }
}

say('installing dependencies (frozen lockfile)');
must(pnpm(['install', '--frozen-lockfile', '--prefer-offline']), 'install');
say('building contracts, API and web app');
must(pnpm(['-r', '--workspace-concurrency=1', 'run', 'build']), 'build');

const cli = (args) =>
  spawnSync(process.execPath, [join(root, 'apps/api/dist/cli.js'), ...args], {
    stdio: 'inherit',
    cwd: root,
    env,
  }).status;
say('running database migrations');
must(cli(['migrate']), 'migrate');
if (
  (process.env.DEMO_MODE ?? 'true') !== 'false' &&
  !['production', 'staging'].includes(process.env.APP_ENV ?? '')
) {
  say('seeding the demo data (only when the database is empty)');
  must(cli(['seed', '--demo', '--if-empty']), 'seed');
}

const port = Number(process.env.PORT ?? 3000);
void supervise({
  name: 'api',
  command: process.execPath,
  args: [join(root, 'apps/api/dist/main.js')],
  spawnOptions: { cwd: root, env },
}).then((code) => process.exit(code));

const url = `http://localhost:${port}`;
for (let i = 0; i < 120; i++) {
  await new Promise((r) => setTimeout(r, 500));
  const ok = await fetch(`${url}/api/health/ready`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) {
    process.stdout.write(`
============================================================================
  Shala is running at ${url}
  API health: ${url}/api/health/ready     OpenAPI: ${url}/api/docs
  Demo logins (password: shala-demo-password)
    institution greenwood or riverside:
      admin@<slug>.test  teacher@<slug>.test  accountant@<slug>.test
      parent@<slug>.test student@<slug>.test
    institution platform: operator@shala.test
  MFA accounts use the demo TOTP secret JBSWY3DPEHPK3PXP.
  Stop with Ctrl+C.
============================================================================
`);
    break;
  }
}
