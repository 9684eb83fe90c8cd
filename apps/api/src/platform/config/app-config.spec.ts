import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';
import { DEMO_SECRETS } from './config.schema';

const strongSecrets = {
  PUBLIC_URL: 'https://erp.greenwood.example',
  JWT_SECRET: 'x'.repeat(40),
  AUDIT_HMAC_KEY: 'y'.repeat(40),
  FIELD_ENCRYPTION_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  PASSWORD_PEPPER: 'z'.repeat(40),
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, '/srv/shala');
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('loadConfig', () => {
  it('defaults to the embedded SQLite database under ./data in development', () => {
    const config = loadConfig({}, '/srv/shala');
    expect(config.database).toMatchObject({ kind: 'sqlite', file: '/srv/shala/data/shala.sqlite' });
    expect(config.demoMode).toBe(true);
    expect(config.host).toBe('127.0.0.1');
  });

  it('reads a MySQL or MariaDB URL with its pool size', () => {
    const config = loadConfig({ DATABASE_URL: 'mariadb://root@db:3306/shala', DB_POOL_SIZE: '25' });
    expect(config.database).toMatchObject({ kind: 'mysql', url: 'mysql://root@db:3306/shala', poolSize: 25 });
  });

  it('connects over a Unix socket when the MySQL URL names one, keeping user and database', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://shala:pw@localhost/shala?socket=/run/mysqld/mysqld.sock',
    });
    expect(config.database).toMatchObject({
      kind: 'mysql',
      url: 'mysql://shala:pw@localhost/shala',
      socketPath: '/run/mysqld/mysqld.sock',
    });
    expect(
      problemsOf({ DATABASE_URL: 'mysql://root@localhost/shala?socket=mysqld.sock' }).join('\n'),
    ).toMatch(/DATABASE_URL: socket= needs an absolute path/);
  });

  it('names every invalid variable at once', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'postgres://x', LOG_LEVEL: 'loud' });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('[DAT-05] refuses to start production without its secrets', () => {
    const problems = problemsOf({ APP_ENV: 'production', DEMO_MODE: 'false' });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^JWT_SECRET: required/)]));
    expect(problems).toHaveLength(5);
  });

  it('[DAT-05] refuses demo secrets in production and staging', () => {
    for (const APP_ENV of ['production', 'staging']) {
      const problems = problemsOf({
        ...strongSecrets,
        APP_ENV,
        DEMO_MODE: 'false',
        JWT_SECRET: DEMO_SECRETS.JWT_SECRET,
      });
      expect(problems).toEqual([`JWT_SECRET: the demo value is refused in ${APP_ENV}`]);
    }
  });

  it('[DAT-05] refuses demo data in production', () => {
    expect(problemsOf({ ...strongSecrets, APP_ENV: 'production', DEMO_MODE: 'true' })).toEqual([
      'DEMO_MODE: demo data is refused in production',
    ]);
  });

  it('starts production with real secrets, demo off and the OpenAPI UI off', () => {
    const config = loadConfig({ ...strongSecrets, APP_ENV: 'production' });
    expect(config).toMatchObject({
      demoMode: false,
      openApiEnabled: false,
      sqlGuard: false,
      host: '0.0.0.0',
    });
  });

  it('treats an empty variable as unset, as docker compose passes ${X:-}', () => {
    const config = loadConfig({ SMTP_URL: '', REDIS_URL: '', PORT: '' });
    expect(config).toMatchObject({ redisUrl: null, port: 3000 });
  });

  it('rejects a master key that is not 32 bytes', () => {
    expect(problemsOf({ FIELD_ENCRYPTION_MASTER_KEY: Buffer.alloc(16).toString('base64') })[0]).toMatch(
      /FIELD_ENCRYPTION_MASTER_KEY: must be 32 bytes/,
    );
  });

  it('bounds every wait on the database and Redis, with defaults and a way to lift the query limit', () => {
    expect(loadConfig({})).toMatchObject({
      database: { queryTimeoutMs: 4000, acquireTimeoutMs: 3000 },
      redisTimeouts: { commandTimeoutMs: 2000, connectTimeoutMs: 3000 },
    });
    expect(
      loadConfig({
        DB_QUERY_TIMEOUT_MS: '0',
        DB_ACQUIRE_TIMEOUT_MS: '750',
        REDIS_COMMAND_TIMEOUT_MS: '300',
        REDIS_CONNECT_TIMEOUT_MS: '400',
      }),
    ).toMatchObject({
      database: { queryTimeoutMs: 0, acquireTimeoutMs: 750 },
      redisTimeouts: { commandTimeoutMs: 300, connectTimeoutMs: 400 },
    });
    const problems = problemsOf({ DB_QUERY_TIMEOUT_MS: '20', REDIS_COMMAND_TIMEOUT_MS: 'soon' }).join('\n');
    expect(problems).toMatch(/DB_QUERY_TIMEOUT_MS: must be 0 \(no limit\) or at least 100/);
    expect(problems).toMatch(/REDIS_COMMAND_TIMEOUT_MS/);
  });
});
