import { Permission } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn, meWith } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { StudentProfile, StudentSummary } from '@shala/contracts';
import type { StaffGuardianConsents } from '../api/consents.api';

const STUDENT_ID = '0190a1b2-0000-7000-8000-0000000005a1';
const GUARDIAN_ID = '0190a1b2-0000-7000-8000-0000000006a1';
const CONSENTS = `/api/v1/notifications/guardians/${GUARDIAN_ID}/consents`;

const student: StudentSummary = {
  id: STUDENT_ID,
  admissionNo: 'GW-0042',
  firstName: 'Anika',
  lastName: 'Sharma',
  fullName: 'Anika Sharma',
  dateOfBirth: '2015-04-01',
  gender: 'female',
  admissionDate: '2021-06-01',
  status: 'active',
  enrolment: null,
};

const profile: StudentProfile = {
  ...student,
  nationalId: null,
  medicalNotes: null,
  address: null,
  masked: true,
  hasAccount: false,
  guardians: [
    {
      id: GUARDIAN_ID,
      fullName: 'Ravi Sharma',
      relationship: 'father',
      isPrimary: true,
      phone: '+91******3210',
      email: null,
      hasAccount: false,
      masked: true,
    },
  ],
};

const consents: StaffGuardianConsents = {
  guardianId: GUARDIAN_ID,
  fullName: 'Ravi Sharma',
  reachable: { sms: true, whatsapp: true, email: false },
  consents: [
    {
      channel: 'sms',
      purpose: 'absence_alerts',
      granted: true,
      source: 'paper_form',
      recordedAt: '2026-05-02T03:30:00.000Z',
      recordedByUserId: 'u1',
    },
  ],
  history: [
    {
      channel: 'sms',
      purpose: 'absence_alerts',
      granted: true,
      source: 'paper_form',
      recordedAt: '2026-05-02T03:30:00.000Z',
      recordedByUserId: 'u1',
      note: 'admission form',
    },
  ],
};

let api: FakeApi;
beforeEach(() => {
  api = givenSignedIn(installFakeApi(), adminMe)
    .on('GET /api/v1/notifications/messages', { status: 200, body: { items: [], nextCursor: null } })
    .on('GET /api/v1/students', { status: 200, body: { items: [student], nextCursor: null } })
    .on('POST /api/v1/students/search', { status: 200, body: { items: [student], nextCursor: null } })
    .on(`GET /api/v1/students/${STUDENT_ID}`, { status: 200, body: profile })
    .on(`GET ${CONSENTS}`, { status: 200, body: consents });
});
afterEach(() => api.uninstall());

async function openRaviThroughAnika() {
  const view = renderApp('/notifications?tab=guardians');
  const { user } = view;
  await user.type(await screen.findByRole('textbox', { name: 'Student name' }), 'Ani');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  await user.click(await screen.findByRole('button', { name: 'Guardians of Anika Sharma' }));
  await user.click(await screen.findByRole('button', { name: 'Consents of Ravi Sharma' }));
  await screen.findByRole('heading', { name: 'Ravi Sharma' });
  return view;
}

describe("staff view of a guardian's consents", () => {
  it('finds the guardian through a student and shows each consent with its source and time', async () => {
    await openRaviThroughAnika();
    expect(api.requestsTo('GET /api/v1/students')[0]?.query.get('q')).toBe('Ani');
    const absences = screen.getByTestId('consent-absence_alerts-sms');
    expect(within(absences).getByText('Opted in')).toBeInTheDocument();
    expect(within(absences).getByText('Paper form, 2 May 2026, 9:00 am')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('consent-fee_reminders-email')).getByText('Never asked'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Can be reached by: SMS, WhatsApp/)).toBeInTheDocument();
    const history = screen.getByRole('list', { name: 'History' });
    expect(within(history).getByText('Gave consent: Absences by SMS')).toBeInTheDocument();
    expect(within(history).getByText(/admission form/)).toBeInTheDocument();
  });

  it('records a consent given on a paper form, with its source and note', async () => {
    api.on(`PUT ${CONSENTS}`, { status: 200, body: { ...consents, cancelled: 0 } });
    const { user } = await openRaviThroughAnika();
    await user.click(screen.getByRole('button', { name: 'Record a change for Fee reminders by SMS' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fee reminders by SMS' });
    expect(within(dialog).getByRole('radio', { name: 'Gave consent' })).toBeChecked();

    // The source is required: nothing is sent until staff say how the guardian gave it.
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByText('Fill this in')).toBeInTheDocument();
    expect(api.requestsTo(`PUT ${CONSENTS}`)).toHaveLength(0);

    await user.click(within(dialog).getByRole('textbox', { name: 'How it was given' }));
    await user.click(await screen.findByRole('option', { name: 'Paper form' }));
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Note (optional)' }),
      'signed at the PTA meeting',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(api.requestsTo(`PUT ${CONSENTS}`)).toHaveLength(1));
    expect(api.requestsTo(`PUT ${CONSENTS}`)[0]?.body).toEqual({
      changes: [{ channel: 'sms', purpose: 'fee_reminders', granted: true }],
      source: 'paper_form',
      note: 'signed at the PTA meeting',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The guardian's consents are read again after the change.
    await waitFor(() => expect(api.requestsTo(`GET ${CONSENTS}`).length).toBeGreaterThan(1));
  });

  it('records a withdrawal, warning that unsent messages are cancelled', async () => {
    api.on(`PUT ${CONSENTS}`, { status: 200, body: { ...consents, cancelled: 2 } });
    const { user } = await openRaviThroughAnika();
    await user.click(screen.getByRole('button', { name: 'Record a change for Absences by SMS' }));
    const dialog = await screen.findByRole('dialog', { name: 'Absences by SMS' });
    expect(within(dialog).getByRole('radio', { name: 'Withdrew consent' })).toBeChecked();
    expect(
      within(dialog).getByText(/unsent messages of this kind on this channel are cancelled/),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('textbox', { name: 'How it was given' }));
    await user.click(await screen.findByRole('option', { name: 'At the school office' }));
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(api.requestsTo(`PUT ${CONSENTS}`)).toHaveLength(1));
    expect(api.requestsTo(`PUT ${CONSENTS}`)[0]?.body).toEqual({
      changes: [{ channel: 'sms', purpose: 'absence_alerts', granted: false }],
      source: 'school_office',
      note: null,
    });
    expect(
      await screen.findByText('The consent change is recorded; 2 unsent message(s) cancelled.'),
    ).toBeInTheDocument();
  });

  it("finds students by the guardian's exact phone through the blind-index search", async () => {
    const { user } = renderApp('/notifications?tab=guardians');
    await user.click(await screen.findByRole('radio', { name: 'Guardian phone or email' }));
    await user.type(
      screen.getByRole('textbox', { name: 'Guardian phone or email (exact)' }),
      '+91 98765 43210',
    );
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('button', { name: 'Guardians of Anika Sharma' })).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/students/search')[0]?.body).toEqual({
      guardianPhone: '+91 98765 43210',
    });
    expect(api.requestsTo('GET /api/v1/students')).toHaveLength(0);
  });

  it('says what to do when no student matches', async () => {
    api.on('GET /api/v1/students', { status: 200, body: { items: [], nextCursor: null } });
    const { user } = renderApp('/notifications?tab=guardians');
    await user.type(await screen.findByRole('textbox', { name: 'Student name' }), 'Zz');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText(/No student matches/)).toBeInTheDocument();
  });

  it('is not offered without notifications.manage', async () => {
    api.uninstall();
    api = givenSignedIn(installFakeApi(), meWith([Permission.NotificationsRead, Permission.StudentsRead])).on(
      'GET /api/v1/notifications/messages',
      { status: 200, body: { items: [], nextCursor: null } },
    );
    renderApp('/notifications?tab=guardians');
    expect(await screen.findByRole('tab', { name: 'Delivery log', selected: true })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Guardian consents' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Student name' })).not.toBeInTheDocument();
  });
});
