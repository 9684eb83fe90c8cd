import { AuthErrorCode, isErrorEnvelope, type AccessTokenResponse } from '@shala/contracts';
import {
  buildUrl,
  encodeBody,
  fetchTransport,
  isApiError,
  send,
  type HttpResponse,
  type RequestOptions,
  type Transport,
} from './http';
import { sessionStore } from './session-store';

export function isAccessTokenResponse(value: unknown): value is AccessTokenResponse {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AccessTokenResponse>;
  return typeof candidate.accessToken === 'string' && typeof candidate.expiresIn === 'number';
}

/** Every request's path is relative to this: '/v1/me' is '/api/v1/me'. */
const BASE_URL = '/api';

/** A request that has not answered in this time fails like a lost connection, unless it sets its own. */
const DEFAULT_TIMEOUT_MS = 30_000;

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

let transport: Transport = fetchTransport;

/** Swaps what sends the requests (the unit tests' fake API, test/fake-api.ts); answers the previous one. */
export function setTransport(next: Transport): Transport {
  const previous = transport;
  transport = next;
  return previous;
}

/** The Bearer token to send: the session's, refreshed first when it is about to lapse. */
async function bearerToken(): Promise<string | null> {
  const token = sessionStore.getAccessToken();
  // Silent refresh: an access token about to lapse is swapped for a fresh one before the request goes
  // out. Refreshing only when a request needs it (no timer) lets an idle tab's session expire as it should.
  const { expiresAt } = sessionStore.getState();
  if (token && expiresAt !== null && expiresAt - Date.now() < EXPIRY_MARGIN_MS) return refreshAccessToken();
  return token;
}

/**
 * One request, with the session's token unless `anonymous`. A 401 is answered by one token refresh and
 * one retry (`retryToken` is the token of that retry).
 */
async function request<T>(
  method: string,
  path: string,
  data: unknown,
  options: RequestOptions,
  retryToken?: string,
): Promise<HttpResponse<T>> {
  const headers = new Headers({ Accept: 'application/json', ...options.headers });
  const body = encodeBody(data, headers);
  const token = retryToken ?? (options.anonymous ? null : await bearerToken());
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    return await send<T>(
      transport,
      {
        method,
        url: buildUrl(BASE_URL, path, options.params),
        headers,
        body,
        responseType: options.responseType ?? 'json',
        withCredentials: options.withCredentials ?? false,
      },
      { ...options, timeout: options.timeout ?? DEFAULT_TIMEOUT_MS },
    );
  } catch (error) {
    if (!isApiError(error) || error.response?.status !== 401 || options.skipAuthRefresh) throw error;
    const answer: unknown = error.response.data;
    if (isErrorEnvelope(answer) && CREDENTIAL_REFUSALS.has(answer.error.code)) throw error;
    if (retryToken !== undefined) {
      // A fresh token was refused too: the session is gone (revoked, deactivated, MFA reset).
      if (sessionStore.getState().status === 'authenticated') sessionStore.end('expired');
      throw error;
    }
    // Sent without a token because the session had already ended: there is nothing left to refresh.
    if (!token && sessionStore.getState().status === 'anonymous') throw error;
    // Another request may already have refreshed while this one was in flight: reuse its token.
    const current = sessionStore.getAccessToken();
    const fresh = current && current !== token ? current : await refreshAccessToken();
    if (!fresh) throw error;
    return request<T>(method, path, data, options, fresh);
  }
}

/** The one HTTP client of the SPA. Paths are relative to /api, e.g. '/v1/me' or '/health/ready'. */
export const apiClient = {
  get: <T = unknown>(path: string, options: RequestOptions = {}) =>
    request<T>('GET', path, undefined, options),
  delete: <T = unknown>(path: string, options: RequestOptions = {}) =>
    request<T>('DELETE', path, undefined, options),
  post: <T = unknown>(path: string, data?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, data, options),
  put: <T = unknown>(path: string, data?: unknown, options: RequestOptions = {}) =>
    request<T>('PUT', path, data, options),
  patch: <T = unknown>(path: string, data?: unknown, options: RequestOptions = {}) =>
    request<T>('PATCH', path, data, options),
};

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
