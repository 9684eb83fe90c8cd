import type { EntityManager } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isDeadlock } from '../src/platform/database/driver-errors';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/**
 * A real deadlock on MariaDB: two transactions lock the same two rows in opposite order, so InnoDB picks
 * one as its victim. The victim runs again and both commit (the default); with retryOnDeadlock: false it fails.
 * (A Galera certification failure reaches the same retry as ER_LOCK_DEADLOCK, often at COMMIT: see
 * database.spec.ts and galera-failover.int-spec.ts.)
 * (SQLite takes transactions in turn and never deadlocks.)
 */
describe.skipIf(TEST_DB !== 'mysql')(`deadlock retry on ${TEST_DB}`, () => {
  let t: TestApp;
  const raw = (sql: string) => t.db.acrossTenants('deadlock probe table', () => t.dataSource.query(sql));

  beforeAll(async () => {
    t = await bootTestApp();
    await raw('CREATE TABLE deadlock_probe (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB');
  });
  beforeEach(async () => {
    await raw('DELETE FROM deadlock_probe');
    await raw('INSERT INTO deadlock_probe (id, n) VALUES (1, 0), (2, 0)');
  });
  afterAll(async () => {
    await raw('DROP TABLE IF EXISTS deadlock_probe');
    await t.close();
  });

  /** Two transactions, each locking its first row, waiting for the other to hold its own, then the other. */
  function crossedPair(options: { retryOnDeadlock?: boolean }) {
    let arrived = 0;
    let release!: () => void;
    const bothHoldOneRow = new Promise<void>((resolve) => (release = resolve));
    const attempts = [0, 0];
    const run = (who: 0 | 1, first: number, second: number) =>
      t.db.acrossTenants('deadlock probe table', () =>
        t.db.transaction(async (manager: EntityManager) => {
          attempts[who]!++;
          await manager.query('UPDATE deadlock_probe SET n = n + 1 WHERE id = ?', [first]);
          if (attempts[who] === 1) {
            if (++arrived === 2) release();
            await bothHoldOneRow;
          }
          await manager.query('UPDATE deadlock_probe SET n = n + 1 WHERE id = ?', [second]);
        }, options),
      );
    return { results: Promise.allSettled([run(0, 1, 2), run(1, 2, 1)]), attempts };
  }

  it('runs the deadlock victim again, and both transactions commit', async () => {
    const { results, attempts } = crossedPair({ retryOnDeadlock: true });
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect([...attempts].sort()).toEqual([1, 2]);
    const rows = (await raw('SELECT id, n FROM deadlock_probe ORDER BY id')) as { n: number }[];
    expect(rows.map((r) => Number(r.n))).toEqual([2, 2]);
  });

  it('retries by default: a transaction that says nothing still survives being the victim', async () => {
    const { results, attempts } = crossedPair({});
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect([...attempts].sort()).toEqual([1, 2]);
  });

  it('fails the victim when the transaction opted out of retries', async () => {
    const { results, attempts } = crossedPair({ retryOnDeadlock: false });
    const settled = await results;
    const rejected = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(isDeadlock(rejected[0]!.reason)).toBe(true);
    expect(attempts).toEqual([1, 1]);
  });
});
