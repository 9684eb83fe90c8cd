import type { DataSource } from 'typeorm';

/**
 * Counts the SQL statements the app sends while a function runs, by wrapping each query runner's `query`
 * outside the SQL guard's wrapper, so every statement is counted once. `ignore` leaves out statements that
 * are not the route's own (background work such as the in-process outbox worker).
 */
export class StatementCounter {
  private readonly sent: string[] = [];
  private counting = false;

  constructor(private readonly ignore?: RegExp) {}

  install(dataSource: DataSource): this {
    const driver = dataSource.driver as unknown as { createQueryRunner: (mode: string) => unknown };
    const create = driver.createQueryRunner.bind(driver);
    const wrapped = new WeakSet<object>();
    driver.createQueryRunner = (mode) => {
      const runner = create(mode) as { query: (...args: unknown[]) => Promise<unknown> };
      if (!wrapped.has(runner)) {
        wrapped.add(runner);
        const query = runner.query.bind(runner);
        runner.query = (...args) => {
          const sql = String(args[0]);
          if (this.counting && !this.ignore?.test(sql)) this.sent.push(sql);
          return query(...args);
        };
      }
      return runner;
    };
    return this;
  }

  /** Runs `fn` and answers its result with the statements sent meanwhile. */
  async count<T>(fn: () => Promise<T>): Promise<[T, string[]]> {
    this.sent.length = 0;
    this.counting = true;
    try {
      return [await fn(), [...this.sent]];
    } finally {
      this.counting = false;
    }
  }
}
