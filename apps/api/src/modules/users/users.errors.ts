import { AccessErrorCode, AuthErrorCode, type ErrorDetail } from '@shala/contracts';
import { DomainError } from '../../platform/errors/domain-error';

/**
 * 401 for a re-authentication the caller got wrong: REAUTHENTICATION_FAILED (password) or INVALID_MFA_CODE.
 * The SPA treats both as a refusal of what was typed, not as an ended session.
 */
export class ReauthenticationFailedError extends DomainError {
  constructor(code: typeof AuthErrorCode.ReauthenticationFailed | typeof AuthErrorCode.InvalidMfaCode) {
    super(
      401,
      code,
      code === AuthErrorCode.ReauthenticationFailed
        ? 'Your current password is not right.'
        : 'That code is not right, or it was already used.',
    );
  }
}

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
