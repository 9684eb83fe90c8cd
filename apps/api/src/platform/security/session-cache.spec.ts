import { Mock, afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/app-config';
import { REDIS_COOLDOWN_MS, SessionCache } from './session-cache';

type Command = (...args: unknown[]) => Promise<string | null>;

interface FakeRedis {
  get: Mock<Command>;
  set: Mock<Command>;
}

/** A cache configured for Redis whose client is replaced by `fake` (nothing listens on the port). */
function cacheWith(fake: FakeRedis): SessionCache {
  const cache = new SessionCache(
    loadConfig({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_COMMAND_TIMEOUT_MS: '50' }),
  );
  const internals = cache as unknown as { redis: { disconnect(): void } & FakeRedis };
  internals.redis.disconnect();
  Object.assign(internals.redis, fake);
  return cache;
}

const timedOut: Command = () => Promise.reject(new Error('Command timed out'));

describe('SessionCache with Redis failing', () => {
  afterEach(() => vi.useRealTimers());

  it('pays one Redis timeout, then serves from memory until the cooldown ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake: FakeRedis = { get: vi.fn(timedOut), set: vi.fn(timedOut) };
    const cache = cacheWith(fake);
    expect(await cache.get('t1', 's1')).toBeNull();
    await cache.set('t1', 's1', 'live');
    expect(await cache.get('t1', 's1')).toBe('live');
    expect(fake.get).toHaveBeenCalledTimes(1);
    expect(fake.set).not.toHaveBeenCalled();

    vi.setSystemTime(Date.now() + REDIS_COOLDOWN_MS + 1);
    fake.get.mockResolvedValue('live');
    expect(await cache.get('t1', 's2')).toBe('live');
    expect(fake.get).toHaveBeenCalledTimes(2);
  });

  it('keeps a revocation Redis missed until the entry Redis may still hold has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake: FakeRedis = { get: vi.fn(timedOut), set: vi.fn(timedOut) };
    const cache = cacheWith(fake);
    await cache.revoked('t1', ['s1']);
    // Redis is back, still holding the "live" it cached before the outage.
    vi.setSystemTime(Date.now() + REDIS_COOLDOWN_MS + 1);
    fake.get.mockResolvedValue('live');
    expect(await cache.get('t1', 's1')).toBe('revoked');
    vi.setSystemTime(Date.now() + 30_000);
    expect(await cache.get('t1', 's1')).toBe('live');
  });
});
