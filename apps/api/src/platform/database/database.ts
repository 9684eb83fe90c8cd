import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager } from 'typeorm';
import { isDeadlock } from './driver-errors';

const TX_KEY = 'shala.entityManager';
const GUARD_BYPASS_KEY = 'shala.sqlGuardBypass';

/** Attempts in all for a transaction that opted into deadlock retries. */
export const DEADLOCK_ATTEMPTS = 3;

export interface TransactionOptions {
  /**
   * Run the whole transaction again when the database picks it as a deadlock victim: up to
   * DEADLOCK_ATTEMPTS attempts with a short jittered pause between them. Only the outermost transaction
   * retries (a nested call joins it and fails with it), so `fn` must do nothing outside the transaction
   * that may not happen twice. A busy or timed-out wait is not retried here (it answers 503).
   */
  retryOnDeadlock?: boolean;
}

/** A few milliseconds, growing with the attempt and jittered, so two victims do not collide again. */
const deadlockPause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));

/**
 * The database handle modules use through their repositories. A transaction started with `transaction()`
 * is carried in the request context, so every repository call, audit event and outbox message inside the
 * callback joins it without passing a manager around.
 */
@Injectable()
export class Database {
  /**
   * SQLite runs on one connection: two requests' transactions would nest as savepoints of each other.
   * Transactions there take turns through this queue (MySQL has a pool and real isolation).
   */
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataSource: DataSource,
    private readonly cls: ClsService,
  ) {}

  /** The transaction's manager when inside `transaction()`, otherwise the data source's. */
  get manager(): EntityManager {
    const tx = this.cls.isActive() ? (this.cls.get(TX_KEY) as EntityManager | undefined) : undefined;
    return tx ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.cls.isActive() && !!this.cls.get(TX_KEY);
  }

  get dialect(): 'sqlite' | 'mysql' {
    return this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  /** Runs `fn` in one transaction (joining the current one if any); everything inside commits or none of it. */
  async transaction<T>(
    fn: (manager: EntityManager) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    if (this.inTransaction) return fn(this.manager);
    if (!options.retryOnDeadlock) return this.outermost(fn);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.outermost(fn);
      } catch (error) {
        if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw error;
        await deadlockPause(attempt);
      }
    }
  }

  /** One attempt at an outermost transaction, carried in the request context (queued on SQLite). */
  private outermost<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () =>
      this.dataSource.transaction(async (manager) => {
        this.cls.set(TX_KEY, manager);
        try {
          return await fn(manager);
        } finally {
          this.cls.set(TX_KEY, undefined);
        }
      });
    const inContext = () => (this.cls.isActive() ? run() : this.cls.run(run));
    if (this.dialect !== 'sqlite') return inContext();
    const turn = this.sqliteQueue.then(inContext, inContext);
    this.sqliteQueue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Platform-only escape from the test-mode SQL guard, for statements that legitimately span tenants
   * (schema introspection, the outbox worker's claim). Never for request handling.
   */
  async acrossTenants<T>(reason: string, fn: () => Promise<T>): Promise<T> {
    if (!reason.trim()) throw new Error('acrossTenants needs a reason');
    return this.cls.run({ ifNested: 'inherit' }, () => {
      this.cls.set(GUARD_BYPASS_KEY, reason);
      return fn();
    });
  }

  /** Whether the current context opted out of the SQL guard (read by the guard). */
  guardBypassed(): boolean {
    return this.cls.isActive() && !!this.cls.get(GUARD_BYPASS_KEY);
  }
}
