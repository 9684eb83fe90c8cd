import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The counted hits of one key under one throttler: their expiries, oldest first, from `head` on. */
interface Hits {
  expiries: number[];
  head: number;
}

/** One key (a caller on a route): its hits per throttler, its fixed window and its block. */
interface Window {
  hits: Map<string, Hits>;
  /** The key's fixed window, for timeToExpire (as @nestjs/throttler's own storage reports it). */
  expiresAt: number;
  blockedUntil: number;
}

/** Idle keys are dropped this often, so a key no longer used stops holding memory. */
const SWEEP_MS = 60_000;

/**
 * The API rate limit's counters in process (the embedded default; with REDIS_URL the counters live in
 * Redis). Answers as @nestjs/throttler's in-memory storage does: a sliding window of hits per key, and a
 * block for `blockDuration` once the limit is passed. That storage filters every hit of the key on every
 * request and copies the list; here hits expire in the order they came, so expired ones leave from the
 * front and a request costs the same however high an operator sets the limit.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** How many keys are held now (read by the tests of the sweep). */
  get size(): number {
    return this.windows.size;
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    this.sweepLater();
    const now = this.now();
    let w = this.windows.get(key);
    if (!w) {
      w = { hits: new Map(), expiresAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, w);
    }
    let h = w.hits.get(throttlerName);
    if (!h) {
      h = { expiries: [], head: 0 };
      w.hits.set(throttlerName, h);
    }
    this.dropExpired(h, now);
    if (w.expiresAt <= now) w.expiresAt = now + ttl;
    const timeToExpire = Math.ceil((w.expiresAt - now) / 1000);

    if (blockDuration <= 0) {
      const blocked = this.count(h) >= limit;
      if (!blocked) this.hit(h, now + ttl);
      return Promise.resolve({
        totalHits: this.count(h) + (blocked ? 1 : 0),
        timeToExpire,
        isBlocked: blocked,
        timeToBlockExpire: blocked ? Math.ceil(((h.expiries[h.head] ?? now) - now) / 1000) : 0,
      });
    }

    if (w.blockedUntil && w.blockedUntil <= now) {
      // The block is over: this throttler's window starts again from this request.
      w.blockedUntil = 0;
      h.expiries = [now + ttl];
      h.head = 0;
    } else if (!w.blockedUntil) {
      this.hit(h, now + ttl);
      if (this.count(h) > limit) w.blockedUntil = now + blockDuration;
    }
    return Promise.resolve({
      totalHits: this.count(h),
      timeToExpire,
      isBlocked: w.blockedUntil > 0,
      timeToBlockExpire: w.blockedUntil > 0 ? Math.ceil((w.blockedUntil - now) / 1000) : 0,
    });
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.windows.clear();
  }

  /** Drops keys with no live hit and no block (what the sweep does each minute). */
  sweep(now = this.now()): void {
    for (const [key, w] of this.windows) {
      let live = 0;
      for (const h of w.hits.values()) {
        this.dropExpired(h, now);
        live += this.count(h);
      }
      if (live === 0 && w.blockedUntil <= now && w.expiresAt <= now) this.windows.delete(key);
    }
  }

  private count(h: Hits): number {
    return h.expiries.length - h.head;
  }

  private hit(h: Hits, expiry: number): void {
    // A route may set its own ttl under the same throttler: keep the list in expiry order regardless.
    const last = h.expiries[h.expiries.length - 1];
    if (last === undefined || expiry >= last) {
      h.expiries.push(expiry);
      return;
    }
    let i = h.expiries.length - 1;
    while (i > h.head && h.expiries[i - 1]! > expiry) i--;
    h.expiries.splice(i, 0, expiry);
  }

  private dropExpired(h: Hits, now: number): void {
    while (h.head < h.expiries.length && h.expiries[h.head]! <= now) h.head++;
    // Compact once the expired front is half the list, so the array stays within twice the live hits.
    if (h.head > 32 && h.head * 2 > h.expiries.length) {
      h.expiries = h.expiries.slice(h.head);
      h.head = 0;
    }
  }

  private sweepLater(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }
}
