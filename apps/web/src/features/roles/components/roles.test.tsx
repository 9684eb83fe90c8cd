import { ALL_PERMISSIONS, DEFAULT_ROLE_PERMISSIONS, type RoleDto } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';

const catalogue = (() => {
  const groups = new Map<string, string[]>();
  for (const p of ALL_PERMISSIONS) groups.set(p.split('.')[0]!, [...(groups.get(p.split('.')[0]!) ?? []), p]);
  return { items: [...groups].map(([area, permissions]) => ({ area, permissions })), nextCursor: null };
})();

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
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/permissions', { status: 200, body: catalogue })
    .on('GET /api/v1/roles', { status: 200, body: { items: roles, nextCursor: null } });
});
afterEach(() => api.uninstall());

const box = (permission: string, role: string) =>
  screen.getByRole('checkbox', { name: `${permission} for ${role}` });

describe('roles and permissions matrix', () => {
  it('shows permissions grouped by area against every role, default roles marked', async () => {
    renderApp('/roles');
    const matrix = await screen.findByRole('table', { name: 'Permissions of each role' });

    expect(within(matrix).getByRole('columnheader', { name: /Teacher/ })).toHaveTextContent('Default role');
    expect(within(matrix).getByRole('columnheader', { name: /Librarian/ })).not.toHaveTextContent(
      'Default role',
    );
    expect(within(matrix).getByRole('columnheader', { name: 'Attendance' })).toBeInTheDocument();
    expect(box('Mark attendance', 'Teacher')).toBeChecked();
    expect(box('See fees', 'Teacher')).not.toBeChecked();
    // A school cannot grant the operator's permission: no row for it.
    expect(within(matrix).queryByText('platform.institutions.manage')).not.toBeInTheDocument();
  });

  it("sends only the edited role's permissions, after a summary of the change", async () => {
    api.on('PUT /api/v1/roles/r-teacher/permissions', (request) => ({
      status: 200,
      body: { ...roles[1], permissions: (request.body as { permissions: string[] }).permissions },
    }));
    const { user } = renderApp('/roles');
    await screen.findByRole('table', { name: 'Permissions of each role' });

    await user.click(box('See fees', 'Teacher'));
    await user.click(box('Enter marks', 'Teacher'));
    await user.click(box('See users', 'Librarian'));
    expect(screen.getByTestId('role-column-teacher')).toHaveTextContent('1 added, 1 removed');
    expect(screen.getByTestId('role-column-librarian')).toHaveTextContent('1 added, 0 removed');

    await user.click(screen.getByRole('button', { name: 'Save the permissions of Teacher' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save the permissions of Teacher?' });
    expect(within(dialog).getByText('+ See fees')).toBeInTheDocument();
    expect(within(dialog).getByText('− Enter marks')).toBeInTheDocument();
    expect(api.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(api.requestsTo('PUT /api/v1/roles/r-teacher/permissions')).toHaveLength(1));
    const expected = [
      ...DEFAULT_ROLE_PERMISSIONS.teacher.filter((p) => p !== 'exams.write'),
      'fees.read',
    ].sort();
    expect(api.requestsTo('PUT /api/v1/roles/r-teacher/permissions')[0]?.body).toEqual({
      permissions: expected,
    });
    // The librarian's draft was not sent and is still waiting for its own Save.
    expect(api.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(screen.getByTestId('role-column-librarian')).toHaveTextContent('1 added, 0 removed');
  });

  it('shows why the API refused a change to the admin role', async () => {
    api.on(
      'PUT /api/v1/roles/r-admin/permissions',
      envelope(422, 'ADMIN_ROLE_LOCKOUT', 'The school admin role must keep roles.write.'),
    );
    const { user } = renderApp('/roles');
    await screen.findByRole('table', { name: 'Permissions of each role' });
    await user.click(box('Edit roles and assign them', 'School admin'));
    await user.click(screen.getByRole('button', { name: 'Save the permissions of School admin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save the permissions of School admin?' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      await within(dialog).findByText('The school admin role must keep roles.write.'),
    ).toBeInTheDocument();
  });

  it('creates a custom role starting from another role, and shows a taken key at its field', async () => {
    api.on(
      'POST /api/v1/roles',
      envelope(409, 'ROLE_KEY_TAKEN', 'A role with key "librarian" exists.', [
        { field: 'key', message: 'already taken' },
      ]),
    );
    const { user } = renderApp('/roles');
    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a role' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Librarian');
    await user.type(within(dialog).getByLabelText(/^Key/), 'librarian');
    await user.selectOptions(within(dialog).getByLabelText(/^Start with the permissions of/), 'Teacher');
    await user.click(within(dialog).getByRole('button', { name: 'Create role' }));

    expect(await within(dialog).findByText('already taken')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/roles')[0]?.body).toEqual({
      key: 'librarian',
      name: 'Librarian',
      permissions: [...DEFAULT_ROLE_PERMISSIONS.teacher],
    });
  });

  it('deletes a custom role after confirmation; default roles cannot be deleted', async () => {
    api.on(
      'DELETE /api/v1/roles/r-librarian',
      envelope(409, 'ROLE_IN_USE', 'Someone still holds this role; change their roles first.'),
    );
    const { user } = renderApp('/roles');
    await screen.findByRole('table', { name: 'Permissions of each role' });

    await user.click(screen.getByRole('button', { name: 'More actions for Teacher' }));
    expect(await screen.findByRole('menuitem', { name: 'Rename' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Delete role' })).not.toBeInTheDocument();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'More actions for Librarian' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete role' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Librarian?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete role' }));

    expect(
      await within(dialog).findByText('Someone still holds this role; change their roles first.'),
    ).toBeInTheDocument();
    expect(api.requestsTo('DELETE /api/v1/roles/r-librarian')).toHaveLength(1);
  });

  it('shows one role at a time on a phone, chosen above the matrix, and remembers unsaved ticks', async () => {
    givenPhoneScreen();
    const { user } = renderApp('/roles');
    const matrix = await screen.findByRole('table', { name: 'Permissions of each role' });
    expect(within(matrix).getAllByRole('columnheader', { name: /Default role|user/ })).toHaveLength(1);
    expect(box('Approve leave', 'School admin')).toBeChecked();

    await user.click(box('Approve leave', 'School admin'));
    await user.selectOptions(screen.getByLabelText('Role'), 'Teacher');
    expect(box('Mark attendance', 'Teacher')).toBeChecked();
    expect(
      screen.queryByRole('checkbox', { name: 'Approve leave for School admin' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'School admin (unsaved changes)' })).toBeInTheDocument();

    // Back to the admin: the untick is still there, waiting for Save.
    await user.selectOptions(screen.getByLabelText('Role'), 'School admin (unsaved changes)');
    expect(box('Approve leave', 'School admin')).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Save the permissions of School admin' })).toBeInTheDocument();
  });
});
