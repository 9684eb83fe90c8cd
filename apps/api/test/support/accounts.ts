import { DEMO_TOTP_SECRET } from '@shala/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { authenticator } from 'otplib';
import { TotpService } from '../../src/modules/auth/totp.service';
import type { Institution } from '../../src/modules/institutions/entities/institution.entity';
import { UserAccounts } from '../../src/modules/access/user-accounts.service';
import { UserCredentials } from '../../src/modules/users/user-credentials.service';
import type { TestApp } from './test-app';

export const PASSWORD = 'a-long-test-passphrase-42';

export interface Account {
  id: string;
  email: string;
  slug: string;
  password: string;
  totpSecret: string | null;
}

/** A TOTP code for `secret`, `steps` time steps away from now. */
export function totp(secret: string, steps = 0): string {
  const a = authenticator.clone({ epoch: Date.now() + steps * 30_000 });
  return a.generate(secret);
}

const currentStep = () => Math.floor(Date.now() / 30_000);

/** An account with a password, and MFA enrolled with the demo secret when `mfa` is set. */
export async function account(
  t: TestApp,
  institution: Institution,
  email: string,
  roles: string[],
  mfa = false,
): Promise<Account> {
  const users = t.app.get(UserAccounts);
  const credentials = t.app.get(UserCredentials);
  const totp = t.app.get(TotpService);
  const id = await t.context.runAsTenant(institution.id, async () => {
    const user = await users.create({
      email,
      displayName: email.split('@')[0]!,
      password: PASSWORD,
      roleKeys: roles,
    });
    if (mfa) await credentials.enableMfa(user.id, totp.seal(DEMO_TOTP_SECRET, institution.id, user.id), 0);
    return user.id;
  });
  return { id, email, slug: institution.slug, password: PASSWORD, totpSecret: mfa ? DEMO_TOTP_SECRET : null };
}

export function refreshCookieOf(res: LightMyRequestResponse): string | undefined {
  return (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'shala_refresh')?.value;
}

export interface Signed {
  accessToken: string;
  refresh: string;
  auth: Record<string, string>;
}

/** Password (+ TOTP when enrolled) sign-in; each call uses a fresh TOTP step offset to avoid replay. */
export async function signIn(
  t: TestApp,
  a: Account,
  remoteAddress = '10.9.0.1',
  stepOffset = 0,
): Promise<Signed> {
  const login = await t.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { institution: a.slug, email: a.email, password: a.password },
    remoteAddress,
  });
  let res = login;
  if (login.json<{ mfaRequired?: boolean }>().mfaRequired) {
    const verify = () =>
      t.request({
        method: 'POST',
        url: '/api/v1/auth/mfa/verify',
        payload: {
          mfaToken: login.json<{ mfaToken: string }>().mfaToken,
          code: totp(a.totpSecret!, stepOffset),
        },
        remoteAddress,
      });
    const step = currentStep();
    res = await verify();
    // A code for an earlier step (stepOffset < 0) falls out of the server's window when a 30 s step ends
    // between making the code and checking it: once, make it again for the new step.
    if (res.statusCode === 401 && currentStep() !== step) res = await verify();
  }
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const accessToken = res.json<{ accessToken: string }>().accessToken;
  return { accessToken, refresh: refreshCookieOf(res)!, auth: { authorization: `Bearer ${accessToken}` } };
}
