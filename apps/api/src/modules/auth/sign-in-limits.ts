import { Injectable, Optional } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { isIPv6 } from 'node:net';
import { randomUUID } from 'node:crypto';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { MFA_TOKEN_TTL_SECONDS, VerifiedMfaClaims } from '../../platform/security/access-tokens';
import { AttemptWindows, ThrottledError } from '../../platform/security/throttling';
import type { ShalaStore } from '../../platform/tenancy/request-context';
import { ChallengeRequiredError, UnauthenticatedError } from './auth.errors';
import { ProofOfWork, Redemption } from './proof-of-work';

const MINUTE = 60_000;

/**
 * AUT-07 limits of signing in. All windows slide, and only failures count: a sign-in that succeeds takes its
 * attempt back out, so staff signing in together never use up anything.
 *
 * - Password, per account (institution + email as typed, so unknown accounts behave the same, AUT-08):
 *   50 failures an hour from anywhere, and 10 per 15 minutes from one address; beyond them 429 THROTTLED
 *   with Retry-After. Guessing one account's password stays slow however many addresses an attacker has.
 * - Per address (IPv4, or the /64 of an IPv6 address): failed passwords, wrong MFA codes and invalid MFA
 *   tokens of the last 15 minutes. Never a block: from 20 on, a password sign-in from that address must
 *   carry a solved proof-of-work challenge (429 CHALLENGE_REQUIRED until it does), harder from 100 and from
 *   500 on. A school's staff behind one NAT keep signing in; a guesser pays for every try.
 * - MFA step, keyed only on the verified token: 10 wrong codes per MFA token (a token lives 5 minutes, so
 *   the 11th try is refused until it has expired: the user signs in with the password again), and 20 per
 *   user an hour across tokens (counted only for tokens that verified, which takes the password). A forged
 *   or unsigned token never reaches these counters, only the address's.
 */
export const SIGN_IN_LIMITS = {
  account: { limit: 50, windowMs: 60 * MINUTE },
  accountAddress: { limit: 10, windowMs: 15 * MINUTE },
  address: { windowMs: 15 * MINUTE, challengeFrom: 20, cap: 1_000 },
  mfaToken: { limit: 10, windowMs: (MFA_TOKEN_TTL_SECONDS + 60) * 1000 },
  mfaUser: { limit: 20, windowMs: 60 * MINUTE },
} as const;

type Limit = { limit: number; windowMs: number };

const REASONS: Record<Exclude<Redemption, 'accepted'>, string> = {
  missing: 'Solve this challenge and repeat the request with the solution as proofOfWork.',
  invalid: 'The proof of work was not a valid solution; solve this new challenge.',
  expired: 'The proof of work had expired; solve this new challenge.',
  replayed: 'That proof of work was already used; solve this new challenge.',
};

/**
 * The key of an address: an IPv4 address as is, an IPv6 address by its /64 (one subscriber's prefix, so
 * rotating through a prefix does not reset anything), IPv4-mapped IPv6 as IPv4.
 */
export function addressKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

@Injectable()
export class SignInLimits {
  constructor(
    private readonly windows: AttemptWindows,
    private readonly proofOfWork: ProofOfWork,
    private readonly cls: ClsService<ShalaStore>,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  private address(): string {
    return addressKey(this.cls.isActive() ? this.cls.get('ip') : null);
  }

  /** A password sign-in: proof of work when the address has failed often, then the per-account limits. */
  async password<T>(
    who: { institution: string; email: string; proofOfWork?: string },
    attempt: () => Promise<T>,
  ): Promise<T> {
    const address = this.address();
    await this.requireProofOfWork(address, who.proofOfWork);
    const account = `${who.institution.trim().toLowerCase()}:${who.email.trim().toLowerCase()}`;
    const id = randomUUID();
    const held = await this.reserve(id, [
      [`login:account:${account}`, SIGN_IN_LIMITS.account],
      [`login:account-address:${account}|${address}`, SIGN_IN_LIMITS.accountAddress],
    ]);
    return this.settle(id, held, address, attempt);
  }

  /** A code (or recovery code) against a verified MFA token: per token and per user, never per claim. */
  async mfa<T>(claims: VerifiedMfaClaims, attempt: () => Promise<T>): Promise<T> {
    const address = this.address();
    const id = randomUUID();
    const held = await this.reserve(
      id,
      [
        [`mfa:token:${claims.jti}`, SIGN_IN_LIMITS.mfaToken],
        [`mfa:user:${claims.tid}:${claims.sub}`, SIGN_IN_LIMITS.mfaUser],
      ],
      'Too many wrong codes; sign in with your password again in a few minutes.',
    );
    return this.settle(id, held, address, attempt);
  }

  /** A sign-in step that failed before it named anyone we could trust (a forged or expired MFA token). */
  async failedFromAddress(): Promise<void> {
    await this.countAddressFailure(this.address());
  }

  private async requireProofOfWork(address: string, proofOfWork: string | undefined): Promise<void> {
    const { windowMs, challengeFrom } = SIGN_IN_LIMITS.address;
    const failures = await this.windows.count(`address:${address}`, windowMs);
    if (failures < challengeFrom) return;
    const redemption = await this.proofOfWork.redeem(proofOfWork);
    if (redemption === 'accepted') return;
    this.metrics?.recordFailedLogin('challenge_required');
    throw new ChallengeRequiredError(await this.proofOfWork.challenge(failures), REASONS[redemption]);
  }

  /** Logs attempt `id` in every window, or none: refused with 429 when any is full. */
  private async reserve(id: string, windows: [string, Limit][], message?: string): Promise<string[]> {
    const held: string[] = [];
    for (const [key, { limit, windowMs }] of windows) {
      const hit = await this.windows.hit(key, id, windowMs, limit);
      if (!hit.allowed) {
        await this.release(id, held);
        this.metrics?.recordFailedLogin('throttled');
        const seconds = Math.max(1, Math.ceil(hit.retryAfterMs / 1000));
        throw new ThrottledError(seconds, message);
      }
      held.push(key);
    }
    return held;
  }

  /** Runs the attempt; a refusal (401) keeps its logged attempts and counts for the address. */
  private async settle<T>(
    id: string,
    held: string[],
    address: string,
    attempt: () => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      if (error instanceof UnauthenticatedError) await this.countAddressFailure(address);
      else await this.release(id, held);
      throw error;
    }
    await this.release(id, held);
    return result;
  }

  private async release(id: string, keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.windows.forget(key, id)));
  }

  private async countAddressFailure(address: string): Promise<void> {
    const { windowMs, cap } = SIGN_IN_LIMITS.address;
    await this.windows.hit(`address:${address}`, randomUUID(), windowMs, cap);
  }
}
