import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

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
  invitations: {
    title: 'Invitations',
    intro: 'People who were invited and have not set their password yet.',
    tableLabel: 'Invitations',
    empty: 'No invitation is waiting.',
    statusFilter: 'Show invitations',
    filter: { pending: 'Pending', expired: 'Expired', revoked: 'Revoked', all: 'All' },
    status: { pending: 'Pending', expired: 'Expired', revoked: 'Revoked' },
    delivery: {
      queued: 'Queued',
      sent: 'Sent',
      failed: 'Not delivered',
      not_deliverable: 'Cannot be delivered',
    },
    channel: { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp' },
    column: {
      person: 'Person',
      channel: 'Sent by',
      delivery: 'Delivery',
      expires: 'Link expires',
      actions: 'Actions',
    },
    cardLine: '{{channel}} · expires {{expires}}',
    channelLabel: 'Send the invitation by',
    channelHelp: 'Only the channels the school has set up can send.',
    channelNotReady: '{{channel}} (not set up)',
    onItsWay: 'Sent by {{channel}} to {{recipient}}.',
    notDeliverable: 'The invitation cannot be sent by {{channel}}.',
    problem: 'Why: {{problem}}',
    linkTitle: 'Give this link yourself',
    linkBody:
      'Copy this one-time link and give it to {{name}} another way. It works once, for 72 hours, and is not shown again.',
    linkLabel: 'One-time link',
    copy: 'Copy link',
    copied: 'Copied',
    resend: 'Send a new link',
    resent: 'A new link was made for {{email}}; the old one no longer works.',
    revoke: 'Revoke',
    revokeTitle: 'Revoke the invitation of {{name}}?',
    revokeBody:
      'The link stops working. The account stays, invited, until you send a new link or deactivate it.',
    revoked: 'The invitation of {{email}} was revoked.',
    resultTitle: 'Invitation for {{name}}',
    phone: 'Phone number',
    done: 'Done',
  },
} as const;

/** t() of the 'users' namespace; shared keys (common., errors., validation. ...) fall back to app/i18n/en.ts. */
export function useUsersText() {
  return useTranslation('users').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('users', usersText);
