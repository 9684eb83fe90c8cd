import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../test/fake-api';
import { givenNoSession } from '../test/fixtures';
import { renderApp } from '../test/render-app';

const TOKEN = `0190a1b2-0000-7000-8000-000000000001.0190a1b2-0000-7000-8000-00000000beef.${'s'.repeat(43)}`;

let api: FakeApi;

beforeEach(() => {
  api = givenNoSession(installFakeApi());
});
afterEach(() => api.uninstall());

describe('password reset request', () => {
  it('sends the institution and email and answers the same whether or not the account exists', async () => {
    api.on('POST /api/v1/auth/password/reset-request', { status: 202, body: { status: 'accepted' } });
    const { user } = renderApp('/forgot-password');
    await user.type(await screen.findByLabelText(/^Institution/), 'Greenwood');
    await user.type(screen.getByLabelText(/^Email/), 'asha@greenwood.test');
    await user.click(screen.getByRole('button', { name: 'Email me a link' }));

    expect(await screen.findByText(/If asha@greenwood.test has an account at greenwood/)).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/password/reset-request')[0]?.body).toEqual({
      institution: 'greenwood',
      email: 'asha@greenwood.test',
    });
  });
});

describe('reset password page', () => {
  async function choosePassword(
    user: ReturnType<typeof renderApp>['user'],
    password: string,
    again = password,
  ) {
    await user.type(await screen.findByLabelText(/^New password/), password);
    await user.type(screen.getByLabelText(/^Confirm the new password/), again);
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));
  }

  it('sets the new password with the token from the link, then offers to sign in', async () => {
    api.on('POST /api/v1/auth/password/reset', { status: 204 });
    const { user } = renderApp(`/reset-password?token=${encodeURIComponent(TOKEN)}`);
    await choosePassword(user, 'correct horse battery staple');

    expect(await screen.findByRole('heading', { name: 'Password changed' })).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/password/reset')[0]?.body).toEqual({
      token: TOKEN,
      newPassword: 'correct horse battery staple',
    });
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  });

  it('checks length and the repeated password before calling the API', async () => {
    const { user } = renderApp(`/reset-password?token=${TOKEN}`);
    await choosePassword(user, 'short', 'shorter');

    expect(await screen.findByText('Use at least 12 characters')).toBeInTheDocument();
    expect(screen.getByText('The two passwords are not the same')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/password/reset')).toHaveLength(0);
  });

  it('says the link is used or expired and offers a new one', async () => {
    api.on(
      'POST /api/v1/auth/password/reset',
      envelope(
        401,
        'LINK_INVALID_OR_EXPIRED',
        'This link is invalid, already used or expired; ask for a new one.',
      ),
    );
    const { user } = renderApp(`/reset-password?token=${TOKEN}`);
    await choosePassword(user, 'correct horse battery staple');

    expect(
      await screen.findByText('This link is invalid, already used or expired; ask for a new one.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
  });

  it('explains a link without its token instead of showing the form', async () => {
    renderApp('/reset-password');
    expect(await screen.findByText(/This link is incomplete/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/^New password/)).not.toBeInTheDocument();
  });
});

describe('accept invitation page', () => {
  it('sets the password, then opens sign-in with the institution and email filled in', async () => {
    api.on('POST /api/v1/auth/invitations/accept', {
      status: 200,
      body: { institution: 'greenwood', email: 'ravi@greenwood.test', mfaEnrollmentRequired: true },
    });
    const { user, router } = renderApp(`/accept-invitation?token=${TOKEN}`);
    await user.type(
      await screen.findByLabelText(/^Password/, { selector: 'input' }),
      'correct horse battery staple',
    );
    await user.type(screen.getByLabelText(/^Confirm the password/), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Set password and continue' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Shala' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('');
    expect(screen.getByLabelText(/^Institution/)).toHaveValue('greenwood');
    expect(screen.getByLabelText(/^Email/)).toHaveValue('ravi@greenwood.test');
    expect(screen.getByText(/your role requires two-step verification/)).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/invitations/accept')[0]?.body).toEqual({
      token: TOKEN,
      password: 'correct horse battery staple',
    });
  });

  it('shows the password policy answer of the API at the password field', async () => {
    api.on(
      'POST /api/v1/auth/invitations/accept',
      envelope(400, 'VALIDATION_FAILED', 'Choose a different password.', [
        { field: 'password', message: 'is one of the most common passwords' },
      ]),
    );
    const { user } = renderApp(`/accept-invitation?token=${TOKEN}`);
    await user.type(await screen.findByLabelText(/^Password/, { selector: 'input' }), 'password1234');
    await user.type(screen.getByLabelText(/^Confirm the password/), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Set password and continue' }));

    expect(await screen.findByText('is one of the most common passwords')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByLabelText(/^Password/, { selector: 'input' })).toHaveAttribute(
        'aria-invalid',
        'true',
      ),
    );
  });
});
