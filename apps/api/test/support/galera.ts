/**
 * A multi-node deployment on loopback for the Galera failure test (issue 18): a 3-node MariaDB Galera
 * cluster (Debian's galera-4 provider, rsync state transfer), Redis, two API replicas (the built
 * `dist/main.js`, each on its own node), the outbox worker (`dist/worker.js`) and Nginx balancing the
 * replicas. Every process gets its own data folder under one temporary directory; `stop()` kills them
 * all (never the shared MariaDB on 3306 or Redis on 6379).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';

export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const MARIADBD = '/usr/sbin/mariadbd';
const apiDist = resolve(__dirname, '..', '..', 'dist');

/** Loopback ports, one set per node (the ranges this test owns). */
export interface GaleraPorts {
  mysql: number[];
  gmcast: number[];
  ist: number[];
  sst: number[];
  redis: number;
  api: number[];
  nginx: number;
}

export const DEFAULT_PORTS: GaleraPorts = {
  mysql: [3311, 3312, 3313],
  gmcast: [4571, 4572, 4573],
  ist: [4581, 4582, 4583],
  sst: [4591, 4592, 4593],
  redis: 6391,
  api: [3215, 3216],
  nginx: 3219,
};

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** What is missing to run the deployment, each with the Debian package that brings it (empty: all there). */
export function galeraMissing(): string[] {
  const missing: string[] = [];
  if (!existsSync(GALERA_PROVIDER)) missing.push(`${GALERA_PROVIDER} (galera-4)`);
  if (!existsSync(MARIADBD)) missing.push(`${MARIADBD} (mariadb-server)`);
  if (!onPath('mariadb-install-db')) missing.push('mariadb-install-db (mariadb-server)');
  if (!onPath('rsync')) missing.push('rsync (rsync, the state transfer)');
  if (!onPath('redis-server')) missing.push('redis-server (redis-server)');
  if (!onPath('nginx')) missing.push('nginx (nginx-light)');
  if (!existsSync(join(apiDist, 'main.js'))) missing.push(`${apiDist}/main.js (npm run build)`);
  return missing;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** mariadbd refuses to run as root: as root it runs as `mysql`, which must own its folders. */
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
function mysqlOwner(): { uid: number; gid: number } | null {
  if (!asRoot) return null;
  const r = spawnSync('id', ['-u', 'mysql'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'mysql'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error('running as root needs a `mysql` user for mariadbd');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export interface WsrepStatus {
  clusterSize: number;
  state: string;
  ready: boolean;
  certFailures: number;
  bfAborts: number;
}

export class GaleraDeployment {
  /** Every process's folder and log, made by startCluster (so a skipped suite leaves nothing behind). */
  dir = '';
  private readonly children = new Map<string, ChildProcess>();
  private readonly owner = mysqlOwner();

  constructor(readonly ports: GaleraPorts = DEFAULT_PORTS) {}

  /** The database URL of node `n` (0-based). */
  databaseUrl(n: number): string {
    return `mysql://root@127.0.0.1:${this.ports.mysql[n]}/shala`;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.ports.nginx}`;
  }

  apiUrl(n: number): string {
    return `http://127.0.0.1:${this.ports.api[n]}`;
  }

  private log(name: string): number {
    return openSync(join(this.dir, `${name}.log`), 'a');
  }

  /** Starts `name` in its own process group, so a kill reaches its children (the state-transfer scripts). */
  private start(name: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess {
    const out = this.log(name);
    const child = spawn(cmd, args, { stdio: ['ignore', out, out], detached: true, env });
    child.unref();
    // Detached process groups outlive a test runner that is itself killed: end them on its way out.
    if (this.children.size === 0) process.once('exit', () => this.killAll());
    this.children.set(name, child);
    return child;
  }

  /** SIGKILL to every process group started here (synchronous, so it also runs on process exit). */
  private killAll(): void {
    for (const [, child] of [...this.children].reverse()) {
      if (!child.pid || child.exitCode !== null || child.signalCode !== null) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  private own(path: string): void {
    if (this.owner) chownSync(path, this.owner.uid, this.owner.gid);
  }

  private nodeConfig(n: number): string {
    const p = this.ports;
    const home = join(this.dir, `node${n + 1}`);
    const peers = p.gmcast.map((port) => `127.0.0.1:${port}`).join(',');
    const provider = [
      `gmcast.listen_addr=tcp://127.0.0.1:${p.gmcast[n]}`,
      `ist.recv_addr=127.0.0.1:${p.ist[n]}`,
      'gcache.size=64M',
      // A killed node is declared gone in seconds, so the survivors carry on quickly.
      'evs.suspect_timeout=PT3S',
      'evs.inactive_timeout=PT6S',
      'evs.install_timeout=PT5S',
    ].join(';');
    return `[mariadbd]
datadir=${home}/data
tmpdir=${home}/tmp
socket=${home}/mysqld.sock
pid-file=${home}/mysqld.pid
log-error=${home}/error.log
port=${p.mysql[n]}
bind-address=127.0.0.1
${this.owner ? 'user=mysql' : ''}
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
default-time-zone=+00:00
max_connections=300
# Galera's requirements: row-based replication, InnoDB, interleaved auto-increment locks.
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=64M
innodb_log_file_size=48M
# Durability comes from the other nodes (a commit is certified cluster-wide before it is acknowledged).
innodb_flush_log_at_trx_commit=0
performance_schema=OFF
wsrep_on=ON
wsrep_provider=${GALERA_PROVIDER}
wsrep_cluster_name=shala_test
wsrep_cluster_address=gcomm://${peers}
wsrep_node_address=127.0.0.1:${p.gmcast[n]}
wsrep_node_name=node${n + 1}
wsrep_provider_options="${provider}"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${p.sst[n]}
wsrep_slave_threads=2
# Reads wait until this node applied every write the cluster committed before them (read-your-writes when
# a client's next request lands on another replica and node).
wsrep_sync_wait=1
wsrep_retry_autocommit=3
`;
  }

  /** One status query on node `n` (null when it does not answer). */
  async status(n: number): Promise<WsrepStatus | null> {
    let conn;
    try {
      conn = await createConnection({
        host: '127.0.0.1',
        port: this.ports.mysql[n],
        user: 'root',
        connectTimeout: 2000,
      });
      const [rows] = await conn.query("SHOW GLOBAL STATUS LIKE 'wsrep_%'");
      const s = new Map(
        (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]),
      );
      return {
        clusterSize: Number(s.get('wsrep_cluster_size') ?? 0),
        state: s.get('wsrep_local_state_comment') ?? '',
        ready: s.get('wsrep_ready') === 'ON',
        certFailures: Number(s.get('wsrep_local_cert_failures') ?? 0),
        bfAborts: Number(s.get('wsrep_local_bf_aborts') ?? 0),
      };
    } catch {
      return null;
    } finally {
      await conn?.end().catch(() => undefined);
    }
  }

  /** Waits until each of `nodes` is Synced, ready, and sees a cluster of `size`. */
  async waitForCluster(nodes: number[], size: number, timeoutMs = 90_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const all = await Promise.all(nodes.map((n) => this.status(n)));
      if (all.every((s) => s && s.ready && s.state === 'Synced' && s.clusterSize === size)) return;
      if (Date.now() > until)
        throw new Error(
          `the cluster did not reach ${size} Synced nodes: ${JSON.stringify(all)} (logs in ${this.dir})`,
        );
      await sleep(500);
    }
  }

  /** Bootstraps node 1 (--wsrep-new-cluster), joins nodes 2 and 3 (rsync SST), waits for size 3, Synced. */
  async startCluster(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'shala-galera-'));
    if (this.owner) this.own(this.dir);
    for (let n = 0; n < 3; n++) {
      const home = join(this.dir, `node${n + 1}`);
      for (const d of [home, join(home, 'data'), join(home, 'tmp')]) {
        mkdirSync(d, { recursive: true });
        this.own(d);
      }
      writeFileSync(join(home, 'my.cnf'), this.nodeConfig(n));
    }
    const install = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'node1', 'data')}`,
        ...(this.owner ? ['--user=mysql'] : []),
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8' },
    );
    if (install.status !== 0)
      throw new Error(`mariadb-install-db failed:\n${install.stderr || install.stdout}`);
    this.startNode(0, true);
    await this.waitForCluster([0], 1);
    this.startNode(1);
    this.startNode(2);
    await this.waitForCluster([0, 1, 2], 3);
    const conn = await createConnection({ host: '127.0.0.1', port: this.ports.mysql[0], user: 'root' });
    await conn.query('CREATE DATABASE shala CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await conn.end();
  }

  private startNode(n: number, bootstrap = false): void {
    const cnf = join(this.dir, `node${n + 1}`, 'my.cnf');
    this.start(`node${n + 1}`, MARIADBD, [
      `--defaults-file=${cnf}`,
      ...(bootstrap ? ['--wsrep-new-cluster'] : []),
    ]);
  }

  startRedis(): void {
    this.start('redis', 'redis-server', [
      '--bind',
      '127.0.0.1',
      '--port',
      String(this.ports.redis),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.dir,
    ]);
  }

  /** The environment every app process shares; `node` picks its database node. */
  appEnv(node: number): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      APP_ENV: 'development',
      DEMO_MODE: 'true',
      DATABASE_URL: this.databaseUrl(node),
      DB_POOL_SIZE: '10',
      DB_CONNECT_RETRIES: '5',
      DB_CONNECT_RETRY_DELAY_MS: '500',
      REDIS_URL: `redis://127.0.0.1:${this.ports.redis}`,
      HOST: '127.0.0.1',
      TRUST_PROXY: '127.0.0.1',
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      WORKER_IN_PROCESS: 'false',
      // The failover load writes as one accountant and one admin as fast as the cluster answers: at the
      // default 600 a minute per user the payers ran out within 20 s once payments got quicker, and every
      // write after the crash was a 429, leaving the "service continued" check nothing to count. The rate
      // limit has its own tests; this one is about writes through a failure.
      API_RATE_LIMIT_PER_MINUTE: '100000',
    };
  }

  /** Runs the CLI (migrate, seed, audit:verify) against node `node`; throws with its output on failure. */
  cli(node: number, args: string[]): string {
    const r = spawnSync(process.execPath, [join(apiDist, 'cli.js'), ...args], {
      env: this.appEnv(node),
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (r.status !== 0)
      throw new Error(`cli ${args.join(' ')} on node ${node + 1} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  /** API replica `n` (0-based) on database node `node`; resolves once it answers ready. */
  async startApi(n: number, node: number): Promise<void> {
    this.start(`api${n + 1}`, process.execPath, [join(apiDist, 'main.js')], {
      ...this.appEnv(node),
      PORT: String(this.ports.api[n]),
    });
    await this.waitForHttp(`${this.apiUrl(n)}/api/health/ready`);
  }

  startWorker(node: number): void {
    this.start('worker', process.execPath, [join(apiDist, 'worker.js')], this.appEnv(node));
  }

  /** Nginx round-robin over the replicas; a refused or failed connection moves on to the next one. */
  async startNginx(): Promise<void> {
    const home = join(this.dir, 'nginx');
    mkdirSync(home, { recursive: true });
    const servers = this.ports.api
      .map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=10s;`)
      .join('\n');
    writeFileSync(
      join(home, 'nginx.conf'),
      `daemon off;
worker_processes 1;
pid ${home}/nginx.pid;
error_log ${home}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${home}/body;
  proxy_temp_path ${home}/proxy;
  fastcgi_temp_path ${home}/fastcgi;
  uwsgi_temp_path ${home}/uwsgi;
  scgi_temp_path ${home}/scgi;
  upstream shala_api {
${servers}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${this.ports.nginx};
    location / {
      proxy_pass http://shala_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
      # Only failures before the request reached a replica move on (a POST is never sent twice).
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
    }
  }
}
`,
    );
    this.start('nginx', 'nginx', ['-e', join(home, 'error.log'), '-p', home, '-c', join(home, 'nginx.conf')]);
    await this.waitForHttp(`${this.baseUrl}/api/health/live`, [200, 404]);
  }

  private async waitForHttp(url: string, accept = [200], timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const status = await fetch(url).then(
        (r) => r.status,
        () => 0,
      );
      if (accept.includes(status)) return;
      if (Date.now() > until) throw new Error(`${url} did not answer (last ${status}; logs in ${this.dir})`);
      await sleep(250);
    }
  }

  /** kill -9 of one process (and its process group): a crash, no shutdown. */
  crash(name: string): void {
    const child = this.children.get(name);
    if (!child?.pid) throw new Error(`no process ${name}`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  /** Kills every process started here and removes the folder (kept when KEEP_GALERA_DIR=1, for the logs). */
  async stop(): Promise<void> {
    this.killAll();
    await sleep(500);
    if (this.dir && process.env.KEEP_GALERA_DIR !== '1') rmSync(this.dir, { recursive: true, force: true });
  }
}
