import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../test/fake-api';
import { ACCESS_TOKEN, givenNoSession, teacherMe } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { sessionStore } from './session-store';

let api: FakeApi;

beforeEach(() => {
  api = givenNoSession(installFakeApi());
});
afterEach(() => api.uninstall());

function everythingStoredInTheBrowser(): string {
  const dump = (storage: Storage) =>
    Array.from({ length: storage.length }, (_, i) => {
      const key = storage.key(i) ?? '';
      return `${key}=${storage.getItem(key) ?? ''}`;
    }).join('\n');
  return [dump(window.localStorage), dump(window.sessionStorage), document.cookie, window.location.href].join(
    '\n',
  );
}

describe('[AUT-09] access token storage', () => {
  it('keeps the access token out of localStorage, sessionStorage, cookies and the URL', async () => {
    api
      .on('POST /api/v1/auth/login', {
        status: 200,
        body: { accessToken: ACCESS_TOKEN, expiresIn: 900, user: teacherMe.user },
      })
      .on('GET /api/v1/me', { status: 200, body: teacherMe })
      .on('GET /api/health/ready', { status: 200, body: { status: 'ok', checks: { database: 'up' } } });
    const { user } = renderApp('/login');

    await user.type(await screen.findByLabelText(/^Institution/), 'greenwood');
    await user.type(screen.getByLabelText(/^Email/), 'teacher@greenwood.test');
    await user.type(screen.getByLabelText(/^Password/), 'shala-demo-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByTestId('signed-in-user');

    // The token is held (the sign-in worked) ...
    expect(sessionStore.getAccessToken()).toBe(ACCESS_TOKEN);
    // ... but only in memory.
    expect(everythingStoredInTheBrowser()).not.toContain(ACCESS_TOKEN);
    expect(everythingStoredInTheBrowser()).not.toContain('shala-demo-password');
  });
});
