import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Invalidation, InvalidationBus } from '../cache/invalidation-bus';
import { IdentityCache, LOCAL_TTL_MS, SHARED_TTL_MS } from './identity-cache';

/** A bus without Redis: publish applies in this process only, like InvalidationBus outside a transaction. */
function fakeBus(shared = false) {
  const handlers: ((m: Invalidation) => void)[] = [];
  const resets: (() => void)[] = [];
  const bus = {
    shared,
    on: (h: (m: Invalidation) => void) => handlers.push(h),
    onReset: (r: () => void) => resets.push(r),
    publish: (m: Invalidation) => {
      for (const h of handlers) h(m);
      return Promise.resolve();
    },
    reset: () => resets.forEach((r) => r()),
  };
  return bus;
}

const grants = { roles: ['teacher'], permissions: ['students.read'] };

describe('IdentityCache', () => {
  afterEach(() => vi.useRealTimers());

  it('serves grants from memory until they change, then reads them again', async () => {
    const bus = fakeBus();
    const cache = new IdentityCache(bus as unknown as InvalidationBus);
    const load = vi.fn(() => Promise.resolve(grants));
    await cache.grants('t1', 'u1', load);
    await cache.grants('t1', 'u1', load);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.grantsChanged('t1', 'u1');
    await cache.grants('t1', 'u1', load);
    expect(load).toHaveBeenCalledTimes(2);
    // a role's permissions changed: every user of the tenant, no other tenant
    const other = vi.fn(() => Promise.resolve(grants));
    await cache.grants('t2', 'u1', other);
    await cache.grantsChanged('t1');
    await cache.grants('t1', 'u1', load);
    await cache.grants('t2', 'u1', other);
    expect(load).toHaveBeenCalledTimes(3);
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('does not keep a load that was running when an invalidation arrived', async () => {
    const cache = new IdentityCache(fakeBus() as unknown as InvalidationBus);
    let release!: (v: { live: boolean; liveUntil: number }) => void;
    const slow = new Promise<{ live: boolean; liveUntil: number }>((r) => (release = r));
    const pending = cache.sessionLive('t1', 's1', 'u1', () => slow);
    await cache.sessionsRevoked('t1', ['s1']);
    release({ live: true, liveUntil: Date.now() + 60_000 }); // read before the revocation committed
    expect(await pending).toBe(true);
    const load = vi.fn(() => Promise.resolve({ live: false, liveUntil: 0 }));
    expect(await cache.sessionLive('t1', 's1', 'u1', load)).toBe(false);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps entries 2 s without Redis, 30 s while subscribed, never past the session end', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (const [shared, ttl] of [
      [false, LOCAL_TTL_MS],
      [true, SHARED_TTL_MS],
    ] as const) {
      const cache = new IdentityCache(fakeBus(shared) as unknown as InvalidationBus);
      const load = vi.fn(() => Promise.resolve({ live: true, liveUntil: Date.now() + 10 * 60_000 }));
      await cache.sessionLive('t1', 's1', 'u1', load);
      vi.setSystemTime(Date.now() + ttl - 1);
      await cache.sessionLive('t1', 's1', 'u1', load);
      expect(load).toHaveBeenCalledTimes(1);
      vi.setSystemTime(Date.now() + 2);
      await cache.sessionLive('t1', 's1', 'u1', load);
      expect(load).toHaveBeenCalledTimes(2);
    }
    const cache = new IdentityCache(fakeBus(true) as unknown as InvalidationBus);
    const ending = vi.fn(() => Promise.resolve({ live: true, liveUntil: Date.now() + 1_000 }));
    await cache.sessionLive('t1', 's2', 'u1', ending);
    vi.setSystemTime(Date.now() + 1_001);
    await cache.sessionLive('t1', 's2', 'u1', ending);
    expect(ending).toHaveBeenCalledTimes(2);
  });

  it('answers a cached session for its own user only, and empties itself when the bus resets', async () => {
    const bus = fakeBus(true);
    const cache = new IdentityCache(bus as unknown as InvalidationBus);
    const load = vi.fn(() => Promise.resolve({ live: true, liveUntil: Date.now() + 60_000 }));
    expect(await cache.sessionLive('t1', 's1', 'u1', load)).toBe(true);
    expect(await cache.sessionLive('t1', 's1', 'u2', load)).toBe(false);
    bus.reset();
    await cache.sessionLive('t1', 's1', 'u1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
  it('reads a session and its grants once when concurrent requests miss together', async () => {
    const cache = new IdentityCache(fakeBus() as unknown as InvalidationBus);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const session = vi.fn(async () => {
      await gate;
      return { live: true, liveUntil: Date.now() + 60_000 };
    });
    const grantsLoad = vi.fn(async () => {
      await gate;
      return grants;
    });
    const pending = Array.from({ length: 20 }, () =>
      Promise.all([cache.sessionLive('t1', 's1', 'u1', session), cache.grants('t1', 'u1', grantsLoad)]),
    );
    release();
    for (const [live, g] of await Promise.all(pending)) {
      expect(live).toBe(true);
      expect(g).toEqual(grants);
    }
    expect(session).toHaveBeenCalledTimes(1);
    expect(grantsLoad).toHaveBeenCalledTimes(1);
  });

  it('does not let a request that starts after a revocation share a load begun before it', async () => {
    const cache = new IdentityCache(fakeBus() as unknown as InvalidationBus);
    let release!: (v: { live: boolean; liveUntil: number }) => void;
    const before = new Promise<{ live: boolean; liveUntil: number }>((r) => (release = r));
    const early = cache.sessionLive('t1', 's1', 'u1', () => before);
    await cache.sessionsRevoked('t1', ['s1']);
    const after = vi.fn(() => Promise.resolve({ live: false, liveUntil: 0 }));
    const late = cache.sessionLive('t1', 's1', 'u1', after);
    release({ live: true, liveUntil: Date.now() + 60_000 }); // read before the revocation committed
    expect(await early).toBe(true);
    expect(await late).toBe(false);
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('does not share a session load between two users', async () => {
    const cache = new IdentityCache(fakeBus() as unknown as InvalidationBus);
    const forU1 = vi.fn(() => Promise.resolve({ live: true, liveUntil: Date.now() + 60_000 }));
    const forU2 = vi.fn(() => Promise.resolve({ live: false, liveUntil: 0 }));
    const [a, b] = await Promise.all([
      cache.sessionLive('t1', 's1', 'u1', forU1),
      cache.sessionLive('t1', 's1', 'u2', forU2),
    ]);
    expect([a, b]).toEqual([true, false]);
    expect(forU2).toHaveBeenCalledTimes(1);
  });
});
