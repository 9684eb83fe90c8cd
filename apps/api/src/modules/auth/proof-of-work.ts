import { Inject, Injectable } from '@nestjs/common';
import type { ProofOfWorkChallenge } from '@shala/contracts';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { randomInt } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { AttemptWindows } from '../../platform/security/throttling';
import { deriveSecret } from '../../platform/security/tokens';

/**
 * The work a challenge asks for: PBKDF2-SHA256 at COST iterations per try, and the counter the client must
 * find drawn from a range that grows with the failures seen from the address. WebCrypto runs PBKDF2 natively,
 * so a browser pays about what an attacker's CPU pays. Measured on a 2-core build machine (Node, one thread):
 * about 0.1 s for the first level, 0.5 s for the second, 2 s for the third; a browser's worker is similar.
 */
export const PROOF_OF_WORK = {
  algorithm: 'PBKDF2/SHA-256',
  cost: 500,
  /** A challenge (and its solution) is good for this long, once. */
  ttlSeconds: 5 * 60,
  /** From this many failures in the address window on, the counter range of the level. */
  levels: [
    { failures: 500, counter: [8_000, 15_000] },
    { failures: 100, counter: [2_000, 5_000] },
    { failures: 0, counter: [500, 1_500] },
  ],
} as const;

export type Redemption = 'accepted' | 'missing' | 'invalid' | 'expired' | 'replayed';

/**
 * AUT-07: hashcash-style proof of work (ALTCHA v2 challenges through altcha-lib, solved by the SPA in a Web
 * Worker; no third-party service). Challenges are HMAC-signed with keys derived from JWT_SECRET, so any
 * replica verifies what another issued; each expires after 5 minutes and is accepted once (the redemption
 * is claimed in the shared AttemptWindows store, so a replay on another replica is refused too).
 */
@Injectable()
export class ProofOfWork {
  private readonly signatureSecret: string;
  private readonly keySecret: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly windows: AttemptWindows,
  ) {
    this.signatureSecret = deriveSecret(config.secrets.JWT_SECRET, 'proof-of-work:challenge');
    this.keySecret = deriveSecret(config.secrets.JWT_SECRET, 'proof-of-work:key');
  }

  /** A fresh challenge, harder the more failures the address has behind it. */
  async challenge(failures: number): Promise<ProofOfWorkChallenge> {
    const level = PROOF_OF_WORK.levels.find((l) => failures >= l.failures) ?? PROOF_OF_WORK.levels[2];
    const challenge: Challenge = await createChallenge({
      algorithm: PROOF_OF_WORK.algorithm,
      cost: PROOF_OF_WORK.cost,
      counter: randomInt(level.counter[0], level.counter[1] + 1),
      deriveKey,
      expiresAt: new Date(Date.now() + PROOF_OF_WORK.ttlSeconds * 1000),
      hmacSignatureSecret: this.signatureSecret,
      hmacKeySignatureSecret: this.keySecret,
    });
    return challenge;
  }

  /** Checks a `proofOfWork` field (base64 JSON of { challenge, solution }) and uses it up. */
  async redeem(encoded: string | undefined): Promise<Redemption> {
    if (!encoded) return 'missing';
    const payload = parsePayload(encoded);
    if (!payload) return 'invalid';
    const { challenge, solution } = payload;
    let result;
    try {
      result = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: this.signatureSecret,
        hmacKeySignatureSecret: this.keySecret,
      });
    } catch {
      return 'invalid';
    }
    if (result.expired) return 'expired';
    if (!result.verified) return 'invalid';
    // Ours always expire (and the signature covers expiresAt); the claim lasts until then and a bit.
    const ttlMs = challenge.parameters.expiresAt! * 1000 - Date.now() + 60_000;
    return (await this.windows.claimOnce(`pow:${challenge.signature}`, ttlMs)) ? 'accepted' : 'replayed';
  }
}

function parsePayload(encoded: string): { challenge: Challenge; solution: Solution } | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  const payload = value as { challenge?: Partial<Challenge>; solution?: Partial<Solution> } | null;
  const parameters = payload?.challenge?.parameters;
  if (
    typeof parameters !== 'object' ||
    parameters === null ||
    parameters.algorithm !== PROOF_OF_WORK.algorithm ||
    typeof parameters.expiresAt !== 'number' ||
    typeof payload?.challenge?.signature !== 'string' ||
    typeof payload.solution !== 'object' ||
    payload.solution === null
  )
    return null;
  return { challenge: payload.challenge as Challenge, solution: payload.solution as Solution };
}
