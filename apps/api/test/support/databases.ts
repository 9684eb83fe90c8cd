import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** Which database this integration leg runs on: TEST_DB=sqlite (default) or TEST_DB=mysql with TEST_DATABASE_URL. */
export const TEST_DB: 'sqlite' | 'mysql' = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): URL {
  const raw = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/';
  return new URL(raw.replace(/^mariadb:/, 'mysql:'));
}

/** A fresh, empty database for one test file: a temp SQLite file, or a new MySQL schema dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shala-test-'));
    return {
      url: `sqlite:${join(dir, 'test.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = serverUrl();
  const name = `shala_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({
    uri: `${server.protocol}//${server.username ? `${server.username}${server.password ? `:${server.password}` : ''}@` : ''}${server.host}/`,
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const conn = await createConnection({
        uri: `${server.protocol}//${server.username ? `${server.username}${server.password ? `:${server.password}` : ''}@` : ''}${server.host}/`,
      });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
