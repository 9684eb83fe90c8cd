/**
 * One load per key at a time for the in-memory caches (TenantCache, IdentityCache). When an entry expires
 * under load, every request in flight used to miss at once and read the same rows (20 connections: 20
 * copies of the same statements every TTL, issue 18's 2.1 statements for a point read); now the first one
 * loads and the others wait for its answer.
 *
 * A caller joins a running load only if no invalidation has arrived since it started (`epoch`): a request
 * that begins after a revocation or a role change never gets rows read before it.
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, { epoch: number; promise: Promise<T> }>();

  /** The running load of `key` started in `epoch`, or a new one from `load`. */
  run(key: string, epoch: number, load: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current && current.epoch === epoch) return current.promise;
    const promise = load().finally(() => {
      if (this.running.get(key)?.promise === promise) this.running.delete(key);
    });
    this.running.set(key, { epoch, promise });
    return promise;
  }

  /** Loads in progress (for tests). */
  get size(): number {
    return this.running.size;
  }
}
