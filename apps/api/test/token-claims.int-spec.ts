import { DefaultRole } from '@shala/contracts';
import { SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { Account, account, signIn, totp } from './support/accounts';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** Hand-signed tokens with the server's key: only the claims decide whether they pass. */
describe(`token claims on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  let teacher: Account;
  let admin: Account;
  let key: Uint8Array;
  const now = () => Math.floor(Date.now() / 1000);

  /** Signs `claims` as they are: nothing added, so a test can leave out exp, iat, iss or aud. */
  const sign = (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    await t.given.institution('riverside');
    teacher = await account(t, greenwood, 'teacher@greenwood.test', [DefaultRole.Teacher]);
    admin = await account(t, greenwood, 'admin@greenwood.test', [DefaultRole.SchoolAdmin], true);
    key = new TextEncoder().encode(t.config.secrets.JWT_SECRET);
  });
  afterAll(async () => {
    await t.close();
  });

  it('[AUT-03] refuses access tokens without exp, iat, iss or aud, or that would live longer than 10 minutes', async () => {
    const { accessToken } = await signIn(t, teacher);
    const issued = JSON.parse(
      Buffer.from(accessToken.split('.')[1]!, 'base64url').toString(),
    ) as JWTPayload & {
      tid: string;
      sid: string;
    };
    const identity = { sub: teacher.id, tid: greenwood.id, sid: issued.sid };
    const good = { ...identity, iss: 'shala', aud: 'shala-api', iat: now(), exp: now() + 300 };
    const me = async (claims: JWTPayload) =>
      (await t.request({ url: '/api/v1/me', headers: { authorization: `Bearer ${await sign(claims)}` } }))
        .statusCode;

    // The control: the same session, hand-signed with every claim right, is accepted.
    expect(await me(good)).toBe(200);

    const without = (name: keyof typeof good) => {
      const copy: JWTPayload = { ...good };
      delete copy[name];
      return copy;
    };
    const refused = {
      'no exp': await me(without('exp')),
      'no iat': await me(without('iat')),
      'no iss': await me(without('iss')),
      'no aud': await me(without('aud')),
      'no sub': await me(without('sub')),
      'exp a day ahead': await me({ ...good, exp: now() + 86_400 }),
      'exp 100 years ahead': await me({ ...good, exp: now() + 100 * 365 * 86_400 }),
      'lives 11 minutes': await me({ ...good, exp: now() + 660 }),
      'issued in the future': await me({ ...good, iat: now() + 120, exp: now() + 300 }),
      'issued 20 minutes ago': await me({ ...good, iat: now() - 1200, exp: now() + 60 }),
      'exp not a number': await me({ ...good, exp: String(now() + 300) as unknown as number }),
    };
    expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, 401])));
  });

  it('[AUT-03] [AUT-06] refuses MFA tokens without exp, iat, iss, aud or jti, or that would live longer than 5 minutes', async () => {
    const good = {
      sub: admin.id,
      tid: greenwood.id,
      stage: 'verify',
      jti: 'a-session-of-our-own',
      iss: 'shala',
      aud: 'shala-api:mfa',
      iat: now(),
      exp: now() + 120,
    };
    const without = (name: keyof typeof good) => {
      const copy: JWTPayload = { ...good };
      delete copy[name];
      return copy;
    };
    const verify = async (claims: JWTPayload, code = '000000') => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/auth/mfa/verify',
        payload: { mfaToken: await sign(claims), code },
        remoteAddress: '10.30.0.1',
      });
      return res.statusCode === 401
        ? (res.json<{ error: { code: string } }>().error.code as string)
        : res.statusCode;
    };
    const refused = {
      'no exp': await verify(without('exp')),
      'no iat': await verify(without('iat')),
      'no iss': await verify(without('iss')),
      'no aud': await verify(without('aud')),
      'no jti': await verify(without('jti')),
      'exp a day ahead': await verify({ ...good, exp: now() + 86_400 }),
      'lives 6 minutes': await verify({ ...good, exp: now() + 360 }),
    };
    expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, 'MFA_TOKEN_INVALID'])));
    // The control: with every claim right, the token gets as far as the code, and the right code signs in.
    expect(await verify(good)).toBe('INVALID_MFA_CODE');
    expect(await verify(good, totp(admin.totpSecret!, 0))).toBe(200);
  });
});
