import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { User } from '../users/entities/user.entity';
import { UserCredentials } from '../users/user-credentials.service';
import { AuthErrorCode, InvalidMfaCodeError, UnauthenticatedError } from './auth.errors';
import { RecoveryCodesRepository } from './auth.repositories';
import { ReauthenticationService } from './reauthentication.service';
import { TotpService } from './totp.service';

export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * AUT-06: a user's MFA: enrolling an authenticator (TOTP secrets sealed at rest, see TotpService), turning it
 * off, and 10 single-use recovery codes stored as keyed hashes. Every change is audited.
 */
@Injectable()
export class MfaService {
  private readonly pepper: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly totp: TotpService,
    private readonly credentials: UserCredentials,
    private readonly institution: CurrentInstitution,
    private readonly reauthentication: ReauthenticationService,
    private readonly recoveryCodes: RecoveryCodesRepository,
    private readonly audit: AuditService,
  ) {
    this.pepper = config.secrets.PASSWORD_PEPPER;
  }

  // --- Enrolment: at a forced sign-in step (LoginService) or by a signed-in user --------------------

  /** Keeps a new secret pending on the user until a code from it is confirmed. */
  async startEnrolment(user: User, institutionName: string): Promise<{ secret: string; otpauthUri: string }> {
    const secret = this.totp.newSecret();
    await this.credentials.setPendingMfaSecret(
      user.id,
      this.totp.seal(secret, this.context.tenantId, user.id),
    );
    return { secret, otpauthUri: this.totp.otpauthUri(secret, user.email, `Shala (${institutionName})`) };
  }

  /** Turns MFA on with the pending secret once a code from it matches; returns the recovery codes. */
  async confirmEnrolment(user: User, code: string): Promise<string[]> {
    const fresh = await this.credentials.byId(user.id);
    if (!fresh?.mfaPendingSecret)
      throw new ValidationFailedError([{ field: 'code', message: 'start MFA enrolment first' }]);
    const secret = this.totp.open(fresh.mfaPendingSecret, this.context.tenantId, user.id);
    const step = this.totp.matchingStep(code, secret);
    if (step === null || step <= fresh.mfaLastStep)
      throw new UnauthenticatedError(
        AuthErrorCode.InvalidMfaCode,
        'That code is not right; check the time on your phone and try again.',
      );
    return this.db.transaction(async () => {
      await this.credentials.enableMfa(user.id, this.totp.seal(secret, this.context.tenantId, user.id), step);
      const codes = await this.issueRecoveryCodes(user.id);
      await this.audit.record({
        action: 'auth.mfa_enabled',
        targetType: 'user',
        targetId: user.id,
        actorUserId: user.id,
      });
      return codes;
    });
  }

  async startSetup(): Promise<{ secret: string; otpauthUri: string }> {
    const user = (await this.credentials.byId(this.context.userId!))!;
    if (user.mfaEnabled)
      throw new ValidationFailedError([
        { field: 'mfa', message: 'MFA is already on; turn it off first to enrol a new device' },
      ]);
    return this.startEnrolment(user, await this.institution.name());
  }

  async confirmSetup(code: string): Promise<{ recoveryCodes: string[] }> {
    const user = (await this.credentials.byId(this.context.userId!))!;
    if (user.mfaEnabled) throw new ValidationFailedError([{ field: 'mfa', message: 'MFA is already on' }]);
    return { recoveryCodes: await this.confirmEnrolment(user, code) };
  }

  /** Turning MFA off needs the password and a current code (re-authentication). */
  async disable(password: string, code: string): Promise<void> {
    const user = await this.reauthentication.reauthenticate(password, code);
    if (!user.mfaEnabled) throw new InvalidMfaCodeError();
    await this.db.transaction(async () => {
      await this.credentials.disableMfa(user.id);
      await this.removeRecoveryCodes(user.id);
      await this.audit.record({ action: 'auth.mfa_disabled', targetType: 'user', targetId: user.id });
    });
  }

  // --- Recovery codes ----------------------------------------------------------------------------

  async regenerateRecoveryCodes(password: string): Promise<{ recoveryCodes: string[] }> {
    const user = await this.reauthentication.reauthenticate(password);
    if (!user.mfaEnabled) throw new ValidationFailedError([{ field: 'mfa', message: 'turn MFA on first' }]);
    return this.db.transaction(async () => {
      const recoveryCodes = await this.issueRecoveryCodes(user.id);
      await this.audit.record({
        action: 'auth.recovery_codes_regenerated',
        targetType: 'user',
        targetId: user.id,
      });
      return { recoveryCodes };
    });
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
