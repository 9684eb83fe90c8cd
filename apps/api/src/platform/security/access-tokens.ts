import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, errors, jwtVerify } from 'jose';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
export const MFA_TOKEN_TTL_SECONDS = 5 * 60;
const ISSUER = 'shala';
const AUDIENCE = 'shala-api';
const ALGORITHM = 'HS256';

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

export class InvalidTokenError extends Error {}

/**
 * AUT-03: short-lived JWTs with the algorithm pinned to HS256 and issuer, audience, expiry and token type
 * checked. Access tokens and MFA tokens use different audiences, so one can never stand in for the other.
 */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new TextEncoder().encode(config.secrets.JWT_SECRET);
  }

  private sign(claims: Record<string, string>, audience: string, ttlSeconds: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  private async verify(token: string, audience: string): Promise<Record<string, unknown>> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience,
        clockTolerance: 5,
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(error.code);
      throw new InvalidTokenError('malformed');
    }
  }

  issueAccess(claims: AccessClaims): Promise<string> {
    return this.sign(
      { sub: claims.sub, tid: claims.tid, sid: claims.sid },
      AUDIENCE,
      ACCESS_TOKEN_TTL_SECONDS,
    );
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const p = await this.verify(token, AUDIENCE);
    if (typeof p.sub !== 'string' || typeof p.tid !== 'string' || typeof p.sid !== 'string')
      throw new InvalidTokenError('claims');
    return { sub: p.sub, tid: p.tid, sid: p.sid };
  }

  issueMfa(claims: MfaClaims): Promise<string> {
    return this.sign(
      { sub: claims.sub, tid: claims.tid, stage: claims.stage },
      `${AUDIENCE}:mfa`,
      MFA_TOKEN_TTL_SECONDS,
    );
  }

  async verifyMfa(token: string): Promise<MfaClaims> {
    const p = await this.verify(token, `${AUDIENCE}:mfa`);
    if (
      typeof p.sub !== 'string' ||
      typeof p.tid !== 'string' ||
      (p.stage !== 'verify' && p.stage !== 'enroll')
    ) {
      throw new InvalidTokenError('claims');
    }
    return { sub: p.sub, tid: p.tid, stage: p.stage };
  }
}
