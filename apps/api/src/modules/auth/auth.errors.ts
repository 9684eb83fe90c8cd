import type { ProofOfWorkChallenge } from '@shala/contracts';
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
  ChallengeRequired: 'CHALLENGE_REQUIRED',
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

/** AUT-06: a TOTP or recovery code that does not match, or was already used. */
export class InvalidMfaCodeError extends UnauthenticatedError {
  constructor() {
    super(AuthErrorCode.InvalidMfaCode, 'That code is not right, or it was already used.');
  }
}

/**
 * AUT-07: many sign-ins failed from this address lately, so this one must carry a solved proof-of-work
 * challenge. 429, with the challenge in the details: the client solves it and repeats the request.
 */
export class ChallengeRequiredError extends DomainError {
  constructor(challenge: ProofOfWorkChallenge, reason: string) {
    super(
      429,
      AuthErrorCode.ChallengeRequired,
      'Many sign-ins failed from your network recently, so this one needs a quick security check first.',
      [{ field: 'proofOfWork', message: reason, challenge }],
    );
  }
}
