import { Inject, Injectable } from '@nestjs/common';
import { authenticator } from 'otplib';
import { createHmac, randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { SecretBox } from '../../platform/security/secret-box';
import { RecoveryCodesRepository } from './auth.repositories';

export const RECOVERY_CODE_COUNT = 10;
const STEP_SECONDS = 30;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

authenticator.options = { step: STEP_SECONDS, window: 1, digits: 6 };

/**
 * AUT-06: RFC 6238 TOTP (otplib) with one step of clock drift either way, secrets sealed at rest, and
 * 10 single-use recovery codes stored as keyed hashes.
 */
@Injectable()
export class MfaService {
  private readonly pepper: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly box: SecretBox,
    private readonly recoveryCodes: RecoveryCodesRepository,
  ) {
    this.pepper = config.secrets.PASSWORD_PEPPER;
  }

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

  private hashRecovery(code: string): string {
    const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '');
    return createHmac('sha256', this.pepper).update(`recovery|${normalised}`).digest('hex');
  }

  /** Issues a fresh set of recovery codes, replacing any earlier set; returns them once, in clear. */
  async issueRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const chars = Array.from(
        { length: 10 },
        () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
      ).join('');
      return `${chars.slice(0, 5)}-${chars.slice(5)}`;
    });
    await this.recoveryCodes.replaceFor(
      userId,
      codes.map((c) => this.hashRecovery(c)),
      codes.map(() => uuidv7()),
      new Date(),
    );
    return codes;
  }

  /** Uses up one recovery code; false when it is unknown or already used. */
  async consumeRecoveryCode(userId: string, code: string): Promise<boolean> {
    const row = await this.recoveryCodes.findUnused(userId, this.hashRecovery(code));
    if (!row) return false;
    return (await this.recoveryCodes.markUsed(row.id, new Date())) === 1;
  }

  remainingRecoveryCodes(userId: string): Promise<number> {
    return this.recoveryCodes.countUnused(userId);
  }

  removeRecoveryCodes(userId: string): Promise<number> {
    return this.recoveryCodes.removeAllOf(userId);
  }
}
