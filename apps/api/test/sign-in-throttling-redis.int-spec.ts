import { DefaultRole } from '@shala/contracts';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '../src/modules/auth/sign-in-limits';
import { Account, PASSWORD, account } from './support/accounts';
import { challengeOf, failMfaSteps, login, solve } from './support/sign-in-attempts';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const redisUrl = process.env.TEST_REDIS_URL;

/** Counts live in Redis past this run: every run uses its own addresses and school. */
const run = () => `${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;

// npm test sets TEST_REDIS_URL when a Redis server answers (always on CI).
describe.skipIf(!redisUrl)(`sign-in limits shared by two replicas through Redis, on ${TEST_DB}`, () => {
  let a: TestApp;
  let b: TestApp;
  let teacher: Account;
  const net = run();

  beforeAll(async () => {
    a = await bootTestApp({ REDIS_URL: redisUrl! });
    // The second replica: same Redis, same database (its own empty one is dropped on close).
    const database = a.config.database;
    b = await bootTestApp({
      REDIS_URL: redisUrl!,
      DATABASE_URL: database.kind === 'sqlite' ? `sqlite:${database.file}` : database.url,
    });
    const school = await a.given.institution(`r${net.replace(/\./g, '-')}`);
    await a.given.institution(`s${net.replace(/\./g, '-')}`);
    teacher = await account(a, school, 'teacher@school.test', [DefaultRole.Teacher]);
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('[AUT-07] requires the challenge on one replica after failures counted on the other, and refuses a replay on either', async () => {
    const address = `10.${net}`;
    const creds = { institution: teacher.slug, email: teacher.email, password: PASSWORD };
    expect((await login(b, address, creds)).statusCode).toBe(200);

    await failMfaSteps(a, address, SIGN_IN_LIMITS.address.challengeFrom);

    // Replica B sees A's failures and asks for a proof of work; A accepts B's challenge once solved.
    const proofOfWork = await solve(challengeOf(await login(b, address, creds)));
    expect((await login(a, address, { ...creds, proofOfWork })).statusCode).toBe(200);
    // The same solution is spent everywhere.
    const replay = await login(b, address, { ...creds, proofOfWork });
    challengeOf(replay);
    expect(replay.json<{ error: { details: { message: string }[] } }>().error.details[0]!.message).toMatch(
      /already used/,
    );
  }, 120_000);

  it('[AUT-07] shares the per-account limit: 10 failures on one replica throttle the account on the other', async () => {
    const address = `172.${net}`;
    const wrong = { institution: teacher.slug, email: teacher.email, password: 'wrong-password-1' };
    for (let i = 0; i < SIGN_IN_LIMITS.accountAddress.limit; i++)
      expect((await login(i % 2 ? a : b, address, wrong)).statusCode).toBe(401);
    const res = await login(b, address, { ...wrong, password: PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ error: { code: 'THROTTLED' } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  }, 120_000);
});

describe('sign-in limits with the configured Redis down', () => {
  it('[AUT-07] fails closed: sign-in answers 503, never unthrottled', async () => {
    const down = await bootTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await login(down, '10.0.0.1', {
        institution: 'greenwood',
        email: 'teacher@greenwood.test',
        password: PASSWORD,
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'DEPENDENCY_UNAVAILABLE' } });
    } finally {
      await down.close();
    }
  });
});
