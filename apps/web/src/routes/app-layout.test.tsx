import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionStore } from '../app/api/session-store';
import { envelope, installFakeApi, type FakeApi } from '../test/fake-api';
import {
  adminMe,
  givenNoSession,
  givenSignedInTeacher,
  meWith,
  operatorMe,
  teacherMe,
} from '../test/fixtures';
import { renderApp } from '../test/render-app';

let api: FakeApi;

beforeEach(() => {
  api = installFakeApi();
});
afterEach(() => api.uninstall());

describe('signed-in shell', () => {
  it('redirects to /login when there is no session', async () => {
    givenNoSession(api);
    const { router } = renderApp('/students?class=7');

    expect(await screen.findByRole('heading', { name: 'Sign in to Shala' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/students?class=7');
    expect(screen.queryByText('Students')).not.toBeInTheDocument();
  });

  it('restores the session from the refresh cookie on app start', async () => {
    givenSignedInTeacher(api);
    renderApp('/');

    expect(await screen.findByTestId('signed-in-user')).toHaveTextContent('Asha Rao');
    const [refresh] = api.requestsTo('POST /api/v1/auth/refresh');
    expect(refresh?.withCredentials).toBe(true);
    expect(refresh?.headers.has('Authorization')).toBe(false);
  });

  it('shows the institution and the signed-in user in the header', async () => {
    givenSignedInTeacher(api);
    renderApp('/');

    expect(await screen.findByTestId('institution-name')).toHaveTextContent('Greenwood High School');
    expect(screen.getByRole('button', { name: 'Account menu' })).toHaveTextContent('AR');
  });

  it('shows on the dashboard who is signed in, where, and with which role', async () => {
    givenSignedInTeacher(api);
    renderApp('/');

    const account = await screen.findByRole('region', { name: 'Your account' });
    expect(await within(account).findByText('teacher@greenwood.test')).toBeInTheDocument();
    expect(within(account).getByText('Greenwood High School')).toBeInTheDocument();
    expect(within(account).getByText('Teacher')).toBeInTheDocument();
    expect(within(account).getByText(`${teacherMe.permissions.length} permissions`)).toBeInTheDocument();
  });

  it('links only the sections the user may open', async () => {
    givenSignedInTeacher(api);
    renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(await within(nav).findByRole('link', { name: 'Students' })).toHaveAttribute('href', '/students');
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Attendance' })).toBeInTheDocument();
    // A teacher has neither fees.read nor audit.read.
    expect(within(nav).queryByRole('link', { name: 'Fees' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).not.toBeInTheDocument();
  });

  it('gives the platform operator no links into school data', async () => {
    givenSignedInTeacher(api, operatorMe);
    renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    await screen.findByTestId('signed-in-user');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Dashboard', 'Institutions']);
  });

  it('hides navigation items whose permission the user does not hold, item by item', async () => {
    givenSignedInTeacher(api, meWith(['users.read', 'audit.read']));
    renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    await screen.findByTestId('signed-in-user');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Dashboard', 'Users', 'Audit log']);
  });

  it('shows the school admin the administration screens', async () => {
    givenSignedInTeacher(api, adminMe);
    renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(await within(nav).findByRole('link', { name: 'Users' })).toHaveAttribute('href', '/users');
    expect(within(nav).getByRole('link', { name: 'Roles' })).toHaveAttribute('href', '/roles');
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/audit');
    expect(within(nav).queryByRole('link', { name: 'Institutions' })).not.toBeInTheDocument();
  });

  it('explains instead of showing a page whose permission the user does not hold', async () => {
    givenSignedInTeacher(api);
    renderApp('/users');

    expect(await screen.findByText('You cannot open this page')).toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/users')).toHaveLength(0);
  });

  it('shows the 404 page for an unknown path', async () => {
    givenSignedInTeacher(api);
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the dashboard' })).toHaveAttribute('href', '/');
  });

  it('signs out from the account menu and forgets the cached user', async () => {
    givenSignedInTeacher(api).on('POST /api/v1/auth/logout', { status: 204 });
    const { user, router, queryClient } = renderApp('/');
    await screen.findByTestId('signed-in-user');

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Shala' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('');
    expect(api.requestsTo('POST /api/v1/auth/logout')[0]?.withCredentials).toBe(true);
    expect(sessionStore.getAccessToken()).toBeNull();
    const cachedAnswers = queryClient
      .getQueryCache()
      .findAll()
      .filter((query) => query.state.data !== undefined);
    expect(cachedAnswers).toEqual([]);
  });

  it('signs out locally even when the logout endpoint fails', async () => {
    givenSignedInTeacher(api).on('POST /api/v1/auth/logout', envelope(503, 'DEPENDENCY_UNAVAILABLE', 'Down'));
    const { user } = renderApp('/');
    await screen.findByTestId('signed-in-user');

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Shala' })).toBeInTheDocument();
    expect(sessionStore.getAccessToken()).toBeNull();
  });

  it('sends the user to /login, remembering the page, when the API stops accepting the session', async () => {
    givenSignedInTeacher(api);
    const { router } = renderApp('/attendance');
    await screen.findByRole('heading', { name: 'Attendance' });

    // The session is revoked elsewhere: every token is refused and the refresh cookie no longer works.
    givenNoSession(api).on('GET /api/v1/me', envelope(401, 'UNAUTHENTICATED', 'Session revoked'));
    const { fetchMe } = await import('../features/auth/api/auth.api');
    await fetchMe().catch(() => undefined);

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/attendance');
    expect(await screen.findByText('Your session has ended. Sign in again to continue.')).toBeInTheDocument();
  });

  it('shows the API message when /me fails', async () => {
    givenSignedInTeacher(api).on(
      'GET /api/v1/me',
      envelope(503, 'DEPENDENCY_UNAVAILABLE', 'The database is down.'),
    );
    renderApp('/');

    const account = await screen.findByRole('region', { name: 'Your account' });
    expect(await within(account).findByText('The database is down.')).toBeInTheDocument();
    expect(within(account).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
