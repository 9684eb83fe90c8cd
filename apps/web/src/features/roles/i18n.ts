import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

/** English strings of the roles screens: the 'roles' i18next namespace (registered in app/i18n/resources.ts). */
export const rolesText = {
  title: 'Roles and permissions',
  intro: 'Tick what each role may do, then save that role. Changes apply at the holders’ next request.',
  matrixLabel: 'Permissions of each role',
  permission: 'Permission',
  showRole: 'Role',
  unsavedMark: '{{role}} (unsaved changes)',
  system: 'Default role',
  holders_one: '{{count}} user',
  holders_other: '{{count}} users',
  unsaved: '{{added}} added, {{removed}} removed',
  save: 'Save',
  saveLabel: 'Save the permissions of {{role}}',
  discard: 'Discard',
  discardLabel: 'Discard the changes to {{role}}',
  saveTitle: 'Save the permissions of {{role}}?',
  saveBody_one: 'The change applies to {{count}} user at their next request.',
  saveBody_other: 'The change applies to {{count}} users at their next request.',
  granted: 'Granted',
  revoked: 'Taken away',
  grantedItem: '+ {{permission}}',
  revokedItem: '− {{permission}}',
  saved: 'Permissions of {{role}} saved.',
  checkbox: '{{permission}} for {{role}}',
  roleMenu: 'More actions for {{role}}',
  create: 'New role',
  createTitle: 'Create a role',
  key: 'Key',
  keyDescription: 'Lowercase letters, digits and underscores, e.g. librarian. It cannot change later.',
  name: 'Name',
  copyFrom: 'Start with the permissions of',
  copyFromNone: 'No permissions',
  createSubmit: 'Create role',
  created: 'Role {{role}} created. Tick its permissions in the matrix.',
  rename: 'Rename',
  renameTitle: 'Rename {{role}}',
  renamed: 'Role renamed to {{role}}.',
  delete: 'Delete role',
  deleteTitle: 'Delete {{role}}?',
  deleteBody: 'Deleting a role cannot be undone. A role that someone still holds cannot be deleted.',
  deleted: 'Role {{role}} deleted.',
  empty: 'No roles yet. Create one with “New role”.',
  failed: 'That did not work',
} as const;

/** t() of the 'roles' namespace; shared keys (common., errors., validation. ...) fall back to app/i18n/en.ts. */
export function useRolesText() {
  return useTranslation('roles').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('roles', rolesText);
