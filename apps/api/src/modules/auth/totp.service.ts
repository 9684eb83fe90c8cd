import { Injectable } from '@nestjs/common';
import { authenticator } from 'otplib';
import { SecretBox } from '../../platform/security/secret-box';
import { RequestContext } from '../../platform/tenancy/request-context';
import { User } from '../users/entities/user.entity';
import { UserCredentials } from '../users/user-credentials.service';

const STEP_SECONDS = 30;

authenticator.options = { step: STEP_SECONDS, window: 1, digits: 6 };

/**
 * AUT-06: RFC 6238 TOTP (otplib) with one step of clock drift either way, secrets sealed at rest, and each
 * code accepted once only. Sign-in, MFA management and re-authentication all check codes here.
 */
@Injectable()
export class TotpService {
  constructor(
    private readonly box: SecretBox,
    private readonly context: RequestContext,
    private readonly credentials: UserCredentials,
  ) {}

  newSecret(): string {
    return authenticator.generateSecret(20);
  }

  otpauthUri(secret: string, account: string, issuer: string): string {
    return authenticator.keyuri(account, issuer, secret);
  }

  seal(secret: string, tenantId: string, userId: string): string {
    return this.box.seal(secret, `users.mfa_secret:${tenantId}:${userId}`);
  }

  open(sealed: string, tenantId: string, userId: string): string {
    return this.box.open(sealed, `users.mfa_secret:${tenantId}:${userId}`);
  }

  /** The time step a code belongs to, or null when it matches none in the window. */
  matchingStep(code: string, secret: string, now = Date.now()): number | null {
    if (!/^[0-9]{6}$/.test(code)) return null;
    const delta = authenticator.checkDelta(code, secret);
    if (delta === null) return null;
    return Math.floor(now / 1000 / STEP_SECONDS) + delta;
  }

  /** Accepts a user's TOTP code once: its time step must be later than the last one used (AUT-06). */
  async accept(user: User, code: string): Promise<number | null> {
    if (!user.mfaSecret) return null;
    const secret = this.open(user.mfaSecret, this.context.tenantId, user.id);
    const step = this.matchingStep(code, secret);
    if (step === null) return null;
    return (await this.credentials.claimMfaStep(user.id, step)) === 1 ? step : null;
  }
}
