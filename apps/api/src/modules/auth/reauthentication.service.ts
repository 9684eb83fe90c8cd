import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/entities/user.entity';
import { UserCredentials } from '../users/user-credentials.service';
import { AuthErrorCode, InvalidMfaCodeError, UnauthenticatedError } from './auth.errors';
import { TotpService } from './totp.service';

/**
 * AUT-06: the signed-in user proves, for one sensitive action, that they are at the keyboard: their current
 * password, and, when a code is given and their MFA is on, a fresh TOTP code (accepted once, like sign-in).
 */
@Injectable()
export class ReauthenticationService {
  constructor(
    private readonly context: RequestContext,
    private readonly credentials: UserCredentials,
    private readonly hasher: PasswordHasher,
    private readonly totp: TotpService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Returns the signed-in user, or throws 401 REAUTHENTICATION_FAILED (password) or INVALID_MFA_CODE.
   * A wrong password is audited as `auth.reauthenticate` unless `auditFailure` is false.
   */
  async reauthenticate(
    password: string,
    code?: string,
    { auditFailure = true }: { auditFailure?: boolean } = {},
  ): Promise<User> {
    const user = await this.credentials.byId(this.context.userId!);
    if (!user?.passwordHash || !(await this.hasher.verify(password, user.passwordHash))) {
      if (auditFailure)
        await this.audit.record({
          action: 'auth.reauthenticate',
          outcome: 'failure',
          targetType: 'user',
          targetId: user?.id,
        });
      throw new UnauthenticatedError(AuthErrorCode.ReauthFailed, 'Your current password is not right.');
    }
    if (code !== undefined && user.mfaEnabled && (await this.totp.accept(user, code)) === null)
      throw new InvalidMfaCodeError();
    return user;
  }
}
