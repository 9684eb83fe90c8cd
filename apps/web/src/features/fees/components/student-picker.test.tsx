import { DEFAULT_ROLE_PERMISSIONS, DefaultRole, type StudentSummary } from '@shala/contracts';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { givenSignedIn, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const accountantMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Accountant]], {
  ...teacherMe,
  roles: [DefaultRole.Accountant],
});

const ANU = '0190a1b2-0000-7000-8000-000000000701';
const anu = {
  id: ANU,
  fullName: 'Anu Kumar',
  admissionNo: 'GW-0001',
  enrolment: { className: 'Class 5', sectionName: 'A' },
} as StudentSummary;

let api: FakeApi;
beforeEach(() => {
  // The search answers Anu for "Kumar" only: searching her full name finds nobody.
  api = givenSignedIn(installFakeApi(), accountantMe).on('GET /api/v1/students', (request) => ({
    status: 200,
    body: { items: request.query.get('q') === 'Kumar' ? [anu] : [], nextCursor: null },
  }));
});
afterEach(() => api.uninstall());

describe('the fee counter student picker', () => {
  it('searches by surname and never says "No student matches" beside the student picked', async () => {
    const { user } = renderApp('/fees');
    const box = await screen.findByRole('textbox', { name: /Search student/ });
    await user.type(box, 'Kumar');
    await user.click(await screen.findByRole('option', { name: /Anu Kumar/ }));
    expect(box).toHaveValue('Anu Kumar (GW-0001) · Class 5 A');
    // longer than the picker's 250 ms pause: a search of the picked name would have answered by now
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(screen.queryByText(/No student matches/)).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/students').map((r) => r.query.get('q'))).toEqual(['Kumar']);

    await user.clear(box);
    await user.type(box, 'Nobody');
    await waitFor(() => expect(screen.getByText(/No student matches/)).toBeInTheDocument());
  });
});
