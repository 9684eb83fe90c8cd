import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiDist, repoRoot, resultsDir, webDist } from './paths';

const READY_TIMEOUT_MS = 60_000;
const CLI_TIMEOUT_MS = 120_000;

export interface RunningApp {
  baseURL: string;
  stop(): Promise<void>;
}

/** The real Shala app (API + built SPA) on a fresh SQLite database with the demo data. */
export async function startApp(): Promise<RunningApp> {
  assertBuilt();
  mkdirSync(resultsDir, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'shala-e2e-'));
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dataDir, 'e2e.sqlite')}`,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    WEB_DIST: webDist,
    LOG_LEVEL: 'warn',
  };

  let server: ChildProcess | undefined;
  try {
    await runCli(['migrate'], env);
    // Every day open, so the tests that mark today's register also run on Sundays.
    await runCli(['seed', '--demo', '--open-every-day'], env);

    const log = createWriteStream(join(resultsDir, 'e2e-api.log'));
    const recent: string[] = [];
    const started = spawn(process.execPath, [join(apiDist, 'main.js')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = started;
    for (const stream of [started.stdout, started.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        log.write(chunk);
        recent.push(chunk.toString());
        if (recent.length > 50) recent.shift();
      });
    }

    const baseURL = `http://127.0.0.1:${port}`;
    await waitUntilReady(baseURL, started, () => recent.join(''));
    return {
      baseURL,
      async stop() {
        await stopProcess(started);
        log.end();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (server) await stopProcess(server);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function assertBuilt(): void {
  const missing = [join(apiDist, 'cli.js'), join(apiDist, 'main.js'), join(webDist, 'index.html')].filter(
    (file) => !existsSync(file),
  );
  if (missing.length > 0) {
    throw new Error(
      `The end-to-end tests run the built app, and these files are missing:\n  ${missing.join('\n  ')}\n` +
        'Build first: `pnpm build` at the repository root (or `pnpm --filter @shala/api build` and ' +
        '`pnpm --filter @shala/web build`), or point E2E_BASE_URL at a running Shala.',
    );
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(apiDist, 'cli.js'), ...args],
      { cwd: repoRoot, env, timeout: CLI_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `\`node apps/api/dist/cli.js ${args.join(' ')}\` failed: ${error.message}\n${stdout}${stderr}`,
            ),
          );
        } else resolve();
      },
    );
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('No free port'))));
    });
  });
}

async function waitUntilReady(baseURL: string, server: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `The API exited (${server.exitCode ?? server.signalCode}) before it was ready:\n${logs()}`,
      );
    }
    try {
      const response = await fetch(`${baseURL}/api/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /api/health/ready answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The API was not ready within ${READY_TIMEOUT_MS / 1000} s (${lastProblem}):\n${logs()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killTimer);
}
