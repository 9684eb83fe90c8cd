import { DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

let api: FakeApi;
beforeEach(() => {
  api = installFakeApi();
});
afterEach(() => api.uninstall());

const parentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]], {
  ...teacherMe,
  roles: [DefaultRole.Parent],
});

describe('account menu', () => {
  it('takes a parent to the consents tab of My data', async () => {
    givenSignedInTeacher(api, parentMe);
    const { user, router } = renderApp('/account');
    await user.click(await screen.findByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'My consents' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/privacy'));
    expect(router.state.location.search).toBe('?tab=consents');
  });

  it('offers staff who handle privacy requests, and have no My data, no consents entry', async () => {
    givenSignedInTeacher(api, adminMe);
    const { user } = renderApp('/account');
    await user.click(await screen.findByRole('button', { name: 'Account menu' }));
    await screen.findByRole('menuitem', { name: 'Your account' });
    expect(screen.queryByRole('menuitem', { name: 'My consents' })).not.toBeInTheDocument();
  });
});
