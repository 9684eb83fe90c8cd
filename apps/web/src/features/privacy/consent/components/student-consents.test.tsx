import { Permission, type StudentConsentsView, type StudentProfile } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../../test/fake-api';
import { adminMe, givenSignedIn, givenSignedInTeacher, meWith } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const ID = '0190a1b2-0000-7000-8000-000000000701';
const GUARDIAN = '0190a1b2-0000-7000-8000-000000000702';

function consents(over: Partial<StudentConsentsView> = {}): StudentConsentsView {
  return {
    studentId: ID,
    studentName: 'Asha Rao',
    adult: false,
    accountAllowed: false,
    hasAccount: false,
    biometricAttendance: false,
    guardians: [{ guardianId: GUARDIAN, fullName: 'Meera Rao' }],
    consents: (['student_account', 'photo_use', 'biometric_attendance'] as const).map((purpose) => ({
      purpose,
      granted: false,
      source: null,
      guardianId: null,
      documentRef: null,
      recordedAt: null,
      recordedByUserId: null,
    })),
    history: [],
    ...over,
  };
}

const granted = (view: StudentConsentsView, purpose: string): StudentConsentsView => ({
  ...view,
  accountAllowed: view.accountAllowed || purpose === 'student_account',
  consents: view.consents.map((c) =>
    c.purpose === purpose ? { ...c, granted: true, source: 'paper_form', guardianId: GUARDIAN } : c,
  ),
  history: [
    ...view.history,
    {
      id: `e-${purpose}`,
      purpose: purpose as 'student_account',
      granted: true,
      source: 'paper_form',
      guardianId: GUARDIAN,
      guardianName: 'Meera Rao',
      documentRef: 'FORM-17',
      recordedAt: '2026-06-01T05:00:00.000Z',
      recordedByUserId: null,
    },
  ],
});

const profile: StudentProfile = {
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
      hasAccount: true,
      masked: true,
    },
  ],
};

let api: FakeApi;
afterEach(() => api.uninstall());

describe('verifiable parental consent: staff on the student screen', () => {
  it('says why an account cannot be created yet, records a paper form, then offers the account', async () => {
    let view = consents();
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on(`GET /api/v1/students/${ID}`, { status: 200, body: profile })
      .on('GET /api/v1/users/invitations/channels', { status: 200, body: { channels: [] } })
      .on(`GET /api/v1/privacy/students/${ID}/consents`, () => ({ status: 200, body: view }))
      .on(`PUT /api/v1/privacy/students/${ID}/consents`, (req) => {
        view = granted(view, (req.body as { purpose: string }).purpose);
        return { status: 200, body: view };
      });
    const { user } = renderApp(`/students/${ID}`);
    const panel = await screen.findByTestId('student-consents');
    expect(within(panel).getByText(/An account cannot be created yet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Create student account/ })).not.toBeInTheDocument();
    // biometric attendance cannot be switched on without consent
    expect(within(panel).getByRole('switch', { name: /Biometric attendance/ })).toBeDisabled();

    await user.click(within(panel).getByRole('button', { name: 'Record paper form' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a paper consent form' });
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByText('Enter the document reference.')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /Document reference/ }), 'FORM-17');
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requestsTo(`PUT /api/v1/privacy/students/${ID}/consents`)[0]?.body).toEqual({
      guardianId: GUARDIAN,
      purpose: 'student_account',
      granted: true,
      documentRef: 'FORM-17',
    });
    expect(await screen.findByRole('button', { name: /Create student account/ })).toBeInTheDocument();
    expect(within(panel).queryByText(/An account cannot be created yet/)).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Show history' }));
    expect(
      within(panel).getByText(
        /Given: Sign-in account for the student, on a paper form \(form FORM-17\) by Meera Rao/,
      ),
    ).toBeInTheDocument();
  });
});

describe("verifiable parental consent: the Consents tab of a parent's My data", () => {
  it('lists each child with the optional purposes and withdraws one', async () => {
    const child = granted(consents({ hasAccount: true }), 'student_account');
    api = givenSignedIn(installFakeApi(), meWith([Permission.PrivacyConsentManage]))
      .on('GET /api/v1/notifications/my-consents', { status: 200, body: { items: [], nextCursor: null } })
      .on('GET /api/v1/privacy/my-student-consents', {
        status: 200,
        body: { items: [child], nextCursor: null },
      })
      .on(`PUT /api/v1/privacy/my-student-consents/${ID}`, { status: 200, body: child });
    const { user } = renderApp('/privacy?tab=consents');
    const account = await screen.findByRole('switch', {
      name: 'Sign-in account for the student for Asha Rao',
    });
    expect(account).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Use of photos for Asha Rao' })).not.toBeChecked();
    expect(screen.getByRole('switch', { name: 'Biometric attendance for Asha Rao' })).not.toBeChecked();
    await user.click(account);
    await waitFor(() =>
      expect(api.requestsTo(`PUT /api/v1/privacy/my-student-consents/${ID}`)).toHaveLength(1),
    );
    expect(api.requestsTo(`PUT /api/v1/privacy/my-student-consents/${ID}`)[0]?.body).toEqual({
      purpose: 'student_account',
      granted: false,
    });
  });
});
