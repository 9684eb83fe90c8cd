import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import Redis from 'ioredis';
import { TestApp, bootTestApp } from './test-app';

const run = promisify(execFile);

/**
 * A throwaway server a fault test may freeze, kill and restart: its own process, port and data directory,
 * never the shared servers on 3306 and 6379.
 */
export interface FaultServer {
  readonly port: number;
  readonly url: string;
  /** SIGSTOP: the process keeps its sockets open and answers nothing. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** SIGKILL, waiting until the process is gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data (after kill()). */
  start(): Promise<void>;
  /** Kills the server and removes its data. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it answers true; a check that throws a startup failure ends the wait at once. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await check().catch((error: unknown) => {
      if (error instanceof Error && /could not start|exited with/.test(error.message)) throw error;
      return false;
    });
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

class ProcessServer implements FaultServer {
  private child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    readonly url: string,
    private readonly dir: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly ready: () => Promise<boolean>,
  ) {}

  private get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.command} is not running`);
    return this.child.pid;
  }

  async start(): Promise<void> {
    const child = spawn(this.command, this.args, { stdio: 'ignore' });
    this.child = child;
    let failed: Error | null = null;
    child.on('error', (error) => (failed = error));
    await until(this.command, async () => {
      if (failed) throw new Error(`${this.command} could not start (is it installed?): ${failed.message}`);
      if (child.exitCode !== null) throw new Error(`${this.command} exited with ${child.exitCode}`);
      return this.ready();
    });
  }

  freeze(): void {
    process.kill(this.pid, 'SIGSTOP');
  }

  thaw(): void {
    process.kill(this.pid, 'SIGCONT');
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A MariaDB server on its own port and data directory, root without a password. */
export async function startMariaDb(): Promise<FaultServer> {
  const dir = mkdtempSync(join(tmpdir(), 'shala-faults-mariadb-'));
  const datadir = join(dir, 'data');
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  await run('mariadb-install-db', [
    '--no-defaults',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    `--datadir=${datadir}`,
    ...user,
  ]);
  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}/`;
  const server = new ProcessServer(
    port,
    url,
    dir,
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mysqld.sock')}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      `--log-error=${join(dir, 'error.log')}`,
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=64M',
      '--innodb-log-file-size=32M',
      ...user,
    ],
    async () => {
      const conn = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 });
      await conn.end();
      return true;
    },
  );
  await server.start();
  return server;
}

/** A Redis server on its own port that keeps nothing on disk. */
export async function startRedis(): Promise<FaultServer> {
  const dir = mkdtempSync(join(tmpdir(), 'shala-faults-redis-'));
  const port = await freePort();
  const server = new ProcessServer(
    port,
    `redis://127.0.0.1:${port}`,
    dir,
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    async () => {
      const client = new Redis(port, '127.0.0.1', {
        lazyConnect: true,
        connectTimeout: 500,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } finally {
        client.disconnect();
      }
    },
  );
  await server.start();
  return server;
}

/**
 * bootTestApp against another MySQL server than TEST_DATABASE_URL (a throwaway one): the test database
 * is created, migrated and dropped there.
 */
export async function bootTestAppOn(serverUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const previous = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = serverUrl;
  try {
    return await bootTestApp(env);
  } finally {
    if (previous === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = previous;
  }
}
