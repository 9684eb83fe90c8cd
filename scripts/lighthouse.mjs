#!/usr/bin/env node
// Lighthouse on the built app (issue 18 item 4): starts the built API serving the built SPA on a throwaway
// SQLite database with the demo seed, and runs Lighthouse 12 (from @lhci/cli, apps/web's devDependency)
// in Debian's Chromium, headless, on its default mobile profile (simulated slow 4G, 4x CPU slowdown,
// Moto G Power screen) for the sign-in page, the teacher's register and the parent's fees page. Signed-in
// pages get their session the way the SPA does: the demo account signs in through the login API in the
// page, which sets the HttpOnly refresh cookie, and the page's loader restores the session from it.
// Prints the scores and the largest opportunities, and exits 1 when a page scores below performance 90
// or accessibility 95. Builds nothing: needs `npm run build` first.
//
//   node scripts/lighthouse.mjs     CHROMIUM_PATH (default /usr/bin/chromium), WEB_DIST (default
//                                   apps/web/dist), LIGHTHOUSE_PORT (default a free port),
//                                   LIGHTHOUSE_REPORTS (a folder: also writes each page's JSON report),
//                                   LIGHTHOUSE_MIN_PERFORMANCE / _ACCESSIBILITY (default 90 / 95),
//                                   LIGHTHOUSE_RUNS (default 3: each page's median run counts, as LHCI
//                                   does; one run's score moves by +-6 on a shared machine)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiDist = join(root, 'apps', 'api', 'dist');
const webDist = process.env.WEB_DIST ? resolve(process.env.WEB_DIST) : join(root, 'apps', 'web', 'dist');
const chromium = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';
const reportsDir = process.env.LIGHTHOUSE_REPORTS ? resolve(process.env.LIGHTHOUSE_REPORTS) : null;
const DEMO_PASSWORD = 'shala-demo-password';
// The targets of issue 18; the environment may lower them while a known gap is being closed.
const MIN_PERFORMANCE = Number(process.env.LIGHTHOUSE_MIN_PERFORMANCE ?? 90);
const MIN_ACCESSIBILITY = Number(process.env.LIGHTHOUSE_MIN_ACCESSIBILITY ?? 95);
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));

const PAGES = [
  { name: 'sign-in page', path: '/login', account: null },
  { name: "teacher's register", path: '/attendance', account: 'teacher@greenwood.test' },
  { name: "parent's fees page", path: '/fees', account: 'parent@greenwood.test' },
];

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

for (const [file, hint] of [
  [join(apiDist, 'main.js'), 'build the API (npm run build)'],
  [join(apiDist, 'cli.js'), 'build the API (npm run build)'],
  [join(webDist, 'index.html'), 'build the web app (npm run build)'],
  [chromium, 'apt-get install chromium, or set CHROMIUM_PATH'],
]) {
  if (!existsSync(file)) fail(`Missing ${file}: ${hint}.`);
}

// Lighthouse and puppeteer-core come with @lhci/cli (a devDependency of apps/web); nothing is downloaded.
const requireFromWeb = createRequire(join(root, 'apps', 'web', 'package.json'));
const requireFromLhci = createRequire(requireFromWeb.resolve('@lhci/cli/package.json'));
const lighthousePackage = requireFromLhci.resolve('lighthouse/package.json');
const lighthouse = (await import(pathToFileURL(join(dirname(lighthousePackage), 'core', 'index.js')).href))
  .default;
const puppeteer = createRequire(lighthousePackage)('puppeteer-core');

function freePort() {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const dataDir = mkdtempSync(join(tmpdir(), 'shala-lighthouse-'));
const port = Number(process.env.LIGHTHOUSE_PORT ?? (await freePort()));
const baseUrl = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  APP_ENV: 'development',
  DATABASE_URL: `sqlite:${join(dataDir, 'lighthouse.sqlite')}`,
  HOST: '127.0.0.1',
  PORT: String(port),
  WEB_DIST: webDist,
  LOG_LEVEL: 'warn',
};

let api = null;
let browser = null;
async function cleanUp() {
  await browser?.close().catch(() => undefined);
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await Promise.race([new Promise((r) => api.once('exit', r)), sleep(10_000)]);
    if (api.exitCode === null) api.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

/** Signs the demo account in from inside the page, as the SPA does: the refresh cookie lands in the browser. */
async function signIn(page, email) {
  // A same-origin page that loads none of the SPA, so the measured visit is still a first one.
  await page.goto(`${baseUrl}/api/health/live`);
  const status = await page.evaluate(
    async (body) =>
      (
        await fetch('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(body),
        })
      ).status,
    { institution: 'greenwood', email, password: DEMO_PASSWORD },
  );
  if (status !== 200 && status !== 201) throw new Error(`sign-in of ${email} answered ${status}`);
  const cdp = await page.createCDPSession();
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

/** The audits that cost the most time, for a page that falls short. */
function opportunities(lhr) {
  return Object.values(lhr.audits)
    .filter((a) => a.details?.type === 'opportunity' && (a.details.overallSavingsMs ?? 0) > 100)
    .sort((a, b) => b.details.overallSavingsMs - a.details.overallSavingsMs)
    .slice(0, 4)
    .map((a) => `${a.id} ~${Math.round(a.details.overallSavingsMs)} ms`);
}

function failedA11y(lhr) {
  return lhr.categories.accessibility.auditRefs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
    .map((ref) => ref.id);
}

const started = Date.now();
/** One Lighthouse run of a page, in a fresh browser context (no session, cache or storage from before). */
async function audit(target) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  if (target.account) await signIn(page, target.account);
  const result = await lighthouse(
    `${baseUrl}${target.path}`,
    {
      logLevel: 'error',
      output: 'json',
      onlyCategories: ['performance', 'accessibility'],
      // Keeps the refresh cookie the sign-in set (signIn cleared the HTTP cache: a first visit).
      disableStorageReset: Boolean(target.account),
    },
    undefined,
    page,
  );
  await context.close();
  const { lhr } = result;
  if (lhr.runtimeError)
    throw new Error(`${target.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (lhr.finalDisplayedUrl && !lhr.finalDisplayedUrl.includes(target.path))
    throw new Error(`${target.name}: Lighthouse ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
  const metric = (id) => lhr.audits[id]?.numericValue ?? NaN;
  const bytes = lhr.audits['total-byte-weight']?.numericValue ?? NaN;
  return {
    ...target,
    report: result.report,
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    transferKb: bytes / 1024,
    opportunities: opportunities(lhr),
    a11y: failedA11y(lhr),
  };
}

/**
 * Lighthouse's own trace errors (NO_NAVSTART, NO_FCP, ...: "Please run Lighthouse again") say nothing of the
 * page; such a run is run again, twice at most, and the retry is printed.
 */
const RETRYABLE = /\b(NO_NAVSTART|NO_FCP|NO_LCP|NO_TRACING_STARTED|NO_DCL)\b/;
async function auditRetrying(target) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(target);
    } catch (error) {
      if (attempt > 2 || !RETRYABLE.test(String(error?.message))) throw error;
      process.stdout.write(`retrying ${target.name}: ${error.message.split('\n')[0]}\n`);
    }
  }
}

const rows = [];
try {
  for (const args of [['migrate'], ['seed', '--demo', '--open-every-day']]) {
    const r = spawnSync(process.execPath, [join(apiDist, 'cli.js'), ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
  }
  const apiLog = [];
  api = spawn(process.execPath, [join(apiDist, 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [api.stdout, api.stderr]) stream.on('data', (c) => apiLog.push(c.toString()));
  for (let i = 0; ; i++) {
    if (api.exitCode !== null) throw new Error(`the API exited:\n${apiLog.join('').slice(-2000)}`);
    const ready = await fetch(`${baseUrl}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (i > 120) throw new Error('the API was not ready within 60 s');
    await sleep(500);
  }

  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  if (reportsDir) mkdirSync(reportsDir, { recursive: true });
  for (const target of PAGES) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await auditRetrying(target));
    // The run with the median performance score stands for the page (LHCI's representative run).
    const sorted = [...runs].sort((a, b) => a.performance - b.performance);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    rows.push({ ...median, runs: runs.map((r) => r.performance) });
    if (reportsDir)
      writeFileSync(join(reportsDir, `${target.path.replace(/\W+/g, '') || 'root'}.json`), median.report);
  }
} catch (error) {
  await cleanUp();
  fail(`Lighthouse run failed: ${error instanceof Error ? error.stack : String(error)}`);
}
await cleanUp();

process.stdout.write(
  `Lighthouse ${JSON.parse(readFileSync(lighthousePackage, 'utf8')).version}, mobile (simulated slow 4G, 4x CPU), ${chromium}\n`,
);
let failed = 0;
for (const r of rows) {
  const ok = r.performance >= MIN_PERFORMANCE && r.accessibility >= MIN_ACCESSIBILITY;
  if (!ok) failed += 1;
  process.stdout.write(
    `${ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(20)} performance ${String(r.performance).padStart(3)} (runs ${r.runs.join('/')})  accessibility ${String(r.accessibility).padStart(3)}  ` +
      `FCP ${(r.fcp / 1000).toFixed(1)} s  LCP ${(r.lcp / 1000).toFixed(1)} s  TBT ${Math.round(r.tbt)} ms  CLS ${r.cls.toFixed(3)}  transfer ${r.transferKb.toFixed(0)} KB\n`,
  );
  if (r.performance < MIN_PERFORMANCE && r.opportunities.length > 0)
    process.stdout.write(`       opportunities: ${r.opportunities.join(', ')}\n`);
  if (r.a11y.length > 0) process.stdout.write(`       accessibility audits failing: ${r.a11y.join(', ')}\n`);
}
process.stdout.write(
  `\n${rows.length - failed} of ${rows.length} pages at performance >= ${MIN_PERFORMANCE} and accessibility >= ${MIN_ACCESSIBILITY} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
);
process.exit(failed > 0 ? 1 : 0);
