import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../../../app/i18n/language';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { ACCESS_TOKEN, givenNoSession, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

let api: FakeApi;

beforeEach(() => {
  api = installFakeApi();
});
afterEach(() => {
  api.uninstall();
  document.documentElement.lang = 'en';
});

const hindiMe = { ...teacherMe, user: { ...teacherMe.user, locale: 'hi' as const } };

async function signInAsTeacher(user: ReturnType<typeof renderApp>['user'], submit: string) {
  await user.type(screen.getByRole('textbox', { name: /^संस्थान/ }), 'greenwood');
  await user.type(screen.getByRole('textbox', { name: /^ईमेल/ }), 'teacher@greenwood.test');
  await user.type(screen.getByLabelText(/^पासवर्ड/), 'shala-demo-password');
  await user.click(screen.getByRole('button', { name: submit }));
}

describe('language switcher on the sign-in page', () => {
  beforeEach(() => givenNoSession(api));

  it('offers हिन्दी and, chosen, shows the sign-in form in Hindi with <html lang="hi">', async () => {
    const { user } = renderApp('/login');
    await screen.findByRole('heading', { name: 'Sign in to Shala' });
    expect(document.documentElement.lang).toBe('en');

    await user.click(screen.getByRole('radio', { name: 'हिन्दी' }));

    expect(await screen.findByRole('heading', { name: 'Shala में साइन इन करें' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^संस्थान/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'साइन इन करें' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'हिन्दी' })).toBeChecked();
    expect(document.documentElement.lang).toBe('hi');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('hi');
    // Nobody is signed in: nothing to save on the server.
    expect(api.requestsTo('PUT /api/v1/me/locale')).toHaveLength(0);
  });

  it('shows validation messages in Hindi too', async () => {
    const { user } = renderApp('/login');
    await user.click(await screen.findByRole('radio', { name: 'हिन्दी' }));
    await user.click(screen.getByRole('button', { name: 'साइन इन करें' }));

    expect(await screen.findByText('अपना संस्थान दर्ज करें')).toBeInTheDocument();
    expect(screen.getByText('अपना पासवर्ड दर्ज करें')).toBeInTheDocument();
  });

  it('opens in the language this browser chose last time', async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'hi');
    renderApp('/login');

    expect(await screen.findByRole('heading', { name: 'Shala में साइन इन करें' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('hi');
  });

  it('keeps the language chosen before sign-in and saves it for the user', async () => {
    api
      .on('POST /api/v1/auth/login', { status: 200, body: { accessToken: ACCESS_TOKEN, expiresIn: 900 } })
      .on('GET /api/v1/me', { status: 200, body: teacherMe })
      .on('PUT /api/v1/me/locale', { status: 204 })
      .on('GET /api/health/ready', { status: 200, body: { status: 'ok', checks: { database: 'up' } } });
    const { user } = renderApp('/login');
    await user.click(await screen.findByRole('radio', { name: 'हिन्दी' }));
    await signInAsTeacher(user, 'साइन इन करें');

    expect(await screen.findByRole('heading', { name: 'डैशबोर्ड' })).toBeInTheDocument();
    await waitFor(() => expect(api.requestsTo('PUT /api/v1/me/locale')).toHaveLength(1));
    expect(api.requestsTo('PUT /api/v1/me/locale')[0]?.body).toEqual({ locale: 'hi' });
    expect(document.documentElement.lang).toBe('hi');
  });
});

describe('language of a signed-in user', () => {
  it("applies the user's saved language after sign-in, whatever this browser used before", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    givenSignedInTeacher(api, hindiMe);
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'डैशबोर्ड' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('hi');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('hi');
    expect(api.requestsTo('PUT /api/v1/me/locale')).toHaveLength(0);
  });

  it('switches the shell to Hindi from the account menu and remembers it for the user', async () => {
    givenSignedInTeacher(api).on('PUT /api/v1/me/locale', { status: 204 });
    const { user } = renderApp('/');
    await screen.findByRole('heading', { name: 'Dashboard' });

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('radio', { name: 'English' })).toBeChecked();
    await user.click(within(menu).getByRole('radio', { name: 'हिन्दी' }));

    expect(await screen.findByRole('heading', { name: 'डैशबोर्ड' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'खाता मेन्यू' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('hi');
    await waitFor(() => expect(api.requestsTo('PUT /api/v1/me/locale')).toHaveLength(1));
    expect(api.requestsTo('PUT /api/v1/me/locale')[0]?.body).toEqual({ locale: 'hi' });
  });

  it('says so when the choice could not be saved, and keeps it on this device', async () => {
    givenSignedInTeacher(api).on('PUT /api/v1/me/locale', envelope(503, 'UNAVAILABLE', 'Try later'));
    const { user } = renderApp('/');
    await screen.findByRole('heading', { name: 'Dashboard' });

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('radio', { name: 'हिन्दी' }));

    expect(
      await screen.findByText('आपकी भाषा का चुनाव सहेजा नहीं जा सका। यह सिर्फ़ इस डिवाइस पर लागू है।'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'डैशबोर्ड' })).toBeInTheDocument();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('hi');
  });
});
