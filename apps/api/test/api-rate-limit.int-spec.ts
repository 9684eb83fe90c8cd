import { DefaultRole } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, signIn, type Signed } from './support/accounts';
import { type TestApp, bootTestApp } from './support/test-app';

/**
 * The API rate limit (API_RATE_LIMIT_PER_MINUTE, README "Configuration") with the embedded default's
 * in-process counters (MemoryThrottlerStorage): counted per signed-in user and route,
 * 429 with Retry-After past it, and one user's burst never spends another's.
 */
describe('API rate limit per user (in process)', () => {
  let t: TestApp;
  let first: Signed;
  let second: Signed;

  beforeAll(async () => {
    t = await bootTestApp({ API_RATE_LIMIT_PER_MINUTE: '10' });
    const school = await t.given.institution('rate-limit');
    first = await signIn(t, await account(t, school, 'first@rate.test', [DefaultRole.Teacher]));
    second = await signIn(t, await account(t, school, 'second@rate.test', [DefaultRole.Teacher]));
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (who: Signed) => t.request({ url: '/api/v1/academics/years', headers: who.auth });

  it('answers 429 with Retry-After once a user passes the limit, and leaves other users alone', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 12; i++) {
      const res = await get(first);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        retryAfter ??= res.headers['retry-after'] as string;
        expect(res.json()).toMatchObject({ error: { code: 'THROTTLED' } });
      }
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect((await get(second)).statusCode).toBe(200);
  });
});
