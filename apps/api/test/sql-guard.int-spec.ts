import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { UnscopedTenantQueryError } from '../src/platform/database/sql-guard';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

/** TEN-03: in the test profile every statement reaches the database through the guard. */
describe(`test-mode SQL guard on ${TEST_DB}`, () => {
  let t: TestApp;
  let school: Institution;
  beforeAll(async () => {
    t = await bootTestApp();
    school = await t.given.institution('greenwood');
    await t.given.user(school, 'teacher@greenwood.test');
  });
  afterAll(async () => {
    await t.close();
  });

  it('is on in the test profile', () => {
    expect(t.config.sqlGuard).toBe(true);
  });

  it('[TEN-03] fails a raw statement on a tenant table without a tenant predicate, before it runs', async () => {
    takeSqlGuardViolations();
    await expect(
      t.dataSource.query('SELECT id, email FROM users WHERE email = ?', ['teacher@greenwood.test']),
    ).rejects.toBeInstanceOf(UnscopedTenantQueryError);
    await expect(t.dataSource.query("UPDATE users SET display_name = 'x'")).rejects.toBeInstanceOf(
      UnscopedTenantQueryError,
    );
    expect(takeSqlGuardViolations()).toHaveLength(2);
    const names: { display_name: string }[] = await t.dataSource.query(
      'SELECT display_name FROM users WHERE tenant_id = ?',
      [school.id],
    );
    expect(names.map((n) => n.display_name)).not.toContain('x');
  });

  it('[TEN-03] fails an unscoped statement the repositories send past the query runners, before it runs', async () => {
    takeSqlGuardViolations();
    // Database.query is the repositories' sql() door; on MySQL it goes straight to a pooled connection.
    await expect(
      t.db.query("UPDATE users SET display_name = 'y' WHERE email = ?", ['teacher@greenwood.test']),
    ).rejects.toBeInstanceOf(UnscopedTenantQueryError);
    expect(takeSqlGuardViolations()).toHaveLength(1);
    const names: { display_name: string }[] = await t.db.query(
      'SELECT display_name FROM users WHERE tenant_id = ?',
      [school.id],
    );
    expect(names.map((n) => n.display_name)).not.toContain('y');
    expect(takeSqlGuardViolations()).toEqual([]);
  });

  it('[TEN-03] fails a query builder whose tenant predicate was replaced', async () => {
    const qb = t.dataSource
      .createQueryBuilder()
      .select('u.id')
      .from('users', 'u')
      .where('u.email = :e', { e: 'teacher@greenwood.test' });
    await expect(qb.getRawMany()).rejects.toBeInstanceOf(UnscopedTenantQueryError);
    takeSqlGuardViolations();
  });

  it('[TEN-03] lets scoped statements and global tables through', async () => {
    const rows: unknown[] = await t.dataSource.query(
      'SELECT id FROM users WHERE tenant_id = ? AND email = ?',
      [school.id, 'teacher@greenwood.test'],
    );
    expect(rows).toHaveLength(1);
    expect(await t.dataSource.query('SELECT slug FROM institutions WHERE id = ?', [school.id])).toEqual([
      { slug: 'greenwood' },
    ]);
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});
