import { Injectable } from '@nestjs/common';
import { AuthErrorCode, type ErrorDetail } from '@shala/contracts';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { RequestContext } from '../../platform/tenancy/request-context';
import { MfaService } from '../auth/mfa.service';
import { UserCredentials } from './user-credentials.service';
import { ReauthenticationFailedError, ReauthenticationRequiredError } from './users.errors';

/**
 * AUT-06: the signed-in user proves, for one sensitive action, that they are at the keyboard: their current
 * password, and a fresh TOTP code when their MFA is on (a code is accepted once only). The password check is
 * the shared PasswordHasher; the code check uses MfaService and claims the time step like sign-in does.
 */
@Injectable()
export class ActorReauthentication {
  constructor(
    private readonly context: RequestContext,
    private readonly credentials: UserCredentials,
    private readonly hasher: PasswordHasher,
    private readonly mfa: MfaService,
  ) {}

  async confirm(input: { currentPassword?: string; code?: string }): Promise<void> {
    const actor = await this.credentials.byId(this.context.userId!);
    const missing: ErrorDetail[] = [];
    if (!input.currentPassword)
      missing.push({ field: 'currentPassword', message: 'enter your current password' });
    if (actor?.mfaEnabled && !input.code)
      missing.push({ field: 'code', message: 'enter the code from your authenticator app' });
    if (missing.length > 0) throw new ReauthenticationRequiredError(missing);
    if (!actor?.passwordHash || !(await this.hasher.verify(input.currentPassword!, actor.passwordHash)))
      throw new ReauthenticationFailedError(AuthErrorCode.ReauthenticationFailed);
    if (!actor.mfaEnabled) return;
    const step = actor.mfaSecret
      ? this.mfa.matchingStep(input.code!, this.mfa.open(actor.mfaSecret, this.context.tenantId, actor.id))
      : null;
    if (step === null || (await this.credentials.claimMfaStep(actor.id, step)) !== 1)
      throw new ReauthenticationFailedError(AuthErrorCode.InvalidMfaCode);
  }
}
