import {
  AuthErrorCode,
  isErrorEnvelope,
  type ProofOfWorkChallenge,
  type ProofOfWorkDetail,
} from '@shala/contracts';
import type {
  AcceptInvitationRequest,
  AcceptInvitationResponse,
  Locale,
  LocaleRequest,
  LoginRequest,
  MeResponse,
  MfaEnrollmentConfirmRequest,
  MfaEnrollmentConfirmResponse,
  MfaSecretResponse,
  MfaVerifyRequest,
  PasswordResetLinkRequest,
  PasswordResetRequest,
  SignedInUser,
} from '@shala/contracts';
import { apiClient, isAccessTokenResponse } from '../../../app/api/client';
import { isApiError } from '../../../app/api/http';
import { sessionStore } from '../../../app/api/session-store';
import type { SignInOutcome } from './auth.types';

/** Thrown when a 2xx answer does not have the documented shape. */
export class UnexpectedResponseError extends Error {
  constructor(what: string) {
    super(`Unexpected answer from ${what}`);
    this.name = 'UnexpectedResponseError';
  }
}

/** Requests made before there is a session: no bearer token, no refresh on 401, cookies allowed. */
const signedOutRequest = { withCredentials: true, anonymous: true, skipAuthRefresh: true } as const;

function outcomeOf(data: unknown, what: string): SignInOutcome {
  if (typeof data === 'object' && data !== null) {
    const body = data as Record<string, unknown>;
    if (body.mfaRequired === true && typeof body.mfaToken === 'string') {
      return { kind: 'mfa-required', mfaToken: body.mfaToken };
    }
    if (body.mfaEnrollmentRequired === true && typeof body.mfaToken === 'string') {
      return { kind: 'mfa-enrollment-required', mfaToken: body.mfaToken };
    }
    if (isAccessTokenResponse(body)) {
      sessionStore.setAccessToken(body.accessToken, body.expiresIn);
      return { kind: 'signed-in' };
    }
  }
  throw new UnexpectedResponseError(what);
}

/** A replayed or expired solution is answered with a new challenge; a sign-in solves at most this many. */
const MAX_CHALLENGES = 3;

/** The proof-of-work challenge of a 429 CHALLENGE_REQUIRED answer (AUT-07), if that is what this is. */
export function challengeOf(error: unknown): ProofOfWorkChallenge | null {
  if (!isApiError(error) || error.response?.status !== 429) return null;
  const body: unknown = error.response.data;
  if (!isErrorEnvelope(body) || body.error.code !== AuthErrorCode.ChallengeRequired) return null;
  const detail = body.error.details?.find((d) => d.field === 'proofOfWork') as ProofOfWorkDetail | undefined;
  return detail && typeof detail.challenge?.parameters === 'object' ? detail.challenge : null;
}

export interface LoginProgress {
  /** True while the browser solves a proof-of-work challenge ("Checking your browser…"), then false. */
  onCheckingBrowser?: (checking: boolean) => void;
}

/**
 * POST /api/v1/auth/login. The refresh token arrives as an HttpOnly cookie we never see. After many failed
 * sign-ins from the user's network the API asks for a proof of work first: it is solved here, off the UI
 * thread, and the sign-in is sent again with the solution, without the user doing anything (AUT-07).
 */
export async function login(request: LoginRequest, progress: LoginProgress = {}): Promise<SignInOutcome> {
  let body: LoginRequest = request;
  for (let solved = 0; ; solved++) {
    try {
      const { data } = await apiClient.post<unknown>('/v1/auth/login', body, signedOutRequest);
      return outcomeOf(data, 'login');
    } catch (error) {
      const challenge = challengeOf(error);
      if (!challenge || solved >= MAX_CHALLENGES) throw error;
      progress.onCheckingBrowser?.(true);
      try {
        // The solver (altcha) is fetched only when the API asks for a proof of work.
        const { solveProofOfWork } = await import('./proof-of-work');
        body = { ...request, proofOfWork: await solveProofOfWork(challenge) };
      } catch {
        // The browser could not do the work: show the API's answer.
        throw error;
      } finally {
        progress.onCheckingBrowser?.(false);
      }
    }
  }
}

/** POST /api/v1/auth/mfa/verify with a TOTP code or a single-use recovery code. */
export async function verifyMfa(request: MfaVerifyRequest): Promise<SignInOutcome> {
  const { data } = await apiClient.post<unknown>('/v1/auth/mfa/verify', request, signedOutRequest);
  const outcome = outcomeOf(data, 'MFA verification');
  if (outcome.kind !== 'signed-in') throw new UnexpectedResponseError('MFA verification');
  return outcome;
}

/** POST /api/v1/auth/mfa/enrollment: forced enrolment starts with a new TOTP secret (AUT-06). */
export async function startMfaEnrollment(mfaToken: string): Promise<MfaSecretResponse> {
  const { data } = await apiClient.post<MfaSecretResponse>(
    '/v1/auth/mfa/enrollment',
    { mfaToken },
    signedOutRequest,
  );
  return data;
}

/**
 * POST /api/v1/auth/mfa/enrollment/confirm: the first code turns MFA on and signs in. The answer carries
 * the recovery codes, which the caller shows once and never keeps.
 */
export async function confirmMfaEnrollment(
  request: MfaEnrollmentConfirmRequest,
): Promise<{ recoveryCodes: string[]; user: SignedInUser }> {
  const { data } = await apiClient.post<MfaEnrollmentConfirmResponse>(
    '/v1/auth/mfa/enrollment/confirm',
    request,
    signedOutRequest,
  );
  if (!isAccessTokenResponse(data) || !Array.isArray(data.recoveryCodes)) {
    throw new UnexpectedResponseError('MFA enrolment');
  }
  sessionStore.setAccessToken(data.accessToken, data.expiresIn);
  return { recoveryCodes: data.recoveryCodes, user: data.user };
}

/** POST /api/v1/auth/password/reset-request: 202 whether or not the account exists. */
export async function requestPasswordReset(request: PasswordResetLinkRequest): Promise<void> {
  await apiClient.post('/v1/auth/password/reset-request', request, signedOutRequest);
}

/** POST /api/v1/auth/password/reset with the token from the emailed link. */
export async function resetPassword(request: PasswordResetRequest): Promise<void> {
  await apiClient.post('/v1/auth/password/reset', request, signedOutRequest);
}

/** POST /api/v1/auth/invitations/accept: sets the password of an invited account. */
export async function acceptInvitation(request: AcceptInvitationRequest): Promise<AcceptInvitationResponse> {
  const { data } = await apiClient.post<AcceptInvitationResponse>(
    '/v1/auth/invitations/accept',
    request,
    signedOutRequest,
  );
  return data;
}

/**
 * POST /api/v1/auth/logout revokes the session on the server. The local session ends whatever the
 * answer: a user who asked to sign out is signed out in this tab even when the API is unreachable.
 */
export async function logout(): Promise<void> {
  try {
    await apiClient.post('/v1/auth/logout', undefined, { withCredentials: true, skipAuthRefresh: true });
  } finally {
    sessionStore.end('signed-out');
  }
}

/** GET /api/v1/me: who is signed in, where, and what they may do. */
export async function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  const { data } = await apiClient.get<MeResponse>('/v1/me', { signal });
  return data;
}

/** PUT /api/v1/me/locale: remembers the language the signed-in user chose, for every device. */
export async function saveLocale(locale: Locale): Promise<void> {
  await apiClient.put('/v1/me/locale', { locale } satisfies LocaleRequest);
}
