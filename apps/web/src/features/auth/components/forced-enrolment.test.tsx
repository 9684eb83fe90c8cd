import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionStore } from '../../../app/api/session-store';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { blobText, captureDownloads } from '../../../test/downloads';
import { ACCESS_TOKEN, adminMe, givenNoSession } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const SECRET = 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF';
const RECOVERY_CODES = Array.from({ length: 10 }, (_, i) => `code-${String(i).padStart(2, '0')}-xyzw`);

let api: FakeApi;

beforeEach(() => {
  api = givenNoSession(installFakeApi())
    .on('POST /api/v1/auth/login', {
      status: 200,
      body: { mfaEnrollmentRequired: true, mfaToken: 'enrol-token' },
    })
    .on('POST /api/v1/auth/mfa/enrollment', {
      status: 200,
      body: {
        secret: SECRET,
        otpauthUri: `otpauth://totp/Shala:admin@greenwood.test?secret=${SECRET}&issuer=Shala`,
      },
    })
    .on('POST /api/v1/auth/mfa/enrollment/confirm', {
      status: 200,
      body: { accessToken: ACCESS_TOKEN, expiresIn: 900, user: adminMe.user, recoveryCodes: RECOVERY_CODES },
    })
    .on('GET /api/v1/me', { status: 200, body: adminMe })
    .on('GET /api/health/ready', { status: 200, body: { status: 'ok', checks: { database: 'up' } } });
});
afterEach(() => api.uninstall());

async function signInToEnrolment() {
  const app = renderApp('/login');
  const { user } = app;
  await user.type(await screen.findByLabelText(/^Institution/), 'greenwood');
  await user.type(screen.getByLabelText(/^Email/), 'admin@greenwood.test');
  await user.type(screen.getByLabelText(/^Password/), 'shala-demo-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByRole('heading', { name: 'Set up two-step verification' })).toHaveFocus();
  return app;
}

describe('forced MFA enrolment at sign-in', () => {
  it('shows the QR code and the setup key, then the recovery codes, and goes on only once they are acknowledged', async () => {
    const { user, router } = await signInToEnrolment();
    expect(
      screen.getByText('Your role requires two-step verification before you can use Shala.'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Set up now' }));
    const qr = await screen.findByRole('img', {
      name: 'QR code that adds your Shala account to an authenticator app',
    });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByTestId('mfa-secret')).toHaveTextContent('KRUG S4ZA NFZS AYJA ORSX G5BA ONSW G4TF');
    expect(api.requestsTo('POST /api/v1/auth/mfa/enrollment')[0]?.body).toEqual({ mfaToken: 'enrol-token' });
    expect(sessionStore.getAccessToken()).toBeNull();

    await user.type(screen.getByLabelText(/^Code from the app/), '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify and turn on' }));

    expect(await screen.findByRole('heading', { name: 'Save your recovery codes' })).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(RECOVERY_CODES);
    expect(api.requestsTo('POST /api/v1/auth/mfa/enrollment/confirm')[0]?.body).toEqual({
      mfaToken: 'enrol-token',
      code: '123456',
    });

    // Signed in, but the codes stay on screen until the user says they saved them.
    const proceed = screen.getByRole('button', { name: 'Continue to Shala' });
    expect(proceed).toBeDisabled();
    await user.click(proceed);
    expect(router.state.location.pathname).toBe('/login');

    await user.click(screen.getByRole('checkbox', { name: 'I have saved these recovery codes' }));
    expect(proceed).toBeEnabled();
    await user.click(proceed);
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(sessionStore.getAccessToken()).toBe(ACCESS_TOKEN);
  });

  it('downloads the recovery codes as a .txt file', async () => {
    const downloads = captureDownloads();
    const { user } = await signInToEnrolment();
    await user.click(screen.getByRole('button', { name: 'Set up now' }));
    await user.type(await screen.findByLabelText(/^Code from the app/), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify and turn on' }));

    await user.click(await screen.findByRole('button', { name: 'Download .txt' }));

    expect(downloads.files.map((file) => file.name)).toEqual(['shala-recovery-codes.txt']);
    const text = await blobText(downloads.files[0]!.blob);
    for (const code of RECOVERY_CODES) expect(text).toContain(`\n${code}\n`);
    expect(text).toContain('admin@greenwood.test');
  });

  it('shows why the enrolment code was refused and stays signed out', async () => {
    api.on(
      'POST /api/v1/auth/mfa/enrollment/confirm',
      envelope(
        401,
        'INVALID_MFA_CODE',
        'That code is not right; check the time on your phone and try again.',
      ),
    );
    const { user } = await signInToEnrolment();
    await user.click(screen.getByRole('button', { name: 'Set up now' }));
    await user.type(await screen.findByLabelText(/^Code from the app/), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify and turn on' }));

    expect(
      await screen.findByText('That code is not right; check the time on your phone and try again.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
    expect(sessionStore.getAccessToken()).toBeNull();
    await waitFor(() => expect(api.requestsTo('POST /api/v1/auth/refresh')).toHaveLength(1));
  });
});
