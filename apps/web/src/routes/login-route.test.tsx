import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionStore } from '../app/api/session-store';
import { envelope, installFakeApi, type FakeApi } from '../test/fake-api';
import { ACCESS_TOKEN, givenNoSession, teacherMe } from '../test/fixtures';
import { renderApp } from '../test/render-app';

let api: FakeApi;

beforeEach(() => {
  api = givenNoSession(installFakeApi());
});
afterEach(() => api.uninstall());

async function openLogin(path = '/login') {
  const app = renderApp(path);
  await screen.findByRole('heading', { name: 'Sign in to Shala' });
  return app;
}

function field(name: 'Institution' | 'Email' | 'Password') {
  return screen.getByLabelText(new RegExp(`^${name}`));
}

async function fillCredentials(
  user: ReturnType<typeof renderApp>['user'],
  values = { institution: 'greenwood', email: 'teacher@greenwood.test', password: 'shala-demo-password' },
) {
  await user.type(field('Institution'), values.institution);
  await user.type(field('Email'), values.email);
  await user.type(field('Password'), values.password);
}

describe('login page', () => {
  it('links to the password reset request', async () => {
    const { user, router } = await openLogin();
    await user.click(screen.getByRole('link', { name: 'Forgot your password?' }));

    expect(await screen.findByRole('heading', { name: 'Reset your password' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/forgot-password');
  });

  it('labels every field so it can be found by its name', async () => {
    await openLogin();
    expect(screen.getByRole('textbox', { name: /^Institution/ })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Email/ })).toHaveAttribute('autocomplete', 'username');
    expect(field('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('shows which field is missing when the login form is submitted empty', async () => {
    const { user } = await openLogin();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter your institution')).toBeInTheDocument();
    expect(screen.getByText('Enter your email')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(field('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(api.requestsTo('POST /api/v1/auth/login')).toHaveLength(0);
  });

  it('asks for a real email address before calling the API', async () => {
    const { user } = await openLogin();
    await fillCredentials(user, { institution: 'greenwood', email: 'teacher-at-greenwood', password: 'x' });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter an email address like name@school.edu')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/login')).toHaveLength(0);
  });

  it('sends the institution slug, email and password, lowercasing the slug', async () => {
    api.on('POST /api/v1/auth/login', envelope(401, 'INVALID_CREDENTIALS', 'Wrong email or password.'));
    const { user } = await openLogin();
    await fillCredentials(user, {
      institution: ' Greenwood ',
      email: 'teacher@greenwood.test',
      password: ' pw ',
    });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(api.requestsTo('POST /api/v1/auth/login')).toHaveLength(1));
    const [request] = api.requestsTo('POST /api/v1/auth/login');
    expect(request?.body).toEqual({
      institution: 'greenwood',
      email: 'teacher@greenwood.test',
      password: ' pw ',
    });
    expect(request?.headers.has('Authorization')).toBe(false);
  });

  it('shows the API error message from the envelope', async () => {
    api.on('POST /api/v1/auth/login', envelope(401, 'INVALID_CREDENTIALS', 'Wrong email or password.'));
    const { user } = await openLogin();
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Sign-in failed')).toBeInTheDocument();
    expect(within(alert).getByText('Wrong email or password.')).toBeInTheDocument();
    expect(within(alert).getByText('Reference: req-invalid_credentials')).toBeInTheDocument();
  });

  it('shows the envelope message when the login endpoint does not exist yet', async () => {
    // No handler for POST /api/v1/auth/login: the fake answers 404 ROUTE_NOT_FOUND, like the API would.
    const { user } = await openLogin();
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Route POST /api/v1/auth/login not found')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('says the server cannot be reached when the request never gets an answer', async () => {
    api.on('POST /api/v1/auth/login', () => 'network-error');
    const { user } = await openLogin();
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(
      await screen.findByText('Shala cannot reach its server. Check your connection and try again.'),
    ).toBeInTheDocument();
  });

  it('explains an answer without an envelope by its HTTP status', async () => {
    api.on('POST /api/v1/auth/login', { status: 502, body: '<html>Bad gateway</html>' });
    const { user } = await openLogin();
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(
      await screen.findByText('The server answered with an unexpected error (HTTP 502). Please try again.'),
    ).toBeInTheDocument();
  });

  it('puts the field errors the API names next to those fields', async () => {
    api.on(
      'POST /api/v1/auth/login',
      envelope(400, 'VALIDATION_FAILED', 'Check the highlighted fields.', [
        { field: 'institution', message: 'No institution has this name.' },
      ]),
    );
    const { user } = await openLogin();
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('No institution has this name.')).toBeInTheDocument();
    expect(field('Institution')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Check the highlighted fields.')).toBeInTheDocument();
  });

  it('signs in and goes to the page named in next', async () => {
    api
      .on('POST /api/v1/auth/login', {
        status: 200,
        body: { accessToken: ACCESS_TOKEN, expiresIn: 900, user: teacherMe.user },
      })
      .on('GET /api/v1/me', { status: 200, body: teacherMe })
      .on('GET /api/health/ready', { status: 200, body: { status: 'ok', checks: { database: 'up' } } });
    const { user, router } = await openLogin('/login?next=%2Fattendance%3Fdate%3D2025-06-02');
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Attendance' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/attendance');
    expect(router.state.location.search).toBe('?date=2025-06-02');
    expect(api.requestsTo('POST /api/v1/auth/login')[0]?.withCredentials).toBe(true);
    expect(sessionStore.getAccessToken()).toBe(ACCESS_TOKEN);
  });

  it('never follows a next parameter that leaves the site', async () => {
    api
      .on('POST /api/v1/auth/login', { status: 200, body: { accessToken: ACCESS_TOKEN, expiresIn: 900 } })
      .on('GET /api/v1/me', { status: 200, body: teacherMe });
    const { user, router } = await openLogin('/login?next=%2F%2Fevil.example%2Fphish');
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('asks for the 6-digit code when the account has MFA, then signs in with it', async () => {
    api
      .on('POST /api/v1/auth/login', { status: 200, body: { mfaRequired: true, mfaToken: 'mfa-token-1' } })
      .on('POST /api/v1/auth/mfa/verify', {
        status: 200,
        body: { accessToken: ACCESS_TOKEN, expiresIn: 900 },
      })
      .on('GET /api/v1/me', { status: 200, body: teacherMe });
    const { user } = await openLogin();
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument();
    const code = screen.getByLabelText(/^Authentication code/);
    expect(code).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Enter the 6-digit code')).toBeInTheDocument();

    await user.type(code, '12345');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('The code is 6 digits')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/mfa/verify')).toHaveLength(0);

    await user.type(code, '6');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/mfa/verify')[0]?.body).toEqual({
      mfaToken: 'mfa-token-1',
      code: '123456',
    });
  });

  it('switches the MFA step to a recovery code and signs in with it', async () => {
    api
      .on('POST /api/v1/auth/login', { status: 200, body: { mfaRequired: true, mfaToken: 'mfa-token-2' } })
      .on('POST /api/v1/auth/mfa/verify', {
        status: 200,
        body: { accessToken: ACCESS_TOKEN, expiresIn: 900 },
      })
      .on('GET /api/v1/me', { status: 200, body: teacherMe });
    const { user } = await openLogin();
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText(/^Recovery code/), 'k7f2-9qzp-4mtx');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/mfa/verify')[0]?.body).toEqual({
      mfaToken: 'mfa-token-2',
      recoveryCode: 'k7f2-9qzp-4mtx',
    });
  });

  it('shows why a wrong MFA code was refused and lets the user go back', async () => {
    api
      .on('POST /api/v1/auth/login', { status: 200, body: { mfaRequired: true, mfaToken: 'mfa-token-3' } })
      .on('POST /api/v1/auth/mfa/verify', envelope(401, 'MFA_CODE_INVALID', 'That code is not valid.'));
    const { user } = await openLogin();
    await fillCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.type(await screen.findByLabelText(/^Authentication code/), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByText('That code is not valid.')).toBeInTheDocument();
    expect(sessionStore.getAccessToken()).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to Shala' })).toHaveFocus();
    expect(field('Institution')).toHaveValue('greenwood');
  });

  it('skips the form for someone whose refresh cookie is still valid', async () => {
    api
      .on('POST /api/v1/auth/refresh', { status: 200, body: { accessToken: ACCESS_TOKEN, expiresIn: 900 } })
      .on('GET /api/v1/me', { status: 200, body: teacherMe });
    const { router } = renderApp('/login?next=%2Fattendance');

    expect(await screen.findByRole('heading', { name: 'Attendance' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/attendance');
  });
});
