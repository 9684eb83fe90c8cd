import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, errors, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
export const MFA_TOKEN_TTL_SECONDS = 5 * 60;
const ISSUER = 'shala';
const AUDIENCE = 'shala-api';
const ALGORITHM = 'HS256';
/** Seconds of clock difference between replicas that expiry and issue times allow for. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Access tokens remembered as verified, at most (about 0.5 KB each). */
export const VERIFIED_ACCESS_TOKENS_MAX = 4096;

export interface AccessClaims {
  /** user id */
  sub: string;
  /** tenant (institution) id */
  tid: string;
  /** session id */
  sid: string;
}

export interface MfaClaims {
  sub: string;
  tid: string;
  /** What the holder may do next: verify a code, or enrol MFA first. */
  stage: 'verify' | 'enroll';
}

/** A verified MFA token: its claims and its own id, the key of its attempt limit (AUT-07). */
export interface VerifiedMfaClaims extends MfaClaims {
  /** Random per token (jti): one password sign-in's MFA step. */
  jti: string;
}

export class InvalidTokenError extends Error {}

/**
 * AUT-03: short-lived JWTs with the algorithm pinned to HS256 and issuer, audience, expiry and token type
 * checked. Access tokens and MFA tokens use different audiences, so one can never stand in for the other.
 * A token must carry iss, aud, iat and exp, and live no longer than we issue it for: one without an expiry,
 * or signed (with a leaked key or by a bug) to live longer, is refused.
 */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;
  /**
   * Access tokens this process verified, by their exact text, with the claims they carry: a client sends the
   * same token with every request for ten minutes, and checking its HMAC and claims again each time was 4 %
   * of a simple read's CPU (issue 18). Only a token that passed every check gets in, a hit must still be
   * within its lifetime (checked without the clock tolerance; one near its end is verified in full again),
   * and the oldest entry leaves when the map is full. Sessions are checked on every request regardless
   * (AUT-05), so signing out or revoking still ends a cached token at once.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; iat: number; exp: number }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new TextEncoder().encode(config.secrets.JWT_SECRET);
  }

  private sign(
    claims: Record<string, string>,
    audience: string,
    ttlSeconds: number,
    jti?: string,
  ): Promise<string> {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`);
    return (jti ? jwt.setJti(jti) : jwt).sign(this.key);
  }

  private async verify(
    token: string,
    audience: string,
    ttlSeconds: number,
  ): Promise<Record<string, unknown>> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['iss', 'aud', 'iat', 'exp', 'sub'],
        // Refuses an iat older than the lifetime, and one in the future.
        maxTokenAge: ttlSeconds,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(error.code);
      throw new InvalidTokenError('malformed');
    }
    const { iat, exp } = payload as { iat: number; exp: number };
    const now = Math.floor(Date.now() / 1000);
    // jose checks exp is not past, but not that it is near: no token of ours lives longer than its ttl.
    if (exp - iat > ttlSeconds || exp > now + ttlSeconds + CLOCK_TOLERANCE_SECONDS)
      throw new InvalidTokenError('lifetime');
    return payload;
  }

  issueAccess(claims: AccessClaims): Promise<string> {
    return this.sign(
      { sub: claims.sub, tid: claims.tid, sid: claims.sid },
      AUDIENCE,
      ACCESS_TOKEN_TTL_SECONDS,
    );
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const hit = this.verified.get(token);
    if (hit) {
      const now = Date.now() / 1000;
      if (now < hit.exp && now - hit.iat <= ACCESS_TOKEN_TTL_SECONDS) return hit.claims;
      this.verified.delete(token);
    }
    const p = await this.verify(token, AUDIENCE, ACCESS_TOKEN_TTL_SECONDS);
    if (typeof p.sub !== 'string' || typeof p.tid !== 'string' || typeof p.sid !== 'string')
      throw new InvalidTokenError('claims');
    const claims: AccessClaims = { sub: p.sub, tid: p.tid, sid: p.sid };
    if (this.verified.size >= VERIFIED_ACCESS_TOKENS_MAX) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { claims, iat: p.iat as number, exp: p.exp as number });
    return claims;
  }

  /** How many verified access tokens are remembered (for tests of the bound). */
  get rememberedCount(): number {
    return this.verified.size;
  }

  /** Each MFA token gets its own random id, so its attempts are counted per token, never per claimed user. */
  issueMfa(claims: MfaClaims): Promise<string> {
    return this.sign(
      { sub: claims.sub, tid: claims.tid, stage: claims.stage },
      `${AUDIENCE}:mfa`,
      MFA_TOKEN_TTL_SECONDS,
      randomUUID(),
    );
  }

  async verifyMfa(token: string): Promise<VerifiedMfaClaims> {
    const p = await this.verify(token, `${AUDIENCE}:mfa`, MFA_TOKEN_TTL_SECONDS);
    if (
      typeof p.sub !== 'string' ||
      typeof p.tid !== 'string' ||
      typeof p.jti !== 'string' ||
      !p.jti ||
      (p.stage !== 'verify' && p.stage !== 'enroll')
    ) {
      throw new InvalidTokenError('claims');
    }
    return { sub: p.sub, tid: p.tid, stage: p.stage, jti: p.jti };
  }
}
