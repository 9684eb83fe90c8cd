import { AsyncLocalStorage } from 'node:async_hooks';
import { ClsService } from 'nestjs-cls';
import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { DEADLOCK_ATTEMPTS, Database } from './database';

/** A driver error as TypeORM hands it over: the driver's code kept in `driverError`. */
function failed(code: string, message: string): QueryFailedError {
  return new QueryFailedError(
    'UPDATE attendance_day_summaries ...',
    [],
    Object.assign(new Error(message), { code }),
  );
}

/**
 * A MySQL-shaped data source whose transactions only count how often they began; `commitErrors` are
 * thrown by COMMIT in turn, after the body succeeded (a Galera certification failure).
 */
function fakeDatabase(type: 'mysql' | 'better-sqlite3' = 'mysql', commitErrors: Error[] = []) {
  const begun = { count: 0 };
  const manager = {} as EntityManager;
  const dataSource = {
    options: { type },
    manager,
    transaction: async <T>(fn: (m: EntityManager) => Promise<T>): Promise<T> => {
      const commitError = commitErrors[begun.count++];
      const result = await fn(manager);
      if (commitError) throw commitError;
      return result;
    },
  } as unknown as DataSource;
  return { db: new Database(dataSource, new ClsService(new AsyncLocalStorage())), begun };
}

/** A body that throws `errors` in turn, one per run, then answers 'saved'. */
function failingWith(...errors: Error[]) {
  const runs = { count: 0 };
  const fn = async () => {
    const error = errors[runs.count++];
    if (error) throw error;
    return 'saved';
  };
  return { fn, runs };
}

const deadlock = () =>
  failed('ER_LOCK_DEADLOCK', 'Deadlock found when trying to get lock; try restarting transaction');

describe('Database.transaction deadlock retries', () => {
  it('runs a transaction the database chose as a deadlock victim again, in a new transaction', async () => {
    const { db, begun } = fakeDatabase();
    const { fn, runs } = failingWith(deadlock());
    await expect(db.transaction(fn, { retryOnDeadlock: true })).resolves.toBe('saved');
    expect(runs.count).toBe(2);
    expect(begun.count).toBe(2);
  });

  it(`gives up after ${DEADLOCK_ATTEMPTS} attempts and throws the deadlock`, async () => {
    const { db } = fakeDatabase();
    const { fn, runs } = failingWith(...Array.from({ length: DEADLOCK_ATTEMPTS + 1 }, deadlock));
    await expect(db.transaction(fn, { retryOnDeadlock: true })).rejects.toMatchObject({
      driverError: { code: 'ER_LOCK_DEADLOCK' },
    });
    expect(runs.count).toBe(DEADLOCK_ATTEMPTS);
  });

  it.each([
    ['a unique violation', () => failed('ER_DUP_ENTRY', 'Duplicate entry')],
    ['a lock wait timeout', () => failed('ER_LOCK_WAIT_TIMEOUT', 'Lock wait timeout exceeded')],
    ['a busy SQLite file', () => failed('SQLITE_BUSY', 'database is locked')],
    ['a rule of the domain', () => new Error('register is locked')],
  ])('does not retry %s', async (_, error) => {
    const { db } = fakeDatabase();
    const { fn, runs } = failingWith(error());
    await expect(db.transaction(fn, { retryOnDeadlock: true })).rejects.toBeInstanceOf(Error);
    expect(runs.count).toBe(1);
  });

  it('retries by default, so every transaction that writes survives a deadlock', async () => {
    const { db, begun } = fakeDatabase();
    const { fn, runs } = failingWith(deadlock());
    await expect(db.transaction(fn)).resolves.toBe('saved');
    expect([runs.count, begun.count]).toEqual([2, 2]);
  });

  it('retries a certification failure raised by COMMIT after the body succeeded (Galera)', async () => {
    const { db, begun } = fakeDatabase('mysql', [deadlock(), deadlock()]);
    let runs = 0;
    await expect(db.transaction(async () => `saved on attempt ${++runs}`)).resolves.toBe(
      'saved on attempt 3',
    );
    expect(begun.count).toBe(3);
  });

  it('does not retry a deadlock when the caller opted out', async () => {
    const { db } = fakeDatabase();
    const { fn, runs } = failingWith(deadlock());
    await expect(db.transaction(fn, { retryOnDeadlock: false })).rejects.toMatchObject({
      driverError: { code: 'ER_LOCK_DEADLOCK' },
    });
    expect(runs.count).toBe(1);
  });

  it('lets a nested transaction join the outer one and fail with it, not retry on its own', async () => {
    const { db, begun } = fakeDatabase();
    const inner = failingWith(deadlock());
    const outer = () =>
      db.transaction(() => db.transaction(inner.fn, { retryOnDeadlock: true }), { retryOnDeadlock: false });
    await expect(outer()).rejects.toMatchObject({ driverError: { code: 'ER_LOCK_DEADLOCK' } });
    expect(inner.runs.count).toBe(1);
    expect(begun.count).toBe(1);
  });

  it('retries the whole outer transaction when the outer one opted in', async () => {
    const { db, begun } = fakeDatabase();
    const inner = failingWith(deadlock());
    let outerRuns = 0;
    const result = await db.transaction(
      () => {
        outerRuns++;
        return db.transaction(inner.fn, { retryOnDeadlock: true });
      },
      { retryOnDeadlock: true },
    );
    expect(result).toBe('saved');
    expect([outerRuns, inner.runs.count, begun.count]).toEqual([2, 2, 2]);
  });

  it('retries on SQLite too, each attempt taking its own turn in the queue', async () => {
    const { db, begun } = fakeDatabase('better-sqlite3');
    const { fn, runs } = failingWith(deadlock());
    await expect(db.transaction(fn, { retryOnDeadlock: true })).resolves.toBe('saved');
    expect([runs.count, begun.count]).toEqual([2, 2]);
  });
});
