import type { InvitationChannelsView, StudentProfile } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { ONE_TIME_LINK as LINK, invitation, invited } from '../../../test/invitations';

const ID = '0190a1b2-0000-7000-8000-000000000601';
const GUARDIAN = '0190a1b2-0000-7000-8000-000000000602';

const profile = (hasAccount: boolean): StudentProfile => ({
  id: ID,
  admissionNo: 'GW-1',
  firstName: 'Asha',
  lastName: 'Rao',
  fullName: 'Asha Rao',
  dateOfBirth: '2015-06-14',
  gender: 'female',
  admissionDate: '2021-04-01',
  status: 'active',
  enrolment: null,
  nationalId: null,
  medicalNotes: null,
  address: null,
  masked: true,
  hasAccount: false,
  guardians: [
    {
      id: GUARDIAN,
      fullName: 'Meera Rao',
      relationship: 'mother',
      isPrimary: true,
      phone: '+91******10',
      email: 'm***@x.com',
      hasAccount,
      masked: true,
    },
  ],
});

const channels: InvitationChannelsView = {
  channels: [
    { channel: 'email', ready: false, problem: 'the server has no SMTP_URL' },
    { channel: 'sms', ready: true, problem: null },
    { channel: 'whatsapp', ready: false, problem: 'the whatsapp channel is disabled' },
  ],
};

let api: FakeApi;
let linked = false;
beforeEach(() => {
  linked = false;
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on(`GET /api/v1/students/${ID}`, () => ({ status: 200, body: profile(linked) }))
    .on('GET /api/v1/users/invitations/channels', { status: 200, body: channels })
    // the guardian consented to the account (issue 13 item 7), so the account actions show
    .on(`GET /api/v1/privacy/students/${ID}/consents`, {
      status: 200,
      body: {
        studentId: ID,
        studentName: 'Asha Rao',
        adult: false,
        accountAllowed: true,
        hasAccount: false,
        biometricAttendance: false,
        guardians: [{ guardianId: GUARDIAN, fullName: 'Meera Rao' }],
        consents: [],
        history: [],
      },
    });
});
afterEach(() => api.uninstall());

describe('account onboarding on the student screen', () => {
  it('creates a parent account for a guardian and shows the one-time link when it cannot be delivered', async () => {
    api.on('POST /api/v1/users/invitations', () => {
      linked = true;
      return { status: 201, body: invited() };
    });
    const { user } = renderApp(`/students/${ID}`);
    const guardian = await screen.findByTestId('guardian');
    await user.click(within(guardian).getByRole('button', { name: 'Create parent account for Meera Rao' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a parent account' });
    // SMS is set up; WhatsApp is not and cannot be chosen; email stays offered (it gives a link instead).
    expect(within(dialog).getByRole('radio', { name: 'WhatsApp (not set up)' })).toBeDisabled();
    expect(within(dialog).getByRole('radio', { name: 'SMS' })).toBeEnabled();
    expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toHaveValue('Meera Rao');
    await user.type(within(dialog).getByRole('textbox', { name: /^Email to sign in with/ }), 'meera@x.com');
    await user.click(within(dialog).getByRole('button', { name: 'Create and invite' }));

    // The form gives way to the result, in a dialog of the same name.
    const result = await screen.findByTestId('invitation-result');
    expect(within(result).getByText('Cannot be delivered')).toBeInTheDocument();
    expect(within(result).getByRole('textbox', { name: 'One-time link' })).toHaveValue(LINK);
    expect(within(result).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/users/invitations')[0]?.body).toEqual({
      email: 'meera@x.com',
      displayName: 'Meera Rao',
      channel: 'email',
      guardianId: GUARDIAN,
      roles: ['parent'],
    });
    // The guardian now has an account; the result stays on screen until the admin closes it.
    await waitFor(() => expect(within(guardian).getByText('Has a parent account')).toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows a queued invitation without any link', async () => {
    api.on('POST /api/v1/users/invitations', {
      status: 201,
      body: invited({
        invitation: invitation({
          channel: 'sms',
          delivery: 'queued',
          deliveryProblem: null,
          recipient: '+91******10',
        }),
        oneTimeLink: null,
      }),
    });
    const { user } = renderApp(`/students/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Create student account for Asha Rao' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a student account' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Email to sign in with/ }), 'asha@x.com');
    await user.click(within(dialog).getByRole('radio', { name: 'SMS' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create and invite' }));
    const result = await screen.findByTestId('invitation-result');
    expect(within(result).getByText('Queued')).toBeInTheDocument();
    expect(within(result).getByText('Sent by SMS to +91******10.')).toBeInTheDocument();
    expect(within(result).queryByRole('textbox', { name: 'One-time link' })).not.toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/users/invitations')[0]?.body).toMatchObject({
      studentId: ID,
      roles: ['student'],
      channel: 'sms',
    });
  });

  it('offers no account actions to someone without user management', async () => {
    api.uninstall();
    api = givenSignedInTeacher(installFakeApi(), teacherMe).on(`GET /api/v1/students/${ID}`, {
      status: 200,
      body: profile(false),
    });
    renderApp(`/students/${ID}`);
    await screen.findByTestId('guardian');
    expect(screen.queryByRole('button', { name: /^Create parent account/ })).not.toBeInTheDocument();
  });
});
