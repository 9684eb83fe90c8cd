import { Injectable } from '@nestjs/common';
import { type ErrorDetail } from '@shala/contracts';
import { RequestContext } from '../../platform/tenancy/request-context';
import { ReauthenticationService } from '../auth/reauthentication.service';
import { UserCredentials } from '../users/user-credentials.service';
import { ReauthenticationRequiredError } from '../users/users.errors';

/**
 * AUT-06: the signed-in user proves, for one sensitive action, that they are at the keyboard: their current
 * password, and a fresh TOTP code when their MFA is on. A missing answer is 403 REAUTHENTICATION_REQUIRED;
 * the check itself is auth's ReauthenticationService (401 REAUTHENTICATION_FAILED or INVALID_MFA_CODE).
 */
@Injectable()
export class ActorReauthentication {
  constructor(
    private readonly context: RequestContext,
    private readonly credentials: UserCredentials,
    private readonly reauthentication: ReauthenticationService,
  ) {}

  async confirm(input: { currentPassword?: string; code?: string }): Promise<void> {
    const actor = await this.credentials.byId(this.context.userId!);
    const missing: ErrorDetail[] = [];
    if (!input.currentPassword)
      missing.push({ field: 'currentPassword', message: 'enter your current password' });
    if (actor?.mfaEnabled && !input.code)
      missing.push({ field: 'code', message: 'enter the code from your authenticator app' });
    if (missing.length > 0) throw new ReauthenticationRequiredError(missing);
    // The refused action is audited by the caller, so a wrong password is not audited a second time here.
    await this.reauthentication.reauthenticate(input.currentPassword!, input.code, {
      auditFailure: false,
    });
  }
}
