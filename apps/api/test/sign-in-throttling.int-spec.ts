import { DefaultRole } from '@shala/contracts';
import { createChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { PROOF_OF_WORK } from '../src/modules/auth/proof-of-work';
import { SIGN_IN_LIMITS } from '../src/modules/auth/sign-in-limits';
import { deriveSecret } from '../src/platform/security/tokens';
import { Account, PASSWORD, account } from './support/accounts';
import {
  challengeOf,
  encodeProofOfWork,
  failMfaSteps,
  failSignIns,
  login,
  solve,
  staffAccounts,
} from './support/sign-in-attempts';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const credentials = (a: Account, password = PASSWORD) => ({ institution: a.slug, email: a.email, password });

describe(`sign-in throttling on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  let riverside: Institution;
  let staff: Account[];

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    riverside = await t.given.institution('riverside');
    staff = await staffAccounts(t, greenwood, 30);
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('[AUT-07] lets 30 teachers behind one school address sign in at 8 am, and failures from it only bring a challenge', async () => {
    const nat = '203.0.113.10';
    // Successful sign-ins are not failures: 30 from one address meet no challenge and no limit.
    for (let i = 0; i < staff.length; i += 5) {
      const answers = await Promise.all(staff.slice(i, i + 5).map((s) => login(t, nat, credentials(s))));
      for (const res of answers) expect(res.statusCode, res.body).toBe(200);
    }

    // Someone behind the same address guesses passwords: from the 20th failure on, no blanket block, but
    // every sign-in from that address must carry a solved proof of work.
    await failSignIns(t, nat, SIGN_IN_LIMITS.address.challengeFrom);
    const teacher = staff[0]!;
    const refused = await login(t, nat, credentials(teacher));
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'CHALLENGE_REQUIRED',
        details: [{ field: 'proofOfWork', challenge: { parameters: { algorithm: 'PBKDF2/SHA-256' } } }],
      },
    });
    expect(refused.headers['retry-after']).toBeUndefined();

    // The browser solves it and gets in; so does every colleague, each with a challenge of their own.
    for (const colleague of staff.slice(0, 5)) {
      const challenge = challengeOf(await login(t, nat, credentials(colleague)));
      const res = await login(t, nat, { ...credentials(colleague), proofOfWork: await solve(challenge) });
      expect(res.statusCode, res.body).toBe(200);
    }

    // The attacker's failures do not reach other addresses.
    expect((await login(t, '198.51.100.7', credentials(teacher))).statusCode).toBe(200);
  }, 180_000);

  it('[AUT-07] makes the challenge harder as failures from one address pile up', async () => {
    const address = '203.0.113.20';
    // Wrong MFA steps (here with unsigned tokens) count for the address like wrong passwords.
    await failMfaSteps(t, address, SIGN_IN_LIMITS.address.challengeFrom);
    const easy = challengeOf(await login(t, address, credentials(staff[1]!)));
    await failMfaSteps(t, address, 100 - SIGN_IN_LIMITS.address.challengeFrom);
    const hard = challengeOf(await login(t, address, credentials(staff[1]!)));
    const easyCounters = PROOF_OF_WORK.levels[2].counter;
    const hardCounters = PROOF_OF_WORK.levels[1].counter;
    expect(easy.parameters.cost).toBe(PROOF_OF_WORK.cost);
    // The counter is hidden; the work shows in solving it. Solve both and compare the counters found.
    const counterOf = (encoded: string) =>
      (JSON.parse(Buffer.from(encoded, 'base64').toString()) as { solution: { counter: number } }).solution
        .counter;
    const easyCounter = counterOf(await solve(easy));
    const hardCounter = counterOf(await solve(hard));
    expect(easyCounter).toBeGreaterThanOrEqual(easyCounters[0]);
    expect(easyCounter).toBeLessThanOrEqual(easyCounters[1]);
    expect(hardCounter).toBeGreaterThanOrEqual(hardCounters[0]);
    expect(hardCounter).toBeLessThanOrEqual(hardCounters[1]);
  }, 180_000);

  it('[AUT-07] accepts each proof of work once, and refuses a forged, altered, wrong or expired one', async () => {
    const address = '203.0.113.30';
    await failMfaSteps(t, address, SIGN_IN_LIMITS.address.challengeFrom);
    const teacher = staff[2]!;
    const challenge = challengeOf(await login(t, address, credentials(teacher)));
    const proofOfWork = await solve(challenge);
    expect((await login(t, address, { ...credentials(teacher), proofOfWork })).statusCode).toBe(200);

    const reasonOf = async (proof: string) => {
      const res = await login(t, address, { ...credentials(teacher), proofOfWork: proof });
      challengeOf(res); // a fresh challenge comes with every refusal
      return res.json<{ error: { details: { message: string }[] } }>().error.details[0]!.message;
    };
    // Replayed: on this replica or (Redis) any other.
    expect(await reasonOf(proofOfWork)).toMatch(/already used/);

    const { solution } = JSON.parse(Buffer.from(proofOfWork, 'base64').toString()) as {
      solution: { counter: number; derivedKey: string };
    };
    // Altered: a lower cost than was signed.
    const cheaper = { ...challenge, parameters: { ...challenge.parameters, cost: 1 } };
    expect(await reasonOf(encodeProofOfWork(cheaper, solution))).toMatch(/not a valid solution/);
    // Wrong: a made-up key for a fresh challenge.
    const fresh = challengeOf(await login(t, address, credentials(teacher)));
    expect(await reasonOf(encodeProofOfWork(fresh, { counter: 1, derivedKey: 'ab'.repeat(32) }))).toMatch(
      /not a valid solution/,
    );
    // Forged: a challenge signed with another key, solved honestly.
    const forgedChallenge = await createChallenge({
      algorithm: PROOF_OF_WORK.algorithm,
      cost: PROOF_OF_WORK.cost,
      counter: 3,
      deriveKey,
      expiresAt: new Date(Date.now() + 60_000),
      hmacSignatureSecret: 'not-the-server-key',
      hmacKeySignatureSecret: 'not-the-server-key-either',
    });
    expect(await reasonOf(await solve(forgedChallenge))).toMatch(/not a valid solution/);
    // Expired: signed with the server's keys, but past its time.
    const secret = t.config.secrets.JWT_SECRET;
    const stale = await createChallenge({
      algorithm: PROOF_OF_WORK.algorithm,
      cost: PROOF_OF_WORK.cost,
      counter: 3,
      deriveKey,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
      hmacSignatureSecret: deriveSecret(secret, 'proof-of-work:challenge'),
      hmacKeySignatureSecret: deriveSecret(secret, 'proof-of-work:key'),
    });
    expect(await reasonOf(await solve(stale))).toMatch(/expired/);
    // Garbage.
    expect(await reasonOf(Buffer.from('{"challenge":1}').toString('base64'))).toMatch(/not a valid/);
  }, 180_000);

  it('[AUT-07] counts only failures against an account: right passwords in between do not use up its limit', async () => {
    const teacher = staff[3]!;
    const address = '203.0.113.40';
    const limit = SIGN_IN_LIMITS.accountAddress.limit;
    for (let i = 0; i < limit - 1; i++)
      expect((await login(t, address, credentials(teacher, `wrong-password-${i}`))).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) expect((await login(t, address, credentials(teacher))).statusCode).toBe(200);
    expect((await login(t, address, credentials(teacher, 'wrong-password-last'))).statusCode).toBe(401);
    const throttled = await login(t, address, credentials(teacher));
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toMatchObject({ error: { code: 'THROTTLED' } });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
  }, 120_000);

  it('[AUT-07] keeps guessing one account slow from any number of addresses: 50 failures an hour', async () => {
    const victim = await account(t, riverside, 'victim@riverside.test', [DefaultRole.Teacher]);
    const { limit } = SIGN_IN_LIMITS.account;
    const perAddress = SIGN_IN_LIMITS.accountAddress.limit;
    for (let a = 0; a < limit / perAddress; a++) {
      const answers = await Promise.all(
        Array.from({ length: perAddress }, (_, i) =>
          login(t, `198.18.${a}.1`, credentials(victim, `guess-${a}-${i}`)),
        ),
      );
      expect(answers.map((r) => r.statusCode)).toEqual(Array(perAddress).fill(401));
    }
    const fresh = await login(t, '198.18.99.1', credentials(victim, 'guess-next'));
    expect(fresh.statusCode).toBe(429);
    expect(fresh.json()).toMatchObject({ error: { code: 'THROTTLED' } });
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(15 * 60);
    expect(Number(fresh.headers['retry-after'])).toBeLessThanOrEqual(60 * 60);
    // The limit is the account's: its colleagues are untouched.
    expect((await login(t, '198.18.99.1', credentials(staff[4]!))).statusCode).toBe(200);
  }, 180_000);
});
