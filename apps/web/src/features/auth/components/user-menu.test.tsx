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
  it('takes a parent to their consents, which their navigation has no place for', async () => {
    givenSignedInTeacher(api, parentMe);
    const { user, router } = renderApp('/account');
    await user.click(await screen.findByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'My consents' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/notifications'));
    expect(router.state.location.search).toBe('?tab=consents');
  });

  it('offers staff who read the notifications no second way there', async () => {
    givenSignedInTeacher(api, adminMe);
    const { user } = renderApp('/account');
    await user.click(await screen.findByRole('button', { name: 'Account menu' }));
    await screen.findByRole('menuitem', { name: 'Your account' });
    expect(screen.queryByRole('menuitem', { name: 'My consents' })).not.toBeInTheDocument();
  });
});
