import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import type { AppConfig } from '../config/app-config';

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
      // WAL lets readers run while a writer commits; busy_timeout waits for a lock instead of failing.
      prepareDatabase: (sqlite: { pragma: (sql: string) => unknown }) => {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('busy_timeout = 5000');
        sqlite.pragma('synchronous = NORMAL');
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
    extra: { connectionLimit: db.poolSize, waitForConnections: true, queueLimit: 0, enableKeepAlive: true },
    supportBigNumbers: true,
    bigNumberStrings: false,
  };
}

export interface ConnectLogger {
  warn(message: string): void;
}

/** Connects, retrying while the database comes up (a container starting, a failover). */
export async function connectWithRetry(
  config: AppConfig,
  schema: Schema,
  log: ConnectLogger,
): Promise<DataSource> {
  const { connectRetries, connectRetryDelayMs } = config.database;
  for (let attempt = 0; ; attempt++) {
    const dataSource = new DataSource(dataSourceOptions(config, schema));
    try {
      return await dataSource.initialize();
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
