import { DomainError } from '../../platform/errors/domain-error';

export const AuthErrorCode = {
  InvalidCredentials: 'INVALID_CREDENTIALS',
  InvalidMfaCode: 'INVALID_MFA_CODE',
  MfaTokenInvalid: 'MFA_TOKEN_INVALID',
  RefreshInvalid: 'REFRESH_TOKEN_INVALID',
  RefreshReused: 'REFRESH_TOKEN_REUSED',
  SessionExpired: 'SESSION_EXPIRED',
  TokenInvalid: 'ACCESS_TOKEN_INVALID',
  OriginRefused: 'ORIGIN_REFUSED',
  LinkInvalid: 'LINK_INVALID_OR_EXPIRED',
  WeakPassword: 'PASSWORD_REJECTED',
  MfaNotEnrolled: 'MFA_NOT_ENROLLED',
  MfaAlreadyEnabled: 'MFA_ALREADY_ENABLED',
  MfaRequiredByRole: 'MFA_REQUIRED_BY_ROLE',
  ReauthFailed: 'REAUTHENTICATION_FAILED',
} as const;

export class UnauthenticatedError extends DomainError {
  constructor(code: string, message: string) {
    super(401, code, message);
  }
}

/** AUT-08: one answer for unknown institution, unknown user, wrong password and disabled account. */
export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super(AuthErrorCode.InvalidCredentials, 'The institution, email or password is not right.');
  }
}
