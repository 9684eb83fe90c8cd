import type { InstitutionDto, Permission } from '@shala/contracts';
import type { AccessTokenResponse } from '../../../app/api/client';

// These shapes follow docs/API.md ("fixed endpoints"). They belong in @shala/contracts next to
// InstitutionDto; until the API publishes them there, they live here and nowhere else in the SPA.

export interface LoginRequest {
  /** Institution slug, e.g. greenwood; `platform` for operators. */
  institution: string;
  email: string;
  password: string;
}

export interface SessionUser {
  id: string;
  email: string;
  name?: string | null;
  displayName?: string | null;
}

export interface SignedIn extends AccessTokenResponse {
  user?: SessionUser;
}

export interface MfaRequired {
  mfaRequired: true;
  mfaToken: string;
}

export interface MfaEnrollmentRequired {
  mfaEnrollmentRequired: true;
  mfaToken: string;
}

export type LoginResponse = SignedIn | MfaRequired | MfaEnrollmentRequired;

export type MfaVerifyRequest =
  { mfaToken: string; code: string } | { mfaToken: string; recoveryCode: string };

export interface MeResponse {
  user: SessionUser;
  institution: InstitutionDto;
  roles: string[];
  permissions: Permission[];
}

/** The next step of signing in, as the login and MFA endpoints decide it. */
export type SignInOutcome =
  | { kind: 'signed-in' }
  | { kind: 'mfa-required'; mfaToken: string }
  | { kind: 'mfa-enrollment-required'; mfaToken: string };
