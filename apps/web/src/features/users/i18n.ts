import { useTranslation } from 'react-i18next';

/** English strings of the users screens: the 'users' i18next namespace (registered in app/i18n/resources.ts). */
export const usersText = {
  title: 'Users',
  intro: 'Everyone who can sign in to {{institution}}.',
  invite: 'Invite user',
  statusFilter: 'Show users',
  filter: {
    all: 'All',
    active: 'Active',
    invited: 'Invited',
    disabled: 'Deactivated',
  },
  status: {
    active: 'Active',
    invited: 'Invited',
    disabled: 'Deactivated',
  },
  tableLabel: 'Users',
  column: {
    user: 'User',
    roles: 'Roles',
    status: 'Status',
    mfa: 'Two-step',
    lastLogin: 'Last sign-in',
    actions: 'Actions',
  },
  rowActions: 'Actions for {{name}}',
  cardLine: 'Two-step {{mfa}} · last sign-in {{lastLogin}}',
  empty: 'Nobody here yet. Invite your staff with “Invite user”; they get an email to set their password.',
  emptyFiltered: 'No user has this status. Choose “All” to see everyone.',
  inviteTitle: 'Invite a user',
  inviteIntro: 'Shala emails them a link to set their password. The link works for 72 hours.',
  email: 'Email',
  displayName: 'Name',
  roles: 'Roles',
  rolesPlaceholder: 'Choose roles',
  inviteSubmit: 'Send invitation',
  invited: 'Invitation sent to {{email}}.',
  changeRoles: 'Change roles',
  rolesTitle: 'Roles of {{name}}',
  rolesBody: '{{name}} is signed out everywhere, so the new roles apply at once.',
  rolesSaved: 'Roles of {{name}} saved.',
  deactivate: 'Deactivate',
  deactivateTitle: 'Deactivate {{name}}?',
  deactivateBody: '{{name}} is signed out everywhere and cannot sign in until you reactivate the account.',
  deactivated: '{{name}} is deactivated.',
  reactivate: 'Reactivate',
  reactivated: '{{name}} can sign in again.',
  resendInvitation: 'Send the invitation again',
  resent: 'Invitation sent again to {{email}}.',
  resetMfa: 'Reset two-step verification',
  resetMfaTitle: 'Reset two-step verification of {{name}}?',
  resetMfaBody:
    'Their authenticator and recovery codes stop working and they are signed out everywhere. If their role requires two-step verification, they set it up again at their next sign-in.',
  mfaReset: 'Two-step verification of {{name}} was reset.',
  actionFailed: 'That did not work',
  resetMfaConfirm: {
    confirmIntro: 'Confirm it is you: enter your own password.',
    confirmIntroWithCode:
      'Confirm it is you: enter your own password and a code from your own authenticator app.',
    password: 'Your password',
    code: 'Your authentication code',
    submit: 'Reset two-step verification',
  },
} as const;

/** t() of the 'users' namespace; shared keys (common., errors., validation. ...) fall back to app/i18n/en.ts. */
export function useUsersText() {
  return useTranslation('users').t;
}
