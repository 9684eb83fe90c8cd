import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';

const schema = { entities: [], migrations: [] };

describe('dataSourceOptions', () => {
  it('hands a Unix socket named in DATABASE_URL to the MySQL driver, and none otherwise', () => {
    const overSocket = dataSourceOptions(
      loadConfig({ DATABASE_URL: 'mysql://shala@localhost/shala?socket=/run/mysqld/mysqld.sock' }),
      schema,
    );
    expect(overSocket).toMatchObject({
      type: 'mysql',
      url: 'mysql://shala@localhost/shala',
      socketPath: '/run/mysqld/mysqld.sock',
    });
    const overTcp = dataSourceOptions(loadConfig({ DATABASE_URL: 'mysql://shala@db:3306/shala' }), schema);
    expect(overTcp).not.toHaveProperty('socketPath');
  });

  it('bounds a new MySQL connection by the acquire timeout, and SQLite lock waits by the query timeout', () => {
    const mysql = dataSourceOptions(
      loadConfig({ DATABASE_URL: 'mysql://shala@db:3306/shala', DB_ACQUIRE_TIMEOUT_MS: '1200' }),
      schema,
    );
    expect(mysql).toMatchObject({ connectTimeout: 1200 });
    const pragmas: string[] = [];
    const sqlite = dataSourceOptions(
      loadConfig({ DATABASE_URL: 'sqlite::memory:', DB_QUERY_TIMEOUT_MS: '1500' }),
      schema,
    ) as { prepareDatabase: (db: { pragma: (sql: string) => unknown }) => void };
    sqlite.prepareDatabase({ pragma: (sql) => pragmas.push(sql) });
    expect(pragmas).toContain('busy_timeout = 1500');
    expect(pragmas).toContain('secure_delete = ON');
  });

  it('keeps the MySQL driver from allocating a 16,000-entry prepared-statement cache per pooled connection', () => {
    const mysql = dataSourceOptions(loadConfig({ DATABASE_URL: 'mysql://shala@db:3306/shala' }), schema) as {
      extra: { maxPreparedStatements: number };
    };
    expect(mysql.extra.maxPreparedStatements).toBeLessThanOrEqual(16);
  });
});
