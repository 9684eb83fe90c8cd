import { DEFAULT_ROLE_PERMISSIONS, type RoleDto, type UserDto } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, meWith } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';

const user = (n: number, fields: Partial<UserDto> = {}): UserDto => ({
  id: `0190a1b2-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
  email: `user${n}@greenwood.test`,
  displayName: `User ${n}`,
  status: 'active',
  mfaEnabled: false,
  roles: ['teacher'],
  lastLoginAt: null,
  createdAt: '2025-06-01T00:00:00.000Z',
  ...fields,
});

const roles: RoleDto[] = [
  {
    id: 'r-admin',
    key: 'school_admin',
    name: 'School admin',
    isSystem: true,
    permissions: [...DEFAULT_ROLE_PERMISSIONS.school_admin],
    holders: 1,
  },
  {
    id: 'r-teacher',
    key: 'teacher',
    name: 'Teacher',
    isSystem: true,
    permissions: [...DEFAULT_ROLE_PERMISSIONS.teacher],
    holders: 3,
  },
  {
    id: 'r-librarian',
    key: 'librarian',
    name: 'Librarian',
    isSystem: false,
    permissions: ['students.read'],
    holders: 0,
  },
];

let api: FakeApi;

beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), adminMe).on('GET /api/v1/roles', {
    status: 200,
    body: { items: roles, nextCursor: null },
  });
});
afterEach(() => api.uninstall());

async function rowOf(email: string) {
  const cell = await screen.findByText(email);
  return cell.closest('tr') as HTMLElement;
}

describe('users admin', () => {
  it('lists users by status and loads the next page with the cursor', async () => {
    api.on('GET /api/v1/users', (request) => {
      const status = request.query.get('status');
      if (status === 'invited')
        return { status: 200, body: { items: [user(9, { status: 'invited' })], nextCursor: null } };
      return request.query.get('cursor') === 'page-2'
        ? { status: 200, body: { items: [user(3)], nextCursor: null } }
        : {
            status: 200,
            body: { items: [user(1), user(2, { roles: ['librarian'] })], nextCursor: 'page-2' },
          };
    });
    const { user: actor } = renderApp('/users');

    expect(await screen.findByText('user1@greenwood.test')).toBeInTheDocument();
    expect(within(await rowOf('user2@greenwood.test')).getByText('Librarian')).toBeInTheDocument();
    await actor.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('user3@greenwood.test')).toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/users')[1]?.query.get('cursor')).toBe('page-2');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await actor.click(screen.getByRole('radio', { name: 'Invited' }));
    expect(await screen.findByText('user9@greenwood.test')).toBeInTheDocument();
    expect(screen.queryByText('user1@greenwood.test')).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/users').at(-1)?.query.get('status')).toBe('invited');
  });

  it('says what to do when nobody has the chosen status', async () => {
    api.on('GET /api/v1/users', (request) =>
      request.query.get('status') === 'disabled'
        ? { status: 200, body: { items: [], nextCursor: null } }
        : { status: 200, body: { items: [user(1)], nextCursor: null } },
    );
    const { user: actor } = renderApp('/users');
    await actor.click(await screen.findByRole('radio', { name: 'Deactivated' }));
    expect(
      await screen.findByText('No user has this status. Choose “All” to see everyone.'),
    ).toBeInTheDocument();
  });

  it('invites a user with email, name and roles chosen from the institution roles', async () => {
    api
      .on('GET /api/v1/users', { status: 200, body: { items: [user(1)], nextCursor: null } })
      .on('POST /api/v1/users/invitations', (request) => ({
        status: 201,
        body: user(5, { ...(request.body as object), status: 'invited' }),
      }));
    const { user: actor } = renderApp('/users');
    await actor.click(await screen.findByRole('button', { name: 'Invite user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite a user' });

    await actor.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByText('Choose at least one role')).toBeInTheDocument();

    await actor.type(within(dialog).getByLabelText(/^Email/), 'ravi@greenwood.test');
    await actor.type(within(dialog).getByLabelText(/^Name/), 'Ravi Kumar');
    await actor.click(within(dialog).getByRole('textbox', { name: /^Roles/ }));
    await actor.click(await screen.findByRole('option', { name: 'Librarian' }));
    await actor.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    expect(await screen.findByText('Invitation sent to ravi@greenwood.test.')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/users/invitations')[0]?.body).toEqual({
      email: 'ravi@greenwood.test',
      displayName: 'Ravi Kumar',
      roles: ['librarian'],
    });
  });

  it('deactivates a user only after confirmation and shows the API refusal', async () => {
    api
      .on('GET /api/v1/users', {
        status: 200,
        body: { items: [user(1, { roles: ['school_admin'] })], nextCursor: null },
      })
      .on(
        `POST /api/v1/users/${user(1).id}/deactivate`,
        envelope(
          422,
          'LAST_ADMIN',
          'This is the last active school admin; make someone else an admin first.',
        ),
      );
    const { user: actor } = renderApp('/users');

    await actor.click(
      within(await rowOf('user1@greenwood.test')).getByRole('button', { name: 'Actions for User 1' }),
    );
    await actor.click(await screen.findByRole('menuitem', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate User 1?' });
    expect(api.requestsTo(`POST /api/v1/users/${user(1).id}/deactivate`)).toHaveLength(0);
    await actor.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    expect(
      await within(dialog).findByText(
        'This is the last active school admin; make someone else an admin first.',
      ),
    ).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/users/${user(1).id}/deactivate`)).toHaveLength(1);
  });

  it('offers to resend the invitation only to invited users, and to reset MFA only when it is on', async () => {
    api
      .on('GET /api/v1/users', {
        status: 200,
        body: { items: [user(1, { status: 'invited' }), user(2, { mfaEnabled: true })], nextCursor: null },
      })
      .on(`POST /api/v1/users/${user(1).id}/invitation`, { status: 202, body: { status: 'accepted' } })
      .on(`POST /api/v1/users/${user(2).id}/mfa/reset`, { status: 200, body: user(2) });
    const { user: actor } = renderApp('/users');

    await actor.click(
      within(await rowOf('user1@greenwood.test')).getByRole('button', { name: 'Actions for User 1' }),
    );
    expect(screen.queryByRole('menuitem', { name: 'Reset two-step verification' })).not.toBeInTheDocument();
    await actor.click(await screen.findByRole('menuitem', { name: 'Send the invitation again' }));
    expect(await screen.findByText('Invitation sent again to user1@greenwood.test.')).toBeInTheDocument();

    await actor.click(
      within(await rowOf('user2@greenwood.test')).getByRole('button', { name: 'Actions for User 2' }),
    );
    expect(screen.queryByRole('menuitem', { name: 'Send the invitation again' })).not.toBeInTheDocument();
    await actor.click(await screen.findByRole('menuitem', { name: 'Reset two-step verification' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset two-step verification of User 2?' });
    await actor.type(within(dialog).getByLabelText(/^Your password/), 'my own passphrase');
    await actor.type(within(dialog).getByLabelText(/^Your authentication code/), '123 456');
    await actor.click(within(dialog).getByRole('button', { name: 'Reset two-step verification' }));
    await waitFor(() =>
      expect(api.requestsTo(`POST /api/v1/users/${user(2).id}/mfa/reset`)[0]?.body).toEqual({
        currentPassword: 'my own passphrase',
        code: '123456',
      }),
    );
    expect(await screen.findByText('Two-step verification of User 2 was reset.')).toBeInTheDocument();
  });

  it('[AUT-06] asks for the admin password and code first, and shows a wrong password at the password field', async () => {
    let attempts = 0;
    api
      .on('GET /api/v1/users', {
        status: 200,
        body: { items: [user(2, { mfaEnabled: true, roles: ['school_admin'] })], nextCursor: null },
      })
      .on(`POST /api/v1/users/${user(2).id}/mfa/reset`, () =>
        ++attempts === 1
          ? envelope(401, 'REAUTHENTICATION_FAILED', 'Your current password is not right.')
          : { status: 200, body: user(2, { roles: ['school_admin'] }) },
      );
    const { user: actor } = renderApp('/users');
    await actor.click(
      within(await rowOf('user2@greenwood.test')).getByRole('button', { name: 'Actions for User 2' }),
    );
    await actor.click(await screen.findByRole('menuitem', { name: 'Reset two-step verification' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset two-step verification of User 2?' });
    const password = within(dialog).getByLabelText(/^Your password/);

    // Nothing is sent until the admin has typed both.
    await actor.click(within(dialog).getByRole('button', { name: 'Reset two-step verification' }));
    expect(await within(dialog).findByText('Enter your current password')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter the 6-digit code')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/users/${user(2).id}/mfa/reset`)).toHaveLength(0);

    await actor.type(password, 'not my password');
    await actor.type(within(dialog).getByLabelText(/^Your authentication code/), '123456');
    await actor.click(within(dialog).getByRole('button', { name: 'Reset two-step verification' }));
    expect(await within(dialog).findByText('Your current password is not right.')).toBeInTheDocument();
    await waitFor(() => expect(password).toHaveFocus());
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription('Your current password is not right.');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    // Still signed in: a wrong password is not an ended session.
    expect(screen.queryByText('Your session ended')).not.toBeInTheDocument();

    await actor.clear(password);
    await actor.type(password, 'my own passphrase');
    await actor.click(within(dialog).getByRole('button', { name: 'Reset two-step verification' }));
    expect(await screen.findByText('Two-step verification of User 2 was reset.')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/users/${user(2).id}/mfa/reset`)[1]?.body).toEqual({
      currentPassword: 'my own passphrase',
      code: '123456',
    });
  });

  it('[AZ-02] shows why the API refuses to reset a user who outranks the admin', async () => {
    api
      .on('GET /api/v1/users', {
        status: 200,
        body: { items: [user(2, { mfaEnabled: true })], nextCursor: null },
      })
      .on(
        `POST /api/v1/users/${user(2).id}/mfa/reset`,
        envelope(
          403,
          'USER_OUTRANKS_ACTOR',
          'This user holds permissions you do not (roles.write), so you cannot change their account.',
        ),
      );
    const { user: actor } = renderApp('/users');
    await actor.click(
      within(await rowOf('user2@greenwood.test')).getByRole('button', { name: 'Actions for User 2' }),
    );
    await actor.click(await screen.findByRole('menuitem', { name: 'Reset two-step verification' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset two-step verification of User 2?' });
    await actor.type(within(dialog).getByLabelText(/^Your password/), 'my own passphrase');
    await actor.type(within(dialog).getByLabelText(/^Your authentication code/), '123456');
    await actor.click(within(dialog).getByRole('button', { name: 'Reset two-step verification' }));
    expect(
      await within(dialog).findByText(
        'This user holds permissions you do not (roles.write), so you cannot change their account.',
      ),
    ).toBeInTheDocument();
  });

  it('[AUT-06] asks an admin without two-step verification for the password only', async () => {
    givenSignedInTeacher(api, { ...adminMe, user: { ...adminMe.user, mfaEnabled: false } });
    api
      .on('GET /api/v1/users', {
        status: 200,
        body: { items: [user(2, { mfaEnabled: true })], nextCursor: null },
      })
      .on(`POST /api/v1/users/${user(2).id}/mfa/reset`, { status: 200, body: user(2) });
    const { user: actor } = renderApp('/users');
    await actor.click(
      within(await rowOf('user2@greenwood.test')).getByRole('button', { name: 'Actions for User 2' }),
    );
    await actor.click(await screen.findByRole('menuitem', { name: 'Reset two-step verification' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset two-step verification of User 2?' });
    expect(within(dialog).queryByLabelText(/^Your authentication code/)).not.toBeInTheDocument();
    await actor.type(within(dialog).getByLabelText(/^Your password/), 'my own passphrase');
    await actor.click(within(dialog).getByRole('button', { name: 'Reset two-step verification' }));
    await waitFor(() =>
      expect(api.requestsTo(`POST /api/v1/users/${user(2).id}/mfa/reset`)[0]?.body).toEqual({
        currentPassword: 'my own passphrase',
      }),
    );
  });

  it('[AZ-02] offers only the roles the signed-in user may grant', async () => {
    givenSignedInTeacher(api, meWith(['users.read', 'users.write', 'roles.read', 'students.read'], adminMe));
    api.on('GET /api/v1/users', { status: 200, body: { items: [user(1)], nextCursor: null } });
    const { user: actor } = renderApp('/users');
    await actor.click(await screen.findByRole('button', { name: 'Invite user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite a user' });
    await actor.click(within(dialog).getByRole('textbox', { name: /^Roles/ }));
    const option = async (name: string) => screen.findByRole('option', { name });
    expect(await option('School admin')).toHaveAttribute('data-combobox-disabled', 'true');
    expect(await option('Teacher')).toHaveAttribute('data-combobox-disabled', 'true');
    expect(await option('Librarian')).not.toHaveAttribute('data-combobox-disabled');
  });

  it('changes the roles of a user', async () => {
    api
      .on('GET /api/v1/users', { status: 200, body: { items: [user(1)], nextCursor: null } })
      .on(`PUT /api/v1/users/${user(1).id}/roles`, {
        status: 200,
        body: user(1, { roles: ['teacher', 'librarian'] }),
      });
    const { user: actor } = renderApp('/users');

    await actor.click(
      within(await rowOf('user1@greenwood.test')).getByRole('button', { name: 'Actions for User 1' }),
    );
    await actor.click(await screen.findByRole('menuitem', { name: 'Change roles' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roles of User 1' });
    await actor.click(within(dialog).getByRole('textbox', { name: /^Roles/ }));
    await actor.click(await screen.findByRole('option', { name: 'Librarian' }));
    await actor.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.requestsTo(`PUT /api/v1/users/${user(1).id}/roles`)[0]?.body).toEqual({
        roles: ['teacher', 'librarian'],
      }),
    );
  });

  it('lists users as cards with their actions in reach on a phone', async () => {
    givenPhoneScreen();
    api.on('GET /api/v1/users', { status: 200, body: { items: [user(1), user(2)], nextCursor: null } });
    renderApp('/users');

    const list = await screen.findByRole('list', { name: 'Users' });
    const cards = await within(list).findAllByTestId('user-row');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('button', { name: 'Actions for User 1' })).toBeInTheDocument();
    expect(within(cards[0]!).getByText('Two-step Off · last sign-in Never')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
