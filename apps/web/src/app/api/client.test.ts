import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../test/fake-api';
import { apiClient, refreshAccessToken, restoreSession } from './client';
import { sessionStore } from './session-store';

let api: FakeApi;

beforeEach(() => {
  sessionStore.reset();
  api = installFakeApi();
});
afterEach(() => api.uninstall());

/** An API whose refresh endpoint hands out token-1, token-2, ... and accepts only the latest one. */
function givenRotatingTokens(): { latest: () => string } {
  let issued = 0;
  api.on('POST /api/v1/auth/refresh', () => {
    issued += 1;
    return { status: 200, body: { accessToken: `token-${issued}`, expiresIn: 900 } };
  });
  api.on('GET /api/v1/me', (request) =>
    issued > 0 && request.headers.get('Authorization') === `Bearer token-${issued}`
      ? { status: 200, body: { ok: true } }
      : envelope(401, 'UNAUTHENTICATED', 'Token expired'),
  );
  return { latest: () => `token-${issued}` };
}

describe('API client', () => {
  it('sends the access token as a Bearer header', async () => {
    sessionStore.setAccessToken('token-abc', 900);
    api.on('GET /api/v1/me', { status: 200, body: {} });

    await apiClient.get('/v1/me');

    expect(api.requestsTo('GET /api/v1/me')[0]?.headers.get('Authorization')).toBe('Bearer token-abc');
  });

  it('refreshes once and retries when the access token has expired', async () => {
    const tokens = givenRotatingTokens();
    sessionStore.setAccessToken('token-0', 900);

    const { data } = await apiClient.get('/v1/me');

    expect(data).toEqual({ ok: true });
    expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(api.requestsTo('POST /api/v1/auth/refresh')[0]?.withCredentials).toBe(true);
    expect(sessionStore.getAccessToken()).toBe(tokens.latest());
  });

  it('makes a single refresh request for concurrent 401s (AUT-04 rotation would see a reuse)', async () => {
    givenRotatingTokens();
    sessionStore.setAccessToken('token-0', 900);

    const answers = await Promise.all([
      apiClient.get('/v1/me'),
      apiClient.get('/v1/me'),
      apiClient.get('/v1/me'),
    ]);

    expect(answers.map((answer) => answer.data)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('shares one refresh between concurrent callers', async () => {
    givenRotatingTokens();

    const tokens = await Promise.all([refreshAccessToken(), refreshAccessToken(), restoreSession()]);

    expect(tokens).toEqual(['token-1', 'token-1', true]);
    expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh is refused', async () => {
    api
      .on('GET /api/v1/me', envelope(401, 'UNAUTHENTICATED', 'Token expired'))
      .on('POST /api/v1/auth/refresh', envelope(401, 'REFRESH_REUSED', 'Session revoked'));
    sessionStore.setAccessToken('token-0', 900);

    await expect(apiClient.get('/v1/me')).rejects.toMatchObject({ response: { status: 401 } });

    expect(sessionStore.getState()).toMatchObject({
      status: 'anonymous',
      accessToken: null,
      endReason: 'expired',
    });
    expect(api.requestsTo('GET /api/v1/me')).toHaveLength(1);
  });

  it('does not loop when the fresh token is refused too', async () => {
    api
      .on('GET /api/v1/me', envelope(401, 'UNAUTHENTICATED', 'Account deactivated'))
      .on('POST /api/v1/auth/refresh', { status: 200, body: { accessToken: 'token-1', expiresIn: 900 } });
    sessionStore.setAccessToken('token-0', 900);

    await expect(apiClient.get('/v1/me')).rejects.toMatchObject({ response: { status: 401 } });

    expect(api.requestsTo('GET /api/v1/me')).toHaveLength(2);
    expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(sessionStore.getState().status).toBe('anonymous');
  });

  it('refreshes an access token about to expire before sending the request (silent refresh)', async () => {
    const tokens = givenRotatingTokens();
    sessionStore.setAccessToken('token-0', 5);

    const { data } = await apiClient.get('/v1/me');

    expect(data).toEqual({ ok: true });
    expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
    // No wasted 401: the one request went out with the fresh token.
    expect(api.requestsTo('GET /api/v1/me').map((r) => r.headers.get('Authorization'))).toEqual([
      `Bearer ${tokens.latest()}`,
    ]);
  });

  it.each(['REAUTHENTICATION_FAILED', 'INVALID_MFA_CODE'])(
    'keeps the session when a 401 refuses what the user typed (%s), not the session',
    async (code) => {
      api.on('POST /api/v1/auth/password/change', envelope(401, code, 'Your current password is not right.'));
      sessionStore.setAccessToken('token-0', 900);

      await expect(apiClient.post('/v1/auth/password/change', {})).rejects.toMatchObject({
        response: { status: 401 },
      });

      expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(0);
      expect(sessionStore.getState()).toMatchObject({ status: 'authenticated', accessToken: 'token-0' });
    },
  );

  it('does not try a refresh for a 403', async () => {
    api.on('GET /api/v1/me', envelope(403, 'FORBIDDEN', 'Not allowed'));
    sessionStore.setAccessToken('token-0', 900);

    await expect(apiClient.get('/v1/me')).rejects.toMatchObject({ response: { status: 403 } });

    expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(0);
    expect(sessionStore.getAccessToken()).toBe('token-0');
  });

  it('treats a refresh answer without a token as no session', async () => {
    // E.g. a static server answering index.html for every path.
    api.on('POST /api/v1/auth/refresh', { status: 200, body: '<!doctype html><html></html>' });

    expect(await restoreSession()).toBe(false);
    expect(sessionStore.getState().status).toBe('anonymous');
  });

  it('asks the API only once on start when there is no session', async () => {
    api.on('POST /api/v1/auth/refresh', envelope(404, 'ROUTE_NOT_FOUND', 'Not found'));

    expect(await restoreSession()).toBe(false);
    expect(await restoreSession()).toBe(false);
    expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
  });
});
