import type { InvitationView, InvitedUser } from '@shala/contracts';

/** An invited parent account and its invitation, as the users and students screens' tests receive them. */
export const INVITED_USER_ID = '0190a1b2-0000-7000-8000-000000000603';
export const ONE_TIME_LINK = 'https://shala.example/accept-invitation?token=t.i.secret';

export const invitation = (fields: Partial<InvitationView> = {}): InvitationView => ({
  userId: INVITED_USER_ID,
  email: 'meera@x.com',
  displayName: 'Meera Rao',
  roles: ['parent'],
  status: 'pending',
  channel: 'email',
  recipient: 'meera@x.com',
  delivery: 'not_deliverable',
  deliveryProblem: 'the email channel is not ready: the server has no SMTP_URL',
  invitedAt: '2026-12-06T08:00:00.000Z',
  expiresAt: '2026-12-09T08:00:00.000Z',
  ...fields,
});

export const invited = (fields: Partial<InvitedUser> = {}): InvitedUser => ({
  id: INVITED_USER_ID,
  email: 'meera@x.com',
  displayName: 'Meera Rao',
  status: 'invited',
  mfaEnabled: false,
  roles: ['parent'],
  lastLoginAt: null,
  createdAt: '2026-12-06T08:00:00.000Z',
  invitation: invitation(),
  oneTimeLink: ONE_TIME_LINK,
  ...fields,
});
