import { AsyncLocalStorage } from 'node:async_hooks';
import { ClsService } from 'nestjs-cls';
import type { DataSource, EntityManager } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { Database } from './database';

/** A data source whose transactions log when they commit; `failCommits` first COMMITs throw. */
function fakeDatabase(log: string[], failCommits = 0) {
  let commits = 0;
  const manager = {} as EntityManager;
  const dataSource = {
    options: { type: 'mysql' },
    manager,
    transaction: async <T>(fn: (m: EntityManager) => Promise<T>): Promise<T> => {
      const result = await fn(manager);
      if (commits++ < failCommits) {
        log.push('rollback');
        throw new Error('commit failed');
      }
      log.push('commit');
      return result;
    },
  } as unknown as DataSource;
  return new Database(dataSource, new ClsService(new AsyncLocalStorage()));
}

describe('Database.afterCommit', () => {
  it('runs after the outermost transaction committed, before transaction() returns', async () => {
    const log: string[] = [];
    const db = fakeDatabase(log);
    await db.transaction(async () => {
      await db.afterCommit(() => void log.push('announced'));
      await db.transaction(() => db.afterCommit(() => void log.push('nested')));
      log.push('body done');
    });
    log.push('returned');
    expect(log).toEqual(['body done', 'commit', 'announced', 'nested', 'returned']);
  });

  it('never runs for a transaction that did not commit, and at once outside a transaction', async () => {
    const log: string[] = [];
    const db = fakeDatabase(log, 1);
    await expect(
      db.transaction(() => db.afterCommit(() => void log.push('announced')), { retryOnDeadlock: false }),
    ).rejects.toThrow('commit failed');
    await db.afterCommit(() => void log.push('now'));
    expect(log).toEqual(['rollback', 'now']);
  });
});
