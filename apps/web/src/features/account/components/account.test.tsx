import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionStore } from '../../../app/api/session-store';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { ACCESS_TOKEN, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const sessions = [
  {
    id: '0190a1b2-0000-7000-8000-0000000000s1',
    current: true,
    createdAt: '2025-06-02T03:00:00.000Z',
    lastUsedAt: '2025-06-02T04:00:00.000Z',
    expiresAt: '2025-06-09T03:00:00.000Z',
    ip: '10.0.0.1',
    userAgent: CHROME_ON_WINDOWS,
  },
  {
    id: '0190a1b2-0000-7000-8000-0000000000s2',
    current: false,
    createdAt: '2025-05-30T03:00:00.000Z',
    lastUsedAt: '2025-06-01T04:00:00.000Z',
    expiresAt: '2025-06-06T03:00:00.000Z',
    ip: '10.0.0.2',
    userAgent: SAFARI_ON_IPHONE,
  },
];

let api: FakeApi;

beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi()).on('GET /api/v1/auth/sessions', {
    status: 200,
    body: { items: sessions, nextCursor: null },
  });
});
afterEach(() => api.uninstall());

describe('account: signed-in devices', () => {
  it('lists the sessions with the current one marked, and signs out another after confirmation', async () => {
    api.on('DELETE /api/v1/auth/sessions/0190a1b2-0000-7000-8000-0000000000s2', { status: 204 });
    const { user } = renderApp('/account');

    const list = await screen.findByRole('list', { name: 'Signed-in devices' });
    const rows = await within(list).findAllByTestId('session-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Chrome on Windows')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('This device')).toBeInTheDocument();
    expect(within(rows[0]!).queryByRole('button', { name: /Sign out/ })).not.toBeInTheDocument();
    expect(within(rows[1]!).getByText('Safari on iOS')).toBeInTheDocument();

    await user.click(within(rows[1]!).getByRole('button', { name: 'Sign out Safari on iOS' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out this device?' });
    expect(api.requestsTo('DELETE /api/v1/auth/sessions/0190a1b2-0000-7000-8000-0000000000s2')).toHaveLength(
      0,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Sign out' }));

    await waitFor(() =>
      expect(
        api.requestsTo('DELETE /api/v1/auth/sessions/0190a1b2-0000-7000-8000-0000000000s2'),
      ).toHaveLength(1),
    );
    await waitFor(() => expect(api.requestsTo('GET /api/v1/auth/sessions')).toHaveLength(2));
    expect(sessionStore.getAccessToken()).toBe(ACCESS_TOKEN);
  });

  it('signs out everywhere, this device included, after confirmation', async () => {
    api.on('POST /api/v1/auth/sessions/revoke-all', { status: 200, body: { ended: 2 } });
    const { user, router } = renderApp('/account');

    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.requestsTo('POST /api/v1/auth/sessions/revoke-all')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Sign out everywhere?' })).getByRole('button', {
        name: 'Sign out everywhere',
      }),
    );

    expect(await screen.findByRole('heading', { name: 'Sign in to Shala' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(sessionStore.getAccessToken()).toBeNull();
    expect(screen.queryByText('Your session has ended. Sign in again to continue.')).not.toBeInTheDocument();
  });
});

describe('account: change password', () => {
  async function changePassword(current: string, next: string) {
    const app = renderApp('/account/security');
    const { user } = app;
    await user.type(await screen.findByLabelText(/^Current password/), current);
    await user.type(screen.getByLabelText(/^New password/, { selector: 'input' }), next);
    await user.type(screen.getByLabelText(/^Confirm the new password/), next);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    return app;
  }

  it("shows the server's field error at the new password", async () => {
    api.on(
      'POST /api/v1/auth/password/change',
      envelope(400, 'VALIDATION_FAILED', 'Choose a different password.', [
        { field: 'newPassword', message: 'is one of the most common passwords' },
      ]),
    );
    await changePassword('shala-demo-password', 'password1234');

    expect(await screen.findByText('is one of the most common passwords')).toBeInTheDocument();
    expect(screen.getByLabelText(/^New password/, { selector: 'input' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(api.requestsTo('POST /api/v1/auth/password/change')[0]?.body).toEqual({
      currentPassword: 'shala-demo-password',
      newPassword: 'password1234',
    });
  });

  it('shows a wrong current password at its field and keeps the user signed in', async () => {
    api.on(
      'POST /api/v1/auth/password/change',
      envelope(401, 'REAUTHENTICATION_FAILED', 'Your current password is not right.'),
    );
    const { router } = await changePassword('not-my-password', 'correct horse battery staple');

    expect(await screen.findByText('Your current password is not right.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Current password/)).toHaveAttribute('aria-invalid', 'true');
    expect(router.state.location.pathname).toBe('/account/security');
    expect(sessionStore.getAccessToken()).toBe(ACCESS_TOKEN);
  });

  it('changes the password and says how many other devices were signed out', async () => {
    api.on('POST /api/v1/auth/password/change', { status: 200, body: { otherSessionsEnded: 1 } });
    await changePassword('shala-demo-password', 'correct horse battery staple');

    expect(await screen.findByText('Password changed. 1 other device was signed out.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Current password/)).toHaveValue('');
  });

  it('rates the new password with the lazily loaded strength estimator', async () => {
    const { user } = renderApp('/account/security');
    await user.type(await screen.findByLabelText(/^New password/, { selector: 'input' }), 'password');
    expect(
      await screen.findByText('Password strength: Very weak', {}, { timeout: 5000 }),
    ).toBeInTheDocument();

    await user.type(
      screen.getByLabelText(/^New password/, { selector: 'input' }),
      ' quilt harbour vivid 1984',
    );
    expect(await screen.findByText('Password strength: Strong', {}, { timeout: 5000 })).toBeInTheDocument();
  });
});

describe('account: two-step verification', () => {
  it('turns MFA on with the QR code and shows the new recovery codes', async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `abcd-efgh-${i}`);
    api
      .on('POST /api/v1/auth/mfa/setup', {
        status: 200,
        body: {
          secret: 'JBSWY3DPEHPK3PXP',
          otpauthUri: 'otpauth://totp/Shala:teacher?secret=JBSWY3DPEHPK3PXP',
        },
      })
      .on('POST /api/v1/auth/mfa/setup/confirm', { status: 200, body: { recoveryCodes: codes } });
    const { user } = renderApp('/account/security');

    await user.click(await screen.findByRole('button', { name: 'Turn on two-step verification' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set up two-step verification' });
    expect(await within(dialog).findByRole('img', { name: /QR code/ })).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/^Code from the app/), '654321');
    await user.click(within(dialog).getByRole('button', { name: 'Verify and turn on' }));

    const codesDialog = await screen.findByRole('dialog', { name: 'Save your recovery codes' });
    expect(within(codesDialog).getAllByRole('listitem')).toHaveLength(10);
    expect(api.requestsTo('POST /api/v1/auth/mfa/setup/confirm')[0]?.body).toEqual({ code: '654321' });
    expect(within(codesDialog).getByRole('button', { name: 'Done' })).toBeDisabled();
  });

  it('turns MFA off only with the password and a code, showing a wrong code at its field', async () => {
    givenSignedInTeacher(api, { ...teacherMe, user: { ...teacherMe.user, mfaEnabled: true } });
    api.on(
      'POST /api/v1/auth/mfa/disable',
      envelope(401, 'INVALID_MFA_CODE', 'That code is not right, or it was already used.'),
    );
    const { user } = renderApp('/account/security');

    await user.click(await screen.findByRole('button', { name: 'Turn off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off two-step verification' });
    await user.click(within(dialog).getByRole('button', { name: 'Turn off two-step verification' }));
    expect(await within(dialog).findByText('Enter your password')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/mfa/disable')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/^Password/, { selector: 'input' }), 'shala-demo-password');
    await user.type(within(dialog).getByLabelText(/^Code from the app/), '111111');
    await user.click(within(dialog).getByRole('button', { name: 'Turn off two-step verification' }));

    expect(
      await within(dialog).findByText('That code is not right, or it was already used.'),
    ).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/auth/mfa/disable')[0]?.body).toEqual({
      password: 'shala-demo-password',
      code: '111111',
    });
    expect(sessionStore.getAccessToken()).toBe(ACCESS_TOKEN);
  });
});
