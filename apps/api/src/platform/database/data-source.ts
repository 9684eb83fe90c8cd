import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import type { AppConfig, DatabaseTimeouts } from '../config/app-config';

export interface Schema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function>;
}

/** TypeORM options for the configured database. Migrations only: `synchronize` is never on. */
export function dataSourceOptions(config: AppConfig, schema: Schema): DataSourceOptions {
  const common = {
    entities: schema.entities,
    migrations: schema.migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    logging: false as const,
  };
  const db = config.database;
  if (db.kind === 'sqlite') {
    if (db.file !== ':memory:') mkdirSync(dirname(db.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file,
      // WAL lets readers run while a writer commits; busy_timeout waits for a lock instead of failing,
      // up to the query timeout (then SQLITE_BUSY, which answers 503). secure_delete zeroes deleted and
      // overwritten content in the pages it frees or rewrites, so an erased subject's name is not left in
      // the file's free space (PRV-02, issue 13 item 4; privacy-erasure.int-spec.ts scans the file bytes).
      prepareDatabase: (sqlite: { pragma: (sql: string) => unknown }) => {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma(`busy_timeout = ${db.queryTimeoutMs > 0 ? db.queryTimeoutMs : 5000}`);
        sqlite.pragma('synchronous = NORMAL');
        sqlite.pragma('secure_delete = ON');
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    connectorPackage: 'mysql2',
    url: db.url,
    ...(db.socketPath ? { socketPath: db.socketPath } : {}),
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    poolSize: db.poolSize,
    // A new connection's handshake; a frozen server accepts the TCP connection and never greets.
    connectTimeout: db.acquireTimeoutMs,
    extra: {
      connectionLimit: db.poolSize,
      waitForConnections: true,
      queueLimit: 0,
      enableKeepAlive: true,
      // mysql2 gives every connection a prepared-statement cache that allocates its full capacity up front
      // (16,000 entries by default: 0.5 MB per connection, 10 MB of live heap with a pool of 20). Shala only
      // sends text queries (TypeORM's query(), never execute()), so the cache stays empty (issue 18, memory).
      maxPreparedStatements: 16,
    },
    supportBigNumbers: true,
    bigNumberStrings: false,
  };
}

export interface ConnectLogger {
  warn(message: string): void;
}

export interface ConnectOptions {
  /**
   * Bound every statement and pool wait by the configured timeouts (default). Long maintenance jobs
   * (migrations over big tables) may opt out; schema statements (DDL) are never bounded anyway.
   */
  timeouts?: boolean;
}

/** Connects, retrying while the database comes up (a container starting, a failover). */
export async function connectWithRetry(
  config: AppConfig,
  schema: Schema,
  log: ConnectLogger,
  options: ConnectOptions = {},
): Promise<DataSource> {
  const { connectRetries, connectRetryDelayMs } = config.database;
  for (let attempt = 0; ; attempt++) {
    const dataSource = new DataSource(dataSourceOptions(config, schema));
    try {
      await dataSource.initialize();
      if (options.timeouts !== false) installMysqlTimeouts(dataSource, config.database);
      return dataSource;
    } catch (error) {
      if (attempt >= connectRetries) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      log.warn(
        `database not ready (attempt ${attempt + 1}/${connectRetries + 1}): ${reason}; retrying in ${connectRetryDelayMs} ms`,
      );
      await new Promise((resolve) => setTimeout(resolve, connectRetryDelayMs));
    }
  }
}

/** The part of a mysql2 pool connection the timeouts touch. */
interface PooledConnection {
  query(sql: unknown, values: unknown, callback?: unknown): unknown;
  release(): void;
  destroy(): void;
  [TIMED]?: true;
}

type QueryCallback = (error: { code?: unknown } | null, ...rest: unknown[]) => void;

const TIMED = Symbol('shala.statementTimeout');

/** Statements that change the schema run as long as they need (migrations); everything else is bounded. */
const SCHEMA_STATEMENT = /^\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE|OPTIMIZE|ANALYZE)\b/i;

export class PoolAcquireTimeoutError extends Error {
  readonly code = 'POOL_ACQUIRE_TIMEOUT';

  constructor(ms: number) {
    super(`No database connection became free within ${ms} ms.`);
    this.name = 'PoolAcquireTimeoutError';
  }
}

/**
 * Bounds a statement's wait on its connection: after `ms` without an answer mysql2 fails it
 * (PROTOCOL_SEQUENCE_TIMEOUT) and the connection is destroyed, not handed back to the pool with a
 * statement still in flight; the server rolls back whatever transaction it held when it sees the close.
 */
function boundStatements(connection: PooledConnection, ms: number): PooledConnection {
  if (connection[TIMED]) return connection;
  const query = connection.query.bind(connection);
  connection.query = (sql: unknown, values: unknown, callback?: unknown) => {
    const text = typeof sql === 'string' ? sql : (sql as { sql?: unknown } | null)?.sql;
    if (typeof callback !== 'function' || typeof text !== 'string' || SCHEMA_STATEMENT.test(text))
      return query(sql, values, callback);
    const options = typeof sql === 'string' ? { sql, timeout: ms } : { timeout: ms, ...(sql as object) };
    return query(options, values, ((error, ...rest) => {
      if (error?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
      (callback as QueryCallback)(error, ...rest);
    }) as QueryCallback);
  };
  connection[TIMED] = true;
  return connection;
}

/** Gives up on a pooled connection after `ms`; one that arrives later goes straight back to the pool. */
function acquireWithin(obtain: Promise<PooledConnection>, ms: number): Promise<PooledConnection> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new PoolAcquireTimeoutError(ms));
    }, ms);
    obtain.then(
      (connection) => {
        if (settled) return connection.release();
        settled = true;
        clearTimeout(timer);
        resolve(connection);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * MySQL/MariaDB: neither mysql2's pool nor TypeORM bounds the wait for a free connection, and a
 * statement sent to a frozen server waits forever. This wraps the driver's connection acquisition with
 * the acquire timeout and every statement with the query timeout, so a dead or frozen database fails a
 * request within seconds (503) and the pool recovers once the server is back. (New connections' handshakes
 * are bounded by `connectTimeout` in the options.) SQLite runs in-process and needs none of it.
 */
export function installMysqlTimeouts(dataSource: DataSource, timeouts: DatabaseTimeouts): void {
  if (dataSource.options.type !== 'mysql') return;
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<PooledConnection> };
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = async () => {
    const connection = await acquireWithin(obtain(), timeouts.acquireTimeoutMs);
    return timeouts.queryTimeoutMs > 0 ? boundStatements(connection, timeouts.queryTimeoutMs) : connection;
  };
}
