import type { StudentProfile, StudentSummary } from '@shala/contracts';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const ID = '0190a1b2-0000-7000-8000-000000000601';

const student: StudentSummary = {
  id: ID,
  admissionNo: 'GW-7',
  firstName: 'Asha',
  lastName: 'Verma',
  fullName: 'Asha Verma',
  dateOfBirth: '2015-06-14',
  gender: 'female',
  admissionDate: '2021-04-01',
  status: 'active',
  enrolment: null,
};

const profile = {
  ...student,
  nationalId: null,
  medicalNotes: null,
  address: null,
  masked: true,
  hasAccount: false,
  guardians: [],
} as unknown as StudentProfile;

let api: FakeApi;
beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/academics/classes', { status: 200, body: { items: [] } })
    .on('GET /api/v1/students', { status: 200, body: { items: [student], nextCursor: null } })
    .on(`GET /api/v1/students/${ID}`, { status: 200, body: profile });
});
afterEach(() => api.uninstall());

const lastListQuery = () => api.requestsTo('GET /api/v1/students').at(-1)!.query;

describe('the students list keeps its filters in the URL', () => {
  it('opens with the search, status and sort of the URL (a reload)', async () => {
    renderApp('/students?q=Verm&status=alumni&sort=admissionNo');
    expect(await screen.findByRole('table', { name: 'Students' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Verm');
    const query = lastListQuery();
    expect(query.get('q')).toBe('Verm');
    expect(query.get('status')).toBe('alumni');
    expect(query.get('sort')).toBe('admissionNo');
  });

  it('writes typed text to the URL and restores it on Back from a student', async () => {
    const { user, router } = renderApp('/students');
    await screen.findByRole('table', { name: 'Students' }, { timeout: 5000 });
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Ash');
    await waitFor(() => expect(router.state.location.search).toBe('?q=Ash'));

    // open a student (a new history entry), then go Back
    await router.navigate(`/students/${ID}`);
    expect(await screen.findByText('GW-7')).toBeInTheDocument();
    await router.navigate(-1);

    await waitFor(() => expect(router.state.location.search).toBe('?q=Ash'));
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveValue('Ash');
    await waitFor(() => expect(lastListQuery().get('q')).toBe('Ash'));
  });

  it('ignores a status in the URL that is not one', async () => {
    renderApp('/students?status=expelled');
    await screen.findByRole('table', { name: 'Students' });
    expect(lastListQuery().get('status')).toBeNull();
  });
});
