import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CompiledFinds } from './compiled-find';
import { isDeadlock } from './driver-errors';

const TX_KEY = 'shala.entityManager';
const GUARD_BYPASS_KEY = 'shala.sqlGuardBypass';
const AFTER_COMMIT_KEY = 'shala.afterCommit';

type AfterCommit = () => Promise<void> | void;

/** What `query()` needs of a pooled mysql2 connection (the driver hands them out, timeouts installed). */
interface PooledConnection {
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): unknown;
  release(): void;
}

/** Refuses a statement before it is sent (the test-mode SQL guard): the error to throw, or null. */
export type StatementCheck = (sql: string) => Error | null;

/**
 * Attempts in all for a transaction the database aborts as a deadlock victim. On a Galera cluster a
 * certification failure (two nodes committed writes to the same row) is reported the same way, often at
 * COMMIT, and writes through several nodes to one hot row (a receipt counter, an audit chain head) collide
 * more often than local lock waits do, so there is room for a few.
 */
export const DEADLOCK_ATTEMPTS = 8;

export interface TransactionOptions {
  /**
   * Run the whole transaction again when the database picks it as a deadlock victim (InnoDB) or fails its
   * certification (Galera, ER_LOCK_DEADLOCK at any statement or at COMMIT): up to DEADLOCK_ATTEMPTS attempts
   * with a short jittered pause between them. On by default, so every transaction that writes retries;
   * only the outermost transaction retries (a nested call joins it and fails with it), so `fn` must do
   * nothing outside the transaction that may not happen twice. `false` opts out (the caller handles the
   * deadlock itself). A busy or timed-out wait is not retried here (it answers 503).
   */
  retryOnDeadlock?: boolean;
}

/**
 * A pause that doubles with each attempt (10, 20, 40 ... ms, at most 250) and is jittered by half either
 * way, so victims spread out instead of colliding again: about 0.8 s in all before the last attempt.
 */
const deadlockPause = (attempt: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.min(250, 10 * 2 ** (attempt - 1)) * (0.5 + Math.random())),
  );

/**
 * Runs `attempt` (one whole transaction, begin to COMMIT) again while it fails as a deadlock victim or a
 * Galera certification failure, up to DEADLOCK_ATTEMPTS in all. For the few platform transactions that
 * cannot go through Database.transaction (the outbox claim's own isolation level).
 */
export async function withDeadlockRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw error;
      await deadlockPause(n);
    }
  }
}

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

  /** The repositories' simple finds, each shape made into its statement once. */
  readonly finds: CompiledFinds;

  /** The test-mode SQL guard, for statements `query()` sends past TypeORM's query runners. */
  private statementCheck: StatementCheck | null = null;

  constructor(
    readonly dataSource: DataSource,
    private readonly cls: ClsService,
  ) {
    this.finds = new CompiledFinds(dataSource);
  }

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

  /**
   * Runs `fn` in one transaction (joining the current one if any); everything inside commits or none of it.
   * A deadlock or certification failure, including one raised by COMMIT, runs it again (TransactionOptions).
   */
  async transaction<T>(
    fn: (manager: EntityManager) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    if (this.inTransaction) return fn(this.manager);
    if (options.retryOnDeadlock === false) return this.outermost(fn);
    return withDeadlockRetries(() => this.outermost(fn));
  }

  /** One attempt at an outermost transaction, carried in the request context (queued on SQLite). */
  private outermost<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = async () => {
      const committed: AfterCommit[] = [];
      const result = await this.dataSource.transaction(async (manager) => {
        this.cls.set(TX_KEY, manager);
        this.cls.set(AFTER_COMMIT_KEY, committed);
        try {
          return await fn(manager);
        } finally {
          this.cls.set(TX_KEY, undefined);
          this.cls.set(AFTER_COMMIT_KEY, undefined);
        }
      });
      for (const f of committed) await f();
      return result;
    };
    const inContext = () => (this.cls.isActive() ? run() : this.cls.run(run));
    if (this.dialect !== 'sqlite') return inContext();
    const turn = this.sqliteQueue.then(inContext, inContext);
    this.sqliteQueue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Runs `fn` once the current transaction has committed, before `transaction()` returns to its caller
   * (at once outside a transaction; never after a rollback or a failed attempt). Cache invalidations use
   * it: announced before the commit, another process could read the old rows again and keep them.
   */
  async afterCommit(fn: AfterCommit): Promise<void> {
    const pending = this.inTransaction
      ? (this.cls.get(AFTER_COMMIT_KEY) as AfterCommit[] | undefined)
      : undefined;
    if (pending) pending.push(fn);
    else await fn();
  }

  /**
   * One parameterized statement, in the current transaction if there is one. Outside a transaction on
   * MySQL it goes straight to a pooled connection: the same connection, statement timeout, result and
   * error (QueryFailedError wrapping the driver's) as TypeORM's `manager.query`, without a query runner,
   * its broadcaster and its copy of the rows for every statement (the repositories' hot reads).
   */
  async query<R>(statement: string, params: unknown[]): Promise<R> {
    if (this.dialect !== 'mysql' || this.inTransaction)
      return (await this.manager.query(statement, params)) as R;
    const refused = this.statementCheck?.(statement);
    if (refused) throw refused;
    const driver = this.dataSource.driver as unknown as {
      obtainMasterConnection(): Promise<PooledConnection>;
    };
    const connection = await driver.obtainMasterConnection();
    try {
      return await new Promise<R>((resolve, reject) => {
        connection.query(statement, params, (error, result) =>
          error ? reject(new QueryFailedError(statement, params, error)) : resolve(result as R),
        );
      });
    } finally {
      connection.release();
    }
  }

  /** Installs the test-mode SQL guard's check for the statements `query()` sends itself. */
  checkStatements(check: StatementCheck): void {
    this.statementCheck = check;
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
