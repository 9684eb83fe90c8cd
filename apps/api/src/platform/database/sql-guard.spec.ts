import { describe, expect, it } from 'vitest';
import { SqlGuard } from './sql-guard';

const guard = new SqlGuard(new Set(['users', 'roles', 'user_roles']));

describe('SqlGuard', () => {
  it.each([
    [
      'a TypeORM find',
      'SELECT "User"."id" AS "User_id" FROM "users" "User" WHERE (("User"."tenant_id" = ?) AND ("User"."id" = ?)) LIMIT 1',
    ],
    ['a MySQL find', 'SELECT `User`.`id` AS `User_id` FROM `users` `User` WHERE ((`User`.`tenant_id` = ?))'],
    [
      'an update',
      'UPDATE "users" SET "display_name" = ?, "updated_at" = datetime(\'now\') WHERE "tenant_id" = ? AND "id" = ?',
    ],
    ['a delete', 'DELETE FROM `users` WHERE `tenant_id` = ? AND `id` = ?'],
    ['an insert', 'INSERT INTO "users"("tenant_id", "id", "email") VALUES (?, ?, ?)'],
    [
      'a join scoped on both sides',
      'SELECT r.id FROM user_roles ur INNER JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id WHERE ur.tenant_id = ? AND ur.user_id = ?',
    ],
    ['an IN list', 'SELECT * FROM users WHERE tenant_id IN (?) AND id = ?'],
    ['a global table', 'SELECT * FROM institutions WHERE slug = ?'],
    ['DDL', 'CREATE TABLE users (tenant_id varchar(36))'],
  ])('[TEN-03] lets %s through', (_name, sql) => {
    expect(guard.violation(sql)).toBeNull();
  });

  it.each([
    ['a select with no tenant predicate', 'SELECT * FROM users WHERE email = ?'],
    [
      'a select by alias with no tenant predicate',
      'SELECT "User"."id" FROM "users" "User" WHERE "User"."id" = ?',
    ],
    ['an update that only sets tenant_id', 'UPDATE users SET tenant_id = ? WHERE id = ?'],
    ['a delete of every tenant', 'DELETE FROM users'],
    ['an insert without tenant_id', 'INSERT INTO users (id, email) VALUES (?, ?)'],
    [
      'a join whose second table is unscoped',
      'SELECT * FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.tenant_id = ?',
    ],
    ['a tenant_id compared with something else', 'SELECT * FROM users WHERE tenant_id > ?'],
  ])('[TEN-03] refuses %s', (_name, sql) => {
    expect(guard.violation(sql)).toMatch(/tenant/);
  });
});
