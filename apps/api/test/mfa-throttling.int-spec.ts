import { DefaultRole } from '@shala/contracts';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { SIGN_IN_LIMITS } from '../src/modules/auth/sign-in-limits';
import { Account, account, totp } from './support/accounts';
import { challengeOf, login, solve } from './support/sign-in-attempts';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const credentials = (a: Account) => ({ institution: a.slug, email: a.email, password: a.password });

describe(`MFA throttling on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  const verify = (remoteAddress: string, payload: object) =>
    t.request({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload, remoteAddress });
  const mfaTokenOf = async (a: Account, remoteAddress: string) => {
    const res = await login(t, remoteAddress, credentials(a));
    expect(res.json(), res.body).toMatchObject({ mfaRequired: true });
    return res.json<{ mfaToken: string }>().mfaToken;
  };
  /** A wrong code for `a` right now (the codes of the accepted window are avoided). */
  const wrongCode = (a: Account, i: number) => {
    const near = new Set([-1, 0, 1].map((s) => totp(a.totpSecret!, s)));
    let code = String(100000 + i * 7919);
    while (near.has(code)) code = String(Number(code) + 1);
    return code;
  };

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    await t.given.institution('riverside');
  });
  afterAll(async () => {
    await t.close();
  });

  it('[AUT-07] cannot be locked out of MFA by hundreds of forged MFA tokens that name the user', async () => {
    const victim = await account(t, greenwood, 'admin@greenwood.test', [DefaultRole.SchoolAdmin], true);
    const attacker = '203.0.113.66';
    const claims = { sub: victim.id, tid: greenwood.id, stage: 'verify', jti: 'guessed-session-id' };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
      ...claims,
      iss: 'shala',
      aud: 'shala-api:mfa',
      iat: now,
      exp: now + 300,
    })}.`;
    const wrongKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('shala')
      .setAudience('shala-api:mfa')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('an-attacker-key-that-is-long-enough-0123456789'));
    const forged = [unsigned, wrongKey];

    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const res = await verify(attacker, { mfaToken: forged[i % 2]!, code: String(100000 + i) });
      statuses.add(res.statusCode);
    }
    // Every forged token is refused as such; none is counted against the user it names.
    expect([...statuses]).toEqual([401]);

    // The real user, elsewhere, signs in and completes MFA at once.
    const elsewhere = '198.51.100.66';
    const res = await verify(elsewhere, {
      mfaToken: await mfaTokenOf(victim, elsewhere),
      code: totp(victim.totpSecret!, 0),
    });
    expect(res.statusCode, res.body).toBe(200);

    // Even behind the attacker's own address (a shared NAT) the user gets in: the address only has to
    // show a proof of work at the password step.
    const challenge = challengeOf(await login(t, attacker, credentials(victim)));
    const login2 = await login(t, attacker, { ...credentials(victim), proofOfWork: await solve(challenge) });
    expect(login2.json(), login2.body).toMatchObject({ mfaRequired: true });
    const res2 = await verify(attacker, {
      mfaToken: login2.json<{ mfaToken: string }>().mfaToken,
      code: totp(victim.totpSecret!, 1),
    });
    expect(res2.statusCode, res2.body).toBe(200);
  }, 180_000);

  it('[AUT-07] [AUT-06] spends an MFA token after 10 wrong codes: even the right code is refused until the user signs in again', async () => {
    const user = await account(t, greenwood, 'accountant@greenwood.test', [DefaultRole.Accountant], true);
    const mfaToken = await mfaTokenOf(user, '10.20.0.1');
    const limit = SIGN_IN_LIMITS.mfaToken.limit;
    // From several addresses: the count is the token's, not an address's.
    for (let i = 0; i < limit; i++) {
      const res = await verify(`10.20.1.${i}`, { mfaToken, code: wrongCode(user, i) });
      expect(res.json()).toMatchObject({ error: { code: 'INVALID_MFA_CODE' } });
    }
    const spent = await verify('10.20.2.1', { mfaToken, code: totp(user.totpSecret!, 0) });
    expect(spent.statusCode).toBe(429);
    expect(spent.json()).toMatchObject({ error: { code: 'THROTTLED' } });
    expect(Number(spent.headers['retry-after'])).toBeGreaterThan(0);

    // A fresh password sign-in brings a fresh token, and the right code works.
    const fresh = await verify('10.20.0.1', {
      mfaToken: await mfaTokenOf(user, '10.20.0.1'),
      code: totp(user.totpSecret!, 0),
    });
    expect(fresh.statusCode, fresh.body).toBe(200);
  }, 120_000);

  it('[AUT-07] limits wrong codes per verified user across fresh MFA tokens: 20 an hour', async () => {
    const user = await account(t, greenwood, 'bursar@greenwood.test', [DefaultRole.Accountant], true);
    const perToken = SIGN_IN_LIMITS.mfaToken.limit;
    // Each round from another address: the count is the user's (from verified tokens), not an address's.
    for (let round = 0; round < SIGN_IN_LIMITS.mfaUser.limit / perToken; round++) {
      const address = `10.21.${round}.1`;
      const mfaToken = await mfaTokenOf(user, address);
      for (let i = 0; i < perToken; i++) {
        const res = await verify(address, { mfaToken, code: wrongCode(user, round * 10 + i) });
        expect(res.statusCode).toBe(401);
      }
    }
    const next = await verify('10.21.99.1', {
      mfaToken: await mfaTokenOf(user, '10.21.99.1'),
      code: totp(user.totpSecret!, 0),
    });
    expect(next.statusCode).toBe(429);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(15 * 60);
  }, 120_000);

  it('[AUT-07] counts wrong codes in forced enrolment against the MFA token too', async () => {
    const admin = await account(t, greenwood, 'newadmin@greenwood.test', [DefaultRole.SchoolAdmin]);
    const res = await login(t, '10.22.0.1', credentials(admin));
    const mfaToken = res.json<{ mfaEnrollmentRequired: boolean; mfaToken: string }>().mfaToken;
    const started = await t.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrollment',
      payload: { mfaToken },
      remoteAddress: '10.22.0.1',
    });
    const { secret } = started.json<{ secret: string }>();
    const confirm = (code: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/auth/mfa/enrollment/confirm',
        payload: { mfaToken, code },
        remoteAddress: '10.22.0.1',
      });
    for (let i = 0; i < SIGN_IN_LIMITS.mfaToken.limit; i++)
      expect((await confirm(wrongCode({ ...admin, totpSecret: secret }, i))).statusCode).toBe(401);
    expect((await confirm(totp(secret, 0))).statusCode).toBe(429);
  }, 120_000);
});
