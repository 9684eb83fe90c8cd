import axios, { isAxiosError, type AxiosError } from 'axios';
import { AuthErrorCode, isErrorEnvelope, type AccessTokenResponse } from '@shala/contracts';
import { sessionStore } from './session-store';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Send no Authorization header (login, MFA and refresh authenticate by body or cookie). */
    anonymous?: boolean;
    /** Do not try a token refresh when this request answers 401. */
    skipAuthRefresh?: boolean;
    /** Set on the single retry after a refresh, so a second 401 ends the session instead of looping. */
    authRetried?: boolean;
  }
}

export function isAccessTokenResponse(value: unknown): value is AccessTokenResponse {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AccessTokenResponse>;
  return typeof candidate.accessToken === 'string' && typeof candidate.expiresIn === 'number';
}

/** The one HTTP client of the SPA. Paths are relative to /api, e.g. '/v1/me' or '/health/ready'. */
export const apiClient = axios.create({
  baseURL: '/api',
  timeout: 30_000,
  headers: { Accept: 'application/json' },
});

/** A token this close to its expiry is refreshed before it is sent, instead of collecting a 401 first. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * 401s that refuse what the user typed (a wrong current password, a wrong TOTP code) rather than the
 * session: refreshing cannot help, and treating them as an ended session would sign the user out for a typo.
 */
const CREDENTIAL_REFUSALS = new Set<string>([
  AuthErrorCode.ReauthenticationFailed,
  AuthErrorCode.InvalidMfaCode,
]);

apiClient.interceptors.request.use(async (config) => {
  if (config.anonymous) return config;
  let token = sessionStore.getAccessToken();
  // Silent refresh: an access token about to lapse is swapped for a fresh one before the request goes
  // out. Refreshing only when a request needs it (no timer) lets an idle tab's session expire as it should.
  const { expiresAt } = sessionStore.getState();
  if (token && expiresAt !== null && expiresAt - Date.now() < EXPIRY_MARGIN_MS) {
    token = await refreshAccessToken();
  }
  if (token) config.headers.set('Authorization', `Bearer ${token}`);
  return config;
});

apiClient.interceptors.response.use(undefined, async (error: unknown) => {
  if (!isAxiosError(error) || error.response?.status !== 401 || !error.config) throw error;
  const config = error.config;
  if (config.skipAuthRefresh) throw error;
  const body: unknown = error.response.data;
  if (isErrorEnvelope(body) && CREDENTIAL_REFUSALS.has(body.error.code)) throw error;
  if (config.authRetried) {
    // A fresh token was refused too: the session is gone (revoked, deactivated, MFA reset).
    if (sessionStore.getState().status === 'authenticated') sessionStore.end('expired');
    throw error;
  }

  const sent = bearerOf(error);
  // Sent without a token because the session had already ended: there is nothing left to refresh.
  if (!sent && sessionStore.getState().status === 'anonymous') throw error;
  // Another request may already have refreshed while this one was in flight: reuse its token.
  const current = sessionStore.getAccessToken();
  const token = current && current !== sent ? current : await refreshAccessToken();
  if (!token) throw error;

  config.authRetried = true;
  config.headers.set('Authorization', `Bearer ${token}`);
  return apiClient.request(config);
});

function bearerOf(error: AxiosError): string | null {
  const header = error.config?.headers.get('Authorization');
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

let refreshInFlight: Promise<string | null> | null = null;

/**
 * Trades the HttpOnly refresh cookie for a new access token. Single-flight: concurrent callers share one
 * request, because the API rotates the refresh token on every use and treats reuse of a rotated one as
 * theft (AUT-04). Across tabs, a Web Lock serialises refreshes for the same reason.
 *
 * Resolves to the new token, or null when there is no session to restore (the session then ends).
 */
export function refreshAccessToken(): Promise<string | null> {
  refreshInFlight ??= withCrossTabLock(requestNewAccessToken).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

async function requestNewAccessToken(): Promise<string | null> {
  try {
    const { data } = await apiClient.post<unknown>('/v1/auth/refresh', undefined, {
      withCredentials: true,
      anonymous: true,
      skipAuthRefresh: true,
    });
    if (!isAccessTokenResponse(data)) throw new Error('The refresh answer carries no access token');
    sessionStore.setAccessToken(data.accessToken, data.expiresIn);
    return data.accessToken;
  } catch {
    const { status } = sessionStore.getState();
    if (status === 'authenticated') sessionStore.end('expired');
    else if (status === 'unknown') sessionStore.end(null);
    return null;
  }
}

function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks || typeof locks.request !== 'function') return task();
  // request() resolves to what the callback returns; then() unwraps that promise.
  return locks.request('shala-auth-refresh', task).then((result) => result);
}

/**
 * On app start (and on entering a signed-in route) find out whether the browser still has a session:
 * the access token is only in memory, so after a reload the refresh cookie is the way back in.
 */
export async function restoreSession(): Promise<boolean> {
  const { status } = sessionStore.getState();
  if (status === 'authenticated') return true;
  if (status === 'anonymous') return false;
  return (await refreshAccessToken()) !== null;
}
