import { ServiceUnavailableException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { PoolAcquireTimeoutError } from '../database/data-source';
import { DependencyUnavailableError } from './domain-error';
import { DEPENDENCY_RETRY_AFTER_SECONDS, resolveError } from './error-envelope';

const failed = (sql: string, code: string, message: string) =>
  new QueryFailedError(sql, [], Object.assign(new Error(message), { code }));

describe('resolveError for dependencies and constraints', () => {
  it.each([
    [
      'a refused database connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a statement timeout', failed('SELECT 1', 'PROTOCOL_SEQUENCE_TIMEOUT', 'Query inactivity timeout')],
    ['a pool wait that ran out', new PoolAcquireTimeoutError(3000)],
    ['a locked SQLite file', failed('INSERT INTO x', 'SQLITE_BUSY', 'database is locked')],
    ['a Redis command timeout', new Error('Command timed out')],
    ['Redis down', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    [
      'a dependency error a service threw',
      new DependencyUnavailableError('The rate-limit store is unavailable.'),
    ],
    ['a 503 HttpException', new ServiceUnavailableException()],
  ])('answers %s with 503 DEPENDENCY_UNAVAILABLE, Retry-After and a warning, never a 500', (_name, error) => {
    const resolved = resolveError(error);
    expect(resolved).toMatchObject({
      status: 503,
      body: { error: { code: 'DEPENDENCY_UNAVAILABLE' } },
      internal: false,
      headers: { 'retry-after': String(DEPENDENCY_RETRY_AFTER_SECONDS) },
    });
    expect(resolved.warning).toBeTruthy();
  });

  it('answers a missing referenced record with 422 naming the field', () => {
    const error = failed(
      'UPDATE `students` SET `user_id` = ? WHERE `tenant_id` = ? AND `id` = ?',
      'ER_NO_REFERENCED_ROW_2',
      'Cannot add or update a child row: a foreign key constraint fails (`s`.`students`, CONSTRAINT `fk` FOREIGN KEY (`tenant_id`, `user_id`) REFERENCES `users` (`tenant_id`, `id`))',
    );
    expect(resolveError(error)).toMatchObject({
      status: 422,
      body: { error: { code: 'RULE_VIOLATION', details: [{ field: 'userId', message: 'does not exist' }] } },
      internal: false,
    });
  });

  it('answers a reference it cannot name with a generic 422, and a record still in use with 409', () => {
    const insert = failed(
      'INSERT INTO "a"("tenant_id", "b_id", "c_id") VALUES (?, ?, ?)',
      'SQLITE_CONSTRAINT_FOREIGNKEY',
      'FOREIGN KEY constraint failed',
    );
    expect(resolveError(insert)).toMatchObject({
      status: 422,
      body: { error: { message: 'A referenced record does not exist.' } },
    });
    expect(resolveError(insert).body.error.details).toBeUndefined();
    const remove = failed(
      'DELETE FROM "sections" WHERE "tenant_id" = ?',
      'SQLITE_CONSTRAINT_FOREIGNKEY',
      'FOREIGN KEY constraint failed',
    );
    expect(resolveError(remove)).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
  });

  it('answers an unhandled duplicate with 409 naming the field, and a deadlock with 409 and Retry-After', () => {
    const duplicate = failed(
      'INSERT INTO "subjects"("tenant_id", "id", "code") VALUES (?, ?, ?)',
      'SQLITE_CONSTRAINT_UNIQUE',
      'UNIQUE constraint failed: subjects.tenant_id, subjects.code',
    );
    expect(resolveError(duplicate)).toMatchObject({
      status: 409,
      body: { error: { code: 'CONFLICT', details: [{ field: 'code' }] } },
    });
    expect(resolveError(failed('UPDATE x', 'ER_LOCK_DEADLOCK', 'Deadlock found'))).toMatchObject({
      status: 409,
      headers: { 'retry-after': '1' },
    });
  });

  it('still answers an unknown failure with a logged 500', () => {
    expect(resolveError(failed('SELECT x', 'ER_BAD_FIELD_ERROR', "Unknown column 'x'"))).toMatchObject({
      status: 500,
      internal: true,
    });
  });
});
