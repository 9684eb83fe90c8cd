import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import {
  foreignKeyFacts,
  isConnectionFailure,
  isDatabaseUnavailable,
  isDeadlock,
  isForeignKeyViolation,
  isTimeout,
  isUniqueViolation,
  uniqueViolationFacts,
} from './driver-errors';

function driverError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

/** As TypeORM throws it: the statement, and the driver's error inside. */
function queryFailed(sql: string, error: Error): QueryFailedError {
  return new QueryFailedError(sql, [], error);
}

const MARIADB_FK =
  'Cannot add or update a child row: a foreign key constraint fails (`shala`.`students`, CONSTRAINT ' +
  '`fk_students_user_id` FOREIGN KEY (`tenant_id`, `user_id`) REFERENCES `users` (`tenant_id`, `id`))';

describe('driver errors', () => {
  it.each([
    ['a refused connection', driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3306')],
    ['a lost connection', queryFailed('SELECT 1', driverError('PROTOCOL_CONNECTION_LOST', 'lost'))],
    ['a reset', driverError('ECONNRESET', 'read ECONNRESET')],
    ['too many connections', driverError('ER_CON_COUNT_ERROR', 'Too many connections')],
    [
      'a connection already closed by a fatal error',
      Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true }),
    ],
    [
      'every address refused (AggregateError)',
      new AggregateError([driverError('ECONNREFUSED', 'refused')], 'connect failed'),
    ],
    ['an unwritable SQLite file', driverError('SQLITE_IOERR_WRITE', 'disk I/O error')],
    [
      'a Galera node outside the primary component',
      queryFailed(
        'INSERT INTO x',
        driverError('ER_UNKNOWN_COM_ERROR', 'WSREP has not yet prepared node for application use', {
          errno: 1047,
        }),
      ),
    ],
  ])('reads %s as a connection failure', (_name, error) => {
    expect(isConnectionFailure(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'a statement timeout',
      queryFailed('SELECT 1', driverError('PROTOCOL_SEQUENCE_TIMEOUT', 'Query inactivity timeout')),
    ],
    ['a handshake timeout', driverError('ETIMEDOUT', 'connect ETIMEDOUT')],
    ['a pool wait', driverError('POOL_ACQUIRE_TIMEOUT', 'No database connection became free')],
    ['a row-lock wait', queryFailed('UPDATE x', driverError('ER_LOCK_WAIT_TIMEOUT', 'Lock wait timeout'))],
    ['a locked SQLite file', queryFailed('INSERT INTO x', driverError('SQLITE_BUSY', 'database is locked'))],
    ['a SQLite snapshot conflict', driverError('SQLITE_BUSY_SNAPSHOT', 'database is locked')],
  ])('reads %s as a timeout', (_name, error) => {
    expect(isTimeout(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('leaves ordinary statement errors alone', () => {
    for (const error of [
      queryFailed('SELEC 1', driverError('ER_PARSE_ERROR', 'You have an error in your SQL syntax')),
      queryFailed('SELECT x', driverError('SQLITE_ERROR', 'no such column: x')),
      new Error('Something else'),
      null,
      'a string',
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(isForeignKeyViolation(error)).toBe(false);
      expect(isUniqueViolation(error)).toBe(false);
    }
  });

  it('tells unique from foreign-key violations on SQLite (both are SQLITE_CONSTRAINT_*)', () => {
    const unique = driverError(
      'SQLITE_CONSTRAINT_UNIQUE',
      'UNIQUE constraint failed: students.tenant_id, students.admission_no',
    );
    const foreign = driverError('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed');
    expect([isUniqueViolation(unique), isForeignKeyViolation(unique)]).toEqual([true, false]);
    expect([isUniqueViolation(foreign), isForeignKeyViolation(foreign)]).toEqual([false, true]);
  });

  it('names the referencing column MariaDB reports, without tenant_id, in camelCase', () => {
    const error = queryFailed(
      'UPDATE `students` SET `user_id` = ? WHERE ...',
      driverError('ER_NO_REFERENCED_ROW_2', MARIADB_FK),
    );
    expect(isForeignKeyViolation(error)).toBe(true);
    expect(foreignKeyFacts(error)).toEqual({ referenced: false, fields: ['userId'] });
  });

  it('names the one reference column a SQLite UPDATE set, and none when it cannot tell', () => {
    const fk = () => driverError('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed');
    expect(
      foreignKeyFacts(
        queryFailed(
          'UPDATE "guardians" SET "user_id" = ?, "updated_at" = datetime(\'now\') WHERE "tenant_id" = ?',
          fk(),
        ),
      ),
    ).toEqual({ referenced: false, fields: ['userId'] });
    expect(
      foreignKeyFacts(
        queryFailed('INSERT INTO "students"("tenant_id", "id", "section_id", "user_id") VALUES (?)', fk()),
      ),
    ).toEqual({ referenced: false, fields: [] });
    expect(foreignKeyFacts(queryFailed('DELETE FROM "users" WHERE "tenant_id" = ?', fk()))).toEqual({
      referenced: true,
      fields: [],
    });
  });

  it('reads a parent row still referenced as such', () => {
    const error = driverError(
      'ER_ROW_IS_REFERENCED_2',
      'Cannot delete or update a parent row: a foreign key constraint fails (`shala`.`students`, CONSTRAINT `fk` FOREIGN KEY (`tenant_id`, `section_id`) REFERENCES `sections` (`tenant_id`, `id`))',
    );
    expect(foreignKeyFacts(error)).toEqual({ referenced: true, fields: ['sectionId'] });
  });

  it('names the columns of a unique violation from SQLite, or from the key name on MariaDB and MySQL', () => {
    expect(
      uniqueViolationFacts(
        driverError(
          'SQLITE_CONSTRAINT_UNIQUE',
          'UNIQUE constraint failed: students.tenant_id, students.admission_no',
        ),
      ).fields,
    ).toEqual(['admissionNo']);
    const duplicate = (key: string) =>
      queryFailed(
        'UPDATE `students` SET `user_id` = ? WHERE `tenant_id` = ?',
        driverError('ER_DUP_ENTRY', `Duplicate entry 't-u' for key '${key}'`),
      );
    expect(uniqueViolationFacts(duplicate('uq_students_user')).fields).toEqual(['userId']);
    expect(uniqueViolationFacts(duplicate('students.uq_students_admission_no')).fields).toEqual([
      'admissionNo',
    ]);
    expect(uniqueViolationFacts(duplicate('PRIMARY')).fields).toEqual([]);
  });

  it('reads a deadlock victim', () => {
    expect(isDeadlock(queryFailed('UPDATE x', driverError('ER_LOCK_DEADLOCK', 'Deadlock found')))).toBe(true);
    expect(isDeadlock(driverError('ER_LOCK_WAIT_TIMEOUT', 'Lock wait timeout'))).toBe(false);
  });
});
