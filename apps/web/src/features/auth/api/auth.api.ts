import { apiClient, isAccessTokenResponse } from '../../../app/api/client';
import { sessionStore } from '../../../app/api/session-store';
import type { LoginRequest, MeResponse, MfaVerifyRequest, SignInOutcome } from './auth.types';

/** Thrown when a 2xx answer does not have the documented shape. */
export class UnexpectedResponseError extends Error {
  constructor(what: string) {
    super(`Unexpected answer from ${what}`);
    this.name = 'UnexpectedResponseError';
  }
}

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

/** POST /api/v1/auth/login. The refresh token arrives as an HttpOnly cookie we never see. */
export async function login(request: LoginRequest): Promise<SignInOutcome> {
  const { data } = await apiClient.post<unknown>('/v1/auth/login', request, {
    withCredentials: true,
    anonymous: true,
    skipAuthRefresh: true,
  });
  return outcomeOf(data, 'login');
}

/** POST /api/v1/auth/mfa/verify with a TOTP code or a single-use recovery code. */
export async function verifyMfa(request: MfaVerifyRequest): Promise<SignInOutcome> {
  const { data } = await apiClient.post<unknown>('/v1/auth/mfa/verify', request, {
    withCredentials: true,
    anonymous: true,
    skipAuthRefresh: true,
  });
  const outcome = outcomeOf(data, 'MFA verification');
  if (outcome.kind !== 'signed-in') throw new UnexpectedResponseError('MFA verification');
  return outcome;
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
