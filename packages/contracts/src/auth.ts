import type { InstitutionDto } from './institutions';
import type { Permission } from './permissions';

/**
 * Request and response bodies of the identity endpoints under /api/v1/auth and /api/v1/me
 * (docs/API.md). The refresh token never appears here: it travels only as an HttpOnly cookie (AUT-09).
 */

/** AUT-02: length bounds of every new password; the API also refuses common passwords. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** AUT-06: how many single-use recovery codes an enrolment (or a regeneration) hands out. */
export const RECOVERY_CODE_COUNT = 10;

/** Error codes of the auth endpoints that a client reacts to. */
export const AuthErrorCode = {
  InvalidCredentials: 'INVALID_CREDENTIALS',
  InvalidMfaCode: 'INVALID_MFA_CODE',
  MfaTokenInvalid: 'MFA_TOKEN_INVALID',
  LinkInvalid: 'LINK_INVALID_OR_EXPIRED',
  ReauthenticationFailed: 'REAUTHENTICATION_FAILED',
  AccessTokenExpired: 'ACCESS_TOKEN_EXPIRED',
  AccessTokenInvalid: 'ACCESS_TOKEN_INVALID',
  SessionRevoked: 'SESSION_REVOKED',
  /** AUT-07: solve the proof-of-work challenge in the details and repeat the request with `proofOfWork`. */
  ChallengeRequired: 'CHALLENGE_REQUIRED',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

export interface LoginRequest {
  /** Institution slug, e.g. greenwood; `platform` for operators. */
  institution: string;
  email: string;
  password: string;
  /** The solved challenge, when the last answer was CHALLENGE_REQUIRED (AUT-07). */
  proofOfWork?: string;
}

/**
 * AUT-07: after many failed sign-ins from one network address, the login answers 429 CHALLENGE_REQUIRED
 * instead of refusing everyone behind that address. `error.details[0]` is a ProofOfWorkDetail carrying an
 * ALTCHA v2 challenge (HMAC-signed, expiring): the client finds its counter (altcha-lib solveChallenge) and
 * repeats the request with `proofOfWork`: base64 of the JSON `{ challenge, solution: { counter, derivedKey } }`.
 * A solution is accepted once; a replayed or expired one gets a fresh challenge.
 */
export interface ProofOfWorkChallenge {
  parameters: {
    algorithm: string;
    nonce: string;
    salt: string;
    cost: number;
    keyLength: number;
    keyPrefix: string;
    keySignature?: string;
    /** Unix seconds. */
    expiresAt?: number;
  };
  signature?: string;
}

export interface ProofOfWorkDetail {
  field: 'proofOfWork';
  message: string;
  challenge: ProofOfWorkChallenge;
}

/** The user as the sign-in answers name them. */
export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  mfaEnabled: boolean;
}

/** POST auth/refresh; also the core of every sign-in answer. */
export interface AccessTokenResponse {
  accessToken: string;
  /** Seconds until the access token expires (at most 900). */
  expiresIn: number;
}

export interface SignedInResponse extends AccessTokenResponse {
  user: SignedInUser;
}

export interface MfaRequiredResponse {
  mfaRequired: true;
  mfaToken: string;
}

/** A privileged role without MFA: the only thing the mfaToken allows is enrolment (AUT-06). */
export interface MfaEnrollmentRequiredResponse {
  mfaEnrollmentRequired: true;
  mfaToken: string;
}

export type LoginResponse = SignedInResponse | MfaRequiredResponse | MfaEnrollmentRequiredResponse;

export type MfaVerifyRequest =
  { mfaToken: string; code: string } | { mfaToken: string; recoveryCode: string };

/** POST auth/mfa/enrollment (forced enrolment, before any access token). */
export interface MfaEnrollmentStartRequest {
  mfaToken: string;
}

/** The new TOTP secret, for the QR code (otpauthUri) and for typing in by hand (secret, base32). */
export interface MfaSecretResponse {
  secret: string;
  otpauthUri: string;
}

export interface MfaEnrollmentConfirmRequest {
  mfaToken: string;
  code: string;
}

export interface RecoveryCodesResponse {
  /** Shown once; the API stores only their hashes. */
  recoveryCodes: string[];
}

export type MfaEnrollmentConfirmResponse = SignedInResponse & RecoveryCodesResponse;

/** POST auth/mfa/setup/confirm (signed in). */
export interface MfaCodeRequest {
  code: string;
}

/** POST auth/mfa/disable: re-authentication with the password and a current code. */
export interface MfaDisableRequest {
  password: string;
  code: string;
}

/** POST auth/mfa/recovery-codes. */
export interface PasswordRequest {
  password: string;
}

/** The languages of the web app: English and Hindi. */
export const LOCALES = ['en', 'hi'] as const;
export type Locale = (typeof LOCALES)[number];

/** PUT /api/v1/me/locale: the language the signed-in user reads the app in, remembered per user. */
export interface LocaleRequest {
  locale: Locale;
}

export interface MeUser {
  id: string;
  email: string;
  displayName: string;
  mfaEnabled: boolean;
  /** ISO timestamp, or null before the first sign-in. */
  lastLoginAt: string | null;
  /** The language the user chose; 'en' until they choose. */
  locale: Locale;
}

/** GET /api/v1/me */
export interface MeResponse {
  user: MeUser;
  institution: InstitutionDto;
  roles: string[];
  permissions: Permission[];
  sessionId: string | null;
  /** The user holds a role that requires MFA (turning it off sends them to enrolment at the next sign-in). */
  mfaRequired: boolean;
}

/** One row of GET auth/sessions: a signed-in browser or device of the current user. */
export interface SessionDto {
  id: string;
  /** The session this request was made with. */
  current: boolean;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionListResponse {
  items: SessionDto[];
  nextCursor: null;
}

/** POST auth/sessions/revoke-all: ends every session of the user, the current one included. */
export interface RevokeAllSessionsResponse {
  ended: number;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface ChangePasswordResponse {
  otherSessionsEnded: number;
}

/** A request taken in: a link is mailed when there is someone to mail it to (202 Accepted, or 200). */
export interface AcceptedResponse {
  status: 'accepted';
}

/** POST auth/password/reset-request: answers 202 whether or not the account exists. */
export interface PasswordResetLinkRequest {
  institution: string;
  email: string;
}

export interface PasswordResetRequest {
  /** From the emailed link <app>/reset-password?token=... */
  token: string;
  newPassword: string;
}

export interface AcceptInvitationRequest {
  /** From the emailed link <app>/accept-invitation?token=... */
  token: string;
  password: string;
}

export interface AcceptInvitationResponse {
  /** Institution slug, to prefill the sign-in form. */
  institution: string;
  email: string;
  /** The invited role requires MFA: the first sign-in goes through enrolment. */
  mfaEnrollmentRequired: boolean;
}
