import { DefaultRole, type ProofOfWorkChallenge } from '@shala/contracts';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { LightMyRequestResponse } from 'fastify';
import type { Institution } from '../../src/modules/institutions/entities/institution.entity';
import { UserCredentials } from '../../src/modules/users/user-credentials.service';
import { PasswordHasher } from '../../src/platform/security/password-hasher';
import { Account, PASSWORD } from './accounts';
import type { TestApp } from './test-app';

/** POST /api/v1/auth/login from `remoteAddress`. */
export function login(
  t: TestApp,
  remoteAddress: string,
  body: { institution: string; email: string; password: string; proofOfWork?: string },
): Promise<LightMyRequestResponse> {
  return t.request({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress });
}

/** `n` failed sign-ins from `remoteAddress`, each for a different (unknown) account, `batch` at a time. */
export async function failSignIns(t: TestApp, remoteAddress: string, n: number, batch = 5): Promise<void> {
  for (let i = 0; i < n; i += batch) {
    const answers = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, (_, j) =>
        login(t, remoteAddress, {
          institution: 'nowhere',
          email: `ghost${i + j}@nowhere.test`,
          password: 'not-the-password-1',
        }),
      ),
    );
    for (const res of answers)
      if (res.statusCode !== 401) throw new Error(`expected a failed sign-in: ${res.statusCode} ${res.body}`);
  }
}

/**
 * `n` failed sign-in steps from `remoteAddress` that cost no bcrypt: MFA verifications with an unsigned
 * token. They count for the address like failed passwords (and against no account).
 */
export async function failMfaSteps(t: TestApp, remoteAddress: string, n: number): Promise<void> {
  const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
  for (let i = 0; i < n; i++) {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      payload: { mfaToken: unsigned, code: '123456' },
      remoteAddress,
    });
    if (res.statusCode !== 401) throw new Error(`expected a failed MFA step: ${res.statusCode} ${res.body}`);
  }
}

/** `n` active accounts sharing PASSWORD, hashed once (bcrypt at cost 12 is slow enough once). */
export async function staffAccounts(
  t: TestApp,
  institution: Institution,
  n: number,
  roles: string[] = [DefaultRole.Teacher],
): Promise<Account[]> {
  const hash = await t.app.get(PasswordHasher).hash(PASSWORD);
  const credentials = t.app.get(UserCredentials);
  const accounts: Account[] = [];
  for (let i = 0; i < n; i++) {
    const email = `staff${i}@${institution.slug}.test`;
    const user = await t.given.user(institution, email, roles);
    await t.context.runAsTenant(institution.id, () => credentials.activateWithPassword(user.id, hash));
    accounts.push({ id: user.id, email, slug: institution.slug, password: PASSWORD, totpSecret: null });
  }
  return accounts;
}

/** The challenge of a 429 CHALLENGE_REQUIRED answer. */
export function challengeOf(res: LightMyRequestResponse): ProofOfWorkChallenge {
  const body = res.json<{ error: { code: string; details?: { challenge?: ProofOfWorkChallenge }[] } }>();
  const challenge = body.error.details?.[0]?.challenge;
  if (res.statusCode !== 429 || body.error.code !== 'CHALLENGE_REQUIRED' || !challenge)
    throw new Error(`expected CHALLENGE_REQUIRED: ${res.statusCode} ${res.body}`);
  return challenge;
}

/** Solves a challenge the way the SPA does, and encodes it as the `proofOfWork` field. */
export async function solve(challenge: ProofOfWorkChallenge): Promise<string> {
  const solution = await solveChallenge({ challenge: challenge as Challenge, deriveKey });
  if (!solution) throw new Error('the challenge could not be solved');
  return encodeProofOfWork(challenge, { counter: solution.counter, derivedKey: solution.derivedKey });
}

export function encodeProofOfWork(
  challenge: ProofOfWorkChallenge,
  solution: { counter: number; derivedKey: string },
): string {
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}
