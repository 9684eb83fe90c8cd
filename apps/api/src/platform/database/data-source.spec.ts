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
});
