import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchema, tenantSchemaViolations } from '../src/platform/database/schema-rules';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** TEN-02 on the live schema the migrations built, on SQLite and on MySQL/MariaDB. */
describe(`tenant schema rules on ${TEST_DB}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function violations(): Promise<string[]> {
    const runner = t.dataSource.createQueryRunner();
    try {
      return tenantSchemaViolations(await readSchema(runner));
    } finally {
      await runner.release();
    }
  }

  it('[TEN-02] every tenant table has tenant_id NOT NULL leading its keys and composite foreign keys', async () => {
    const runner = t.dataSource.createQueryRunner();
    const shapes = await readSchema(runner);
    await runner.release();
    expect(shapes.map((s) => s.name)).toEqual(
      expect.arrayContaining(['institutions', 'users', 'roles', 'user_roles', 'outbox_messages']),
    );
    expect(await violations()).toEqual([]);
  });

  it('[TEN-02] reports a table that breaks each rule', async () => {
    const q = (sql: string) =>
      t.db.acrossTenants('schema rules test builds a bad table', () => t.dataSource.query(sql));
    await q(
      'CREATE TABLE bad_things (tenant_id varchar(36) NULL, id varchar(36) NOT NULL, code varchar(10) NOT NULL, user_id varchar(36) NOT NULL, PRIMARY KEY (id))',
    );
    await q('CREATE UNIQUE INDEX uq_bad_code ON bad_things (code)');
    await q('CREATE TABLE loose_table (id varchar(36) NOT NULL PRIMARY KEY)');
    try {
      const found = await violations();
      expect(found).toEqual(
        expect.arrayContaining([
          'bad_things: tenant_id is nullable',
          'bad_things: primary key (id) does not lead with tenant_id',
          'bad_things: unique key uq_bad_code (code) does not lead with tenant_id',
          'bad_things: tenant_id does not reference institutions(id)',
          'loose_table: has no tenant_id and is not a declared global table',
        ]),
      );
    } finally {
      await q('DROP TABLE bad_things');
      await q('DROP TABLE loose_table');
    }
  });

  it('[TEN-02] refuses or reports a foreign key to a tenant table that is not composite', async () => {
    const q = (sql: string) =>
      t.db.acrossTenants('schema rules test builds a bad table', () => t.dataSource.query(sql));
    const created = await q(
      `CREATE TABLE notes (tenant_id varchar(36) NOT NULL, id varchar(36) NOT NULL, author_id varchar(36) NOT NULL,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT fk_notes_tenant FOREIGN KEY (tenant_id) REFERENCES institutions (id),
        CONSTRAINT fk_notes_author FOREIGN KEY (author_id) REFERENCES users (id))`,
    ).then(
      () => true,
      (error: unknown) => {
        // MySQL/MariaDB refuse a key to users(id) alone: id leads no index of users, whose keys lead with tenant_id.
        expect(String(error)).toMatch(/foreign key|errno: 150/i);
        return false;
      },
    );
    try {
      expect(created).toBe(TEST_DB === 'sqlite');
      if (created) {
        expect((await violations()).join('\n')).toMatch(
          /notes: foreign key fk#\d+ to tenant table users is not composite over tenant_id \(author_id->id\)/,
        );
      }
    } finally {
      await q('DROP TABLE IF EXISTS notes');
    }
  });
});
