import { AccessErrorCode, type ErrorDetail } from '@shala/contracts';
import { DomainError } from '../../platform/errors/domain-error';

/** 403 REAUTHENTICATION_REQUIRED: the action needs the caller's password (and TOTP code) in the body. */
export class ReauthenticationRequiredError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super(
      403,
      AccessErrorCode.ReauthenticationRequired,
      'Confirm it is you: enter your current password, and your authenticator code if two-step verification is on.',
      details,
    );
  }
}
