import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SkipThrottle, Throttle, ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app-config';
import { AuthThrottle, ShalaThrottlerGuard, ThrottledError, throttlerOptions } from './throttling';

class Routes {
  plain() {}
  @SkipThrottle({ api: true })
  health() {}
  @Throttle({ api: { limit: 3, ttl: 1_000, blockDuration: 5_000 } })
  tight() {}
  @AuthThrottle('reset')
  reset() {}
  @AuthThrottle('refresh')
  refresh() {}
}
@SkipThrottle({ api: true })
class Skipped {
  plain() {}
}

type Call = Parameters<ThrottlerStorage['increment']>;

/** Counts what a guard asks of the storage; blocks a key once it has `blockAfter` hits. */
function recording(blockAfter = Infinity) {
  const calls: Call[] = [];
  const hits = new Map<string, number>();
  const storage: ThrottlerStorage = {
    increment: (...args: Call) => {
      calls.push(args);
      const n = (hits.get(args[0]) ?? 0) + 1;
      hits.set(args[0], n);
      const isBlocked = n > blockAfter;
      return Promise.resolve({
        totalHits: n,
        timeToExpire: 60,
        isBlocked,
        timeToBlockExpire: isBlocked ? 7 : 0,
      });
    },
  };
  return { calls, storage };
}

async function guardOf(kind: typeof ThrottlerGuard, storage: ThrottlerStorage, reflector = new Reflector()) {
  const options = throttlerOptions({ apiRateLimitPerMinute: 5, redisUrl: undefined } as unknown as AppConfig);
  const guard = new kind({ ...options, storage }, storage, reflector);
  await guard.onModuleInit();
  return guard;
}

function contextOf(controller: new () => object, method: string, body: unknown = {}, ip = '10.0.0.1') {
  const headers: Record<string, string> = {};
  const reply = { header: (k: string, v: string) => (headers[k] = v) };
  const request = { ip, body, headers: {} };
  const context = {
    getHandler: () => (controller.prototype as Record<string, () => void>)[method]!,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

const cases: [new () => object, string, unknown][] = [
  [Routes, 'plain', {}],
  [Routes, 'health', {}],
  [Routes, 'tight', {}],
  [Routes, 'reset', { institution: ' Greenwood ', email: 'A@x.test' }],
  [Routes, 'reset', { email: 'no-institution@x.test' }],
  [Routes, 'refresh', {}],
  [Skipped, 'plain', {}],
];

describe('the API throttler guard', () => {
  it('counts every route as @nestjs/throttler does: the same throttlers, keys, limits, windows and blocks', async () => {
    const ours = recording();
    const theirs = recording();
    const guard = await guardOf(ShalaThrottlerGuard, ours.storage);
    const reference = await guardOf(ThrottlerGuard, theirs.storage);
    for (const [controller, method, body] of [...cases, ...cases]) {
      expect(await guard.canActivate(contextOf(controller, method, body).context)).toBe(true);
      expect(await reference.canActivate(contextOf(controller, method, body).context)).toBe(true);
    }
    expect(ours.calls).toEqual(theirs.calls);
    // The api limit counts every route but the skipped ones; a reset with an account also per account.
    expect(ours.calls.filter((c) => c[4] === 'api')).toHaveLength(10);
    expect(ours.calls.filter((c) => c[4] === 'auth-account')).toHaveLength(2);
    expect(ours.calls.find((c) => c[4] === 'api' && c[1] === 1_000)).toEqual([
      expect.any(String),
      1_000,
      3,
      5_000,
      'api',
    ]);
  });

  it('refuses a request past the limit with 429 and Retry-After', async () => {
    const { storage } = recording(2);
    const guard = await guardOf(ShalaThrottlerGuard, storage);
    for (let i = 0; i < 2; i++)
      expect(await guard.canActivate(contextOf(Routes, 'plain').context)).toBe(true);
    const { context, headers } = contextOf(Routes, 'plain');
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(ThrottledError);
    expect(headers['retry-after']).toBe('7');
    // Another caller is counted apart.
    expect(await guard.canActivate(contextOf(Routes, 'plain', {}, '10.0.0.2').context)).toBe(true);
  });

  it("reads a route's throttle metadata once, not on every request", async () => {
    const reflector = new Reflector();
    const reads = vi.spyOn(reflector, 'getAllAndOverride');
    const guard = await guardOf(ShalaThrottlerGuard, recording().storage, reflector);
    await guard.canActivate(contextOf(Routes, 'plain').context);
    const once = reads.mock.calls.length;
    for (let i = 0; i < 5; i++) await guard.canActivate(contextOf(Routes, 'plain').context);
    expect(reads.mock.calls.length).toBe(once);
  });
});
