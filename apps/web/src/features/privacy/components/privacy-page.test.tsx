import {
  DEFAULT_ROLE_PERMISSIONS,
  DefaultRole,
  type PrivacyArchiveView,
  type PrivacyRequestView,
} from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDownloads } from '../../../test/downloads';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const CHILD = '0190a1b2-0000-7000-8000-00000000c111';
const parentMe = {
  ...teacherMe,
  user: { ...teacherMe.user, id: '0190a1b2-0000-7000-8000-0000000000pa', email: 'parent@greenwood.test' },
  roles: [DefaultRole.Parent],
  permissions: [...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]],
};

function request(over: Partial<PrivacyRequestView>): PrivacyRequestView {
  return {
    id: '0190a1b2-0000-7000-8000-00000000a001',
    type: 'access',
    subjectType: 'student',
    subjectId: CHILD,
    subjectName: 'Anaya Sharma',
    status: 'open',
    details: null,
    raisedBy: 'staff',
    requestedByUserId: adminMe.user.id,
    receivedAt: '2026-05-01T04:00:00.000Z',
    dueAt: '2026-05-31T04:00:00.000Z',
    closedAt: null,
    refusalReason: null,
    overdue: false,
    ...over,
  };
}

const overdueOne = request({
  id: '0190a1b2-0000-7000-8000-00000000a002',
  type: 'correction',
  subjectName: 'Kabir Rao',
  overdue: true,
  status: 'in_progress',
});

let api: FakeApi;
let archive: PrivacyArchiveView;

beforeEach(() => {
  archive = { requestId: request({}).id, status: 'running', done: 3, total: 27, expiresAt: null };
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/privacy/requests', {
      status: 200,
      body: { items: [request({}), overdueOne], nextCursor: null },
    })
    .on(`GET /api/v1/privacy/requests/${request({}).id}/archive`, () => ({ status: 200, body: archive }))
    .on(`GET /api/v1/privacy/requests/${request({}).id}/archive/download`, {
      status: 200,
      body: 'PK',
      headers: {
        'content-type': 'application/zip',
        'content-disposition': 'attachment; filename="privacy-archive-student-a001.zip"',
      },
    })
    .on(`POST /api/v1/privacy/requests/${overdueOne.id}/transitions`, (req) => ({
      status: 200,
      body: { ...overdueOne, ...(req.body as object) },
    }));
});
afterEach(() => api.uninstall());

describe('privacy page (admin)', () => {
  it('is in the navigation, and lists requests with their due dates and an overdue badge', async () => {
    renderApp('/privacy');
    const nav = await screen.findByRole('navigation', { name: /main/i });
    expect(await within(nav).findByRole('link', { name: 'Privacy' })).toHaveAttribute('href', '/privacy');
    const rows = await screen.findAllByTestId('privacy-request');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Anaya Sharma')).toBeInTheDocument();
    expect(within(rows[0]!).queryByTestId('overdue-badge')).not.toBeInTheDocument();
    expect(within(rows[1]!).getByTestId('overdue-badge')).toHaveTextContent('Overdue');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Due');
  });

  it('asks for overdue requests only when the box is ticked', async () => {
    const { user } = renderApp('/privacy');
    await screen.findAllByTestId('privacy-request');
    await user.click(screen.getByRole('checkbox', { name: 'Only overdue' }));
    await waitFor(() =>
      expect(
        api.requestsTo('GET /api/v1/privacy/requests').some((r) => r.query.get('overdue') === 'true'),
      ).toBe(true),
    );
  });

  it('will not refuse a request without a reason, and sends the reason it is given', async () => {
    const { user } = renderApp('/privacy');
    await screen.findAllByTestId('privacy-request');
    await user.click(screen.getAllByRole('button', { name: 'Refuse' })[1]!);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Refuse request' }));
    expect(await within(dialog).findByText('A refusal needs a reason.')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/privacy/requests/${overdueOne.id}/transitions`)).toHaveLength(0);
    await user.type(within(dialog).getByRole('textbox', { name: /Reason for refusal/ }), 'Statutory record');
    await user.click(within(dialog).getByRole('button', { name: 'Refuse request' }));
    await waitFor(() =>
      expect(api.requestsTo(`POST /api/v1/privacy/requests/${overdueOne.id}/transitions`)[0]?.body).toEqual({
        status: 'refused',
        reason: 'Statutory record',
      }),
    );
  });

  it('shows the archive progress, then downloads it once ready', async () => {
    const downloads = captureDownloads();
    const { user } = renderApp('/privacy');
    expect(await screen.findByText('Preparing the archive: 3 of 27 tables')).toBeInTheDocument();
    archive = { ...archive, status: 'done', done: 27, expiresAt: '2026-05-08T04:00:00.000Z' };
    const button = await screen.findByRole('button', { name: 'Download archive (ZIP)' }, { timeout: 4000 });
    await user.click(button);
    await waitFor(() =>
      expect(downloads.files.map((f) => f.name)).toEqual(['privacy-archive-student-a001.zip']),
    );
  });

  it('does not offer the archive of a request someone else raised', async () => {
    api.on('GET /api/v1/privacy/requests', {
      status: 200,
      body: {
        items: [request({ requestedByUserId: '0190a1b2-0000-7000-8000-0000000000zz' })],
        nextCursor: null,
      },
    });
    renderApp('/privacy');
    expect(
      await screen.findByText('Only the person who raised the request can download its archive.'),
    ).toBeInTheDocument();
    expect(api.requestsTo(`GET /api/v1/privacy/requests/${request({}).id}/archive`)).toHaveLength(0);
  });
});

describe('my data (parent)', () => {
  it('asks for a correction only with what is wrong, and sends an erasure request about the child', async () => {
    api.uninstall();
    const sent = request({ raisedBy: 'parent', requestedByUserId: parentMe.user.id, type: 'correction' });
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
      .on('POST /api/v1/privacy/my-requests', { status: 201, body: sent });
    const { user } = renderApp('/privacy');
    await user.click(await screen.findByRole('button', { name: 'Ask to correct, erase or restrict…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ask about your child’s data' });
    await user.click(within(dialog).getByRole('button', { name: 'Send the request' }));
    expect(await within(dialog).findByText('Say what is wrong.')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/privacy/my-requests')).toHaveLength(0);
    await user.type(
      within(dialog).getByRole('textbox', { name: /What is wrong/ }),
      'Date of birth is 2 April, not 4 February',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send the request' }));
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/privacy/my-requests')[0]?.body).toEqual({
        type: 'correction',
        subjectType: 'student',
        subjectId: CHILD,
        details: 'Date of birth is 2 April, not 4 February',
      }),
    );
    expect(await screen.findByText(/Sent. The school will answer by/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Ask to correct, erase or restrict…' }));
    const again = await screen.findByRole('dialog', { name: 'Ask about your child’s data' });
    await user.click(within(again).getByRole('textbox', { name: 'What do you ask for?' }));
    await user.click(await screen.findByRole('option', { name: 'Erase my child’s data' }));
    await user.click(within(again).getByRole('button', { name: 'Send the request' }));
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/privacy/my-requests')[1]?.body).toEqual({
        type: 'erasure',
        subjectType: 'student',
        subjectId: CHILD,
      }),
    );
  });

  it('is "My data" in the navigation, and the requested message follows the archive until it is ready', async () => {
    api.uninstall();
    const mine = request({ raisedBy: 'parent', requestedByUserId: parentMe.user.id });
    let mineArchive: PrivacyArchiveView = {
      requestId: mine.id,
      status: 'running',
      done: 1,
      total: 27,
      expiresAt: null,
    };
    let listed: PrivacyRequestView[] = [];
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
      .on('GET /api/v1/privacy/my-requests', () => ({
        status: 200,
        body: { items: listed, nextCursor: null },
      }))
      .on(`GET /api/v1/privacy/my-requests/${mine.id}/archive`, () => ({ status: 200, body: mineArchive }))
      .on('POST /api/v1/privacy/my-requests', () => {
        listed = [mine];
        return { status: 201, body: mine };
      });
    const { user } = renderApp('/privacy');
    const nav = await screen.findByRole('navigation', { name: /main/i });
    expect(await within(nav).findByRole('link', { name: 'My data' })).toHaveAttribute('href', '/privacy');
    expect(within(nav).queryByRole('link', { name: 'Privacy' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Request a copy of my child’s data' }));
    expect(await screen.findByTestId('asked-status')).toHaveTextContent('The archive is being prepared.');
    mineArchive = { ...mineArchive, status: 'done', done: 27, expiresAt: '2026-05-08T04:00:00.000Z' };
    await waitFor(() => expect(screen.getByTestId('asked-status')).toHaveTextContent('Your copy is ready'), {
      timeout: 4000,
    });
    const polls = api.requestsTo(`GET /api/v1/privacy/my-requests/${mine.id}/archive`).length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Ready: no more polling.
    expect(api.requestsTo(`GET /api/v1/privacy/my-requests/${mine.id}/archive`).length).toBe(polls);
  });

  it("asks for a copy of the child's data and lists the parent's own requests", async () => {
    api.uninstall();
    const mine = request({ raisedBy: 'parent', requestedByUserId: parentMe.user.id });
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
      .on('GET /api/v1/privacy/my-requests', { status: 200, body: { items: [mine], nextCursor: null } })
      .on(`GET /api/v1/privacy/my-requests/${mine.id}/archive`, {
        status: 200,
        body: {
          requestId: mine.id,
          status: 'done',
          done: 27,
          total: 27,
          expiresAt: '2026-05-08T04:00:00.000Z',
        },
      })
      .on('POST /api/v1/privacy/my-requests', { status: 201, body: mine });
    const { user } = renderApp('/privacy');
    expect(await screen.findByRole('heading', { name: 'My data' })).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Request a copy of my child’s data' }));
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/privacy/my-requests')[0]?.body).toEqual({
        type: 'access',
        subjectType: 'student',
        subjectId: CHILD,
      }),
    );
    expect(await screen.findByRole('button', { name: 'Download archive (ZIP)' })).toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/privacy/requests')).toHaveLength(0);
  });
});
