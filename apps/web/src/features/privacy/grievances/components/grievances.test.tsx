import { DEFAULT_ROLE_PERMISSIONS, DefaultRole, type GrievanceView } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const CHILD = '0190a1b2-0000-7000-8000-00000000c111';
const parentMe = {
  ...teacherMe,
  user: { ...teacherMe.user, id: '0190a1b2-0000-7000-8000-0000000000pa', email: 'parent@greenwood.test' },
  roles: [DefaultRole.Parent],
  permissions: [...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]],
};

function grievance(over: Partial<GrievanceView>): GrievanceView {
  return {
    id: '0190a1b2-0000-7000-8000-00000000g001',
    category: 'consent',
    subject: 'Photos shared',
    text: 'My child was photographed without asking.',
    studentId: CHILD,
    studentName: 'Anaya Sharma',
    status: 'open',
    raisedByUserId: parentMe.user.id,
    receivedAt: '2026-05-01T04:00:00.000Z',
    dueAt: '2026-05-31T04:00:00.000Z',
    answer: null,
    answeredByUserId: null,
    answeredAt: null,
    overdue: false,
    ...over,
  };
}

const late = grievance({ id: '0190a1b2-0000-7000-8000-00000000g002', subject: 'No reply', overdue: true });
const officer = {
  name: 'Anita Rao',
  email: 'dpo@greenwood.test',
  phone: null,
  responseDays: 30,
  configured: true,
};

let api: FakeApi;
afterEach(() => api.uninstall());

describe('grievances tab (admin)', () => {
  function givenAdmin() {
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on('GET /api/v1/privacy/requests', { status: 200, body: { items: [], nextCursor: null } })
      .on('GET /api/v1/privacy/grievances', {
        status: 200,
        body: { items: [grievance({}), late], nextCursor: null },
      })
      .on('GET /api/v1/privacy/grievance-officer', { status: 200, body: officer })
      .on('PUT /api/v1/privacy/grievance-officer', (req) => ({ status: 200, body: req.body as object }))
      .on(`POST /api/v1/privacy/grievances/${late.id}/answer`, (req) => ({
        status: 200,
        body: { ...late, status: 'answered', overdue: false, ...(req.body as object) },
      }));
  }

  it('lists grievances with due dates and an overdue badge, and asks for overdue only when ticked', async () => {
    givenAdmin();
    const { user } = renderApp('/privacy?tab=grievances');
    const rows = await screen.findAllByTestId('grievance');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).queryByTestId('grievance-overdue-badge')).not.toBeInTheDocument();
    expect(within(rows[1]!).getByTestId('grievance-overdue-badge')).toHaveTextContent('Overdue');
    await user.click(screen.getByRole('checkbox', { name: 'Only overdue' }));
    await waitFor(() =>
      expect(
        api.requestsTo('GET /api/v1/privacy/grievances').some((r) => r.query.get('overdue') === 'true'),
      ).toBe(true),
    );
  });

  it('will not send an empty answer, and sends the answer it is given', async () => {
    givenAdmin();
    const { user } = renderApp('/privacy?tab=grievances');
    await screen.findAllByTestId('grievance');
    await user.click(screen.getAllByRole('button', { name: 'Answer' })[1]!);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Send answer' }));
    expect(await within(dialog).findByText('Write the answer.')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/privacy/grievances/${late.id}/answer`)).toHaveLength(0);
    await user.type(within(dialog).getByRole('textbox', { name: /Answer/ }), 'We removed the photos.');
    await user.click(within(dialog).getByRole('checkbox', { name: /Close the grievance/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Send answer' }));
    await waitFor(() =>
      expect(api.requestsTo(`POST /api/v1/privacy/grievances/${late.id}/answer`)[0]?.body).toEqual({
        answer: 'We removed the photos.',
        close: true,
      }),
    );
  });

  it('refuses a response period outside 1..90 and saves the officer settings', async () => {
    givenAdmin();
    const { user } = renderApp('/privacy?tab=grievances');
    const days = await screen.findByRole('textbox', { name: /Response period/ });
    await user.clear(days);
    await user.type(days, '120');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter a whole number of days from 1 to 90.')).toBeInTheDocument();
    expect(api.requestsTo('PUT /api/v1/privacy/grievance-officer')).toHaveLength(0);
    await user.clear(days);
    await user.type(days, '45');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.requestsTo('PUT /api/v1/privacy/grievance-officer')[0]?.body).toEqual({
        name: 'Anita Rao',
        email: 'dpo@greenwood.test',
        phone: null,
        responseDays: 45,
      }),
    );
  });
});

describe('grievances in my data (parent)', () => {
  it('shows the officer, raises a grievance about a child, and lists own grievances with answers', async () => {
    const answered = grievance({ status: 'answered', answer: 'We removed the photos.' });
    api = givenSignedInTeacher(installFakeApi(), parentMe)
      .on('GET /api/v1/students', {
        status: 200,
        body: {
          items: [
            {
              id: CHILD,
              fullName: 'Anaya Sharma',
              admissionNo: 'GR0001',
              firstName: 'Anaya',
              lastName: 'Sharma',
            },
          ],
          nextCursor: null,
        },
      })
      .on('GET /api/v1/privacy/my-requests', { status: 200, body: { items: [], nextCursor: null } })
      .on('GET /api/v1/privacy/my-grievances', { status: 200, body: { items: [answered], nextCursor: null } })
      .on('GET /api/v1/privacy/my-grievances/officer', { status: 200, body: officer })
      .on('POST /api/v1/privacy/my-grievances', { status: 201, body: grievance({}) });
    const { user } = renderApp('/privacy?tab=grievances');
    expect(await screen.findByTestId('grievance-officer')).toHaveTextContent(
      'Grievance officer: Anita Rao, dpo@greenwood.test',
    );
    expect(await screen.findByTestId('grievance-answer')).toHaveTextContent('We removed the photos.');
    await user.click(screen.getByRole('button', { name: 'Raise grievance' }));
    expect(await screen.findByText('Enter a subject.')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/privacy/my-grievances')).toHaveLength(0);
    await user.click(screen.getByRole('textbox', { name: /About a child/ }));
    await user.click(await screen.findByRole('option', { name: 'Anaya Sharma (GR0001)' }));
    await user.type(screen.getByRole('textbox', { name: /Subject/ }), 'Photos shared');
    await user.type(screen.getByRole('textbox', { name: /Your grievance/ }), 'Please remove them.');
    await user.click(screen.getByRole('button', { name: 'Raise grievance' }));
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/privacy/my-grievances')[0]?.body).toEqual({
        category: 'data_access',
        subject: 'Photos shared',
        text: 'Please remove them.',
        studentId: CHILD,
      }),
    );
    expect(await screen.findByText(/Grievance raised; the school will answer by/)).toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/privacy/grievances')).toHaveLength(0);
  });
});
