import { ThrottlerStorageService } from '@nestjs/throttler';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryThrottlerStorage } from './memory-throttler-storage';

describe('MemoryThrottlerStorage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it("answers every request as @nestjs/throttler's own in-memory storage does", async () => {
    const step = fc.record({
      advanceMs: fc.integer({ min: 0, max: 1500 }),
      key: fc.constantFrom('user:a', 'user:b', 'ip:1'),
      throttler: fc.constantFrom('api', 'auth-ip'),
      blocks: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1000, max: 5000 }),
        fc.array(step, { maxLength: 80 }),
        async (limit, ttl, steps) => {
          const theirs = new ThrottlerStorageService();
          const ours = new MemoryThrottlerStorage();
          try {
            for (const s of steps) {
              vi.advanceTimersByTime(s.advanceMs);
              const blockDuration = s.blocks ? ttl * 2 : 0;
              const expected = await theirs.increment(s.key, ttl, limit, blockDuration, s.throttler);
              const actual = await ours.increment(s.key, ttl, limit, blockDuration, s.throttler);
              expect({
                ...actual,
                timeToBlockExpire: actual.isBlocked ? actual.timeToBlockExpire : 0,
              }).toEqual({
                ...expected,
                timeToBlockExpire: expected.isBlocked ? expected.timeToBlockExpire : 0,
              });
            }
          } finally {
            theirs.onApplicationShutdown();
            ours.onApplicationShutdown();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('blocks past the limit for the block duration, then counts again from one', async () => {
    const storage = new MemoryThrottlerStorage();
    for (let i = 1; i <= 3; i++)
      expect((await storage.increment('k', 60_000, 3, 60_000, 'api')).isBlocked).toBe(false);
    const blocked = await storage.increment('k', 60_000, 3, 60_000, 'api');
    expect(blocked).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    vi.advanceTimersByTime(59_000);
    expect(await storage.increment('k', 60_000, 3, 60_000, 'api')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 1,
    });
    vi.advanceTimersByTime(1_000);
    expect(await storage.increment('k', 60_000, 3, 60_000, 'api')).toMatchObject({
      isBlocked: false,
      totalHits: 1,
    });
    storage.onApplicationShutdown();
  });

  it('forgets expired hits and idle keys, so memory follows the live hits only', async () => {
    const storage = new MemoryThrottlerStorage();
    for (let i = 0; i < 10_000; i++) {
      await storage.increment(`user:${i % 100}`, 1_000, 1_000_000, 1_000, 'api');
      vi.advanceTimersByTime(1);
    }
    const { totalHits } = await storage.increment('user:0', 1_000, 1_000_000, 1_000, 'api');
    // Only the last second counts: user:0 asked every 100 ms, 9 times in it before this request.
    expect(totalHits).toBe(10);
    expect(storage.size).toBe(100);
    vi.advanceTimersByTime(61_000); // the sweep runs each minute
    expect(storage.size).toBe(0);
    storage.onApplicationShutdown();
  });
});
