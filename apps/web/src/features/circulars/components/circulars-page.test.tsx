import {
  DEFAULT_ROLE_PERMISSIONS,
  DefaultRole,
  type CircularReaderView,
  type CircularView,
} from '@shala/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const parentMe = {
  ...teacherMe,
  user: { ...teacherMe.user, email: 'parent@greenwood.test' },
  roles: [DefaultRole.Parent],
  permissions: [...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]],
};

const SLIP: CircularReaderView = {
  id: '0190a1b2-0000-7000-8000-00000000c001',
  title: 'Permission slip: museum visit',
  body: 'The section visits the city museum.',
  audience: 'sections',
  requiresAck: true,
  publishedAt: '2026-11-20T05:00:00.000Z',
  attachment: null,
  readAt: null,
  acknowledgedAt: null,
};

const DRAFT: CircularView = {
  id: '0190a1b2-0000-7000-8000-00000000c002',
  title: 'Sports day',
  body: 'Bring shoes.',
  audience: 'school',
  classIds: [],
  sectionIds: [],
  requiresAck: false,
  status: 'draft',
  publishAt: null,
  publishedAt: null,
  createdAt: '2026-11-20T05:00:00.000Z',
  updatedAt: '2026-11-20T05:00:00.000Z',
  attachment: null,
  counts: null,
  notified: null,
};

let api: FakeApi;
afterEach(() => api.uninstall());

describe('circulars (parent)', () => {
  it('is in the navigation; opening a circular records the reading, and acknowledging it says so', async () => {
    let current = { ...SLIP };
    const calls: string[] = [];
    api = givenSignedInTeacher(installFakeApi(), parentMe)
      .on('GET /api/v1/circulars', () => ({ status: 200, body: { items: [current], nextCursor: null } }))
      .on(`GET /api/v1/circulars/${SLIP.id}`, () => ({ status: 200, body: current }))
      .on(`POST /api/v1/circulars/${SLIP.id}/read`, () => {
        calls.push('read');
        current = { ...current, readAt: '2026-11-20T06:00:00.000Z' };
        return { status: 200, body: current };
      })
      .on(`POST /api/v1/circulars/${SLIP.id}/acknowledge`, () => {
        calls.push('acknowledge');
        current = { ...current, acknowledgedAt: '2026-11-20T06:01:00.000Z' };
        return { status: 200, body: current };
      });
    renderApp('/circulars');
    const nav = await screen.findByRole('navigation', { name: /main/i });
    expect(await within(nav).findByRole('link', { name: 'Circulars' })).toHaveAttribute('href', '/circulars');
    const card = (await screen.findAllByTestId('circular-card'))[0]!;
    expect(within(card).getByText('New')).toBeInTheDocument();
    expect(within(card).getByText('Acknowledgement needed')).toBeInTheDocument();
    fireEvent.click(within(card).getByRole('button', { name: /^Open/ }));
    const detail = await screen.findByTestId('circular-detail');
    await waitFor(() => expect(calls).toEqual(['read']));
    fireEvent.click(within(detail).getByRole('button', { name: 'Acknowledge' }));
    expect(await screen.findByText('Thank you: your acknowledgement is recorded.')).toBeInTheDocument();
    expect(calls).toEqual(['read', 'acknowledge']);
  });
});

describe('circulars (publisher)', () => {
  it('writes a draft for the whole school and opens it to publish', async () => {
    const posted: unknown[] = [];
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on('GET /api/v1/circulars', { status: 200, body: { items: [], nextCursor: null } })
      .on('GET /api/v1/academics/classes', {
        status: 200,
        body: [{ id: 'c5', name: 'Class 5', ordinal: 5, sections: [{ id: 's5a', name: 'A' }] }],
      })
      .on('POST /api/v1/circulars', (req) => {
        posted.push(req.body);
        return { status: 201, body: DRAFT };
      })
      .on(`GET /api/v1/circulars/${DRAFT.id}`, { status: 200, body: DRAFT });
    renderApp('/circulars');
    fireEvent.click(await screen.findByRole('button', { name: 'New circular' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.input(within(dialog).getByRole('textbox', { name: /^Title/ }), {
      target: { value: 'Sports day' },
    });
    fireEvent.input(within(dialog).getByRole('textbox', { name: /^Notice/ }), {
      target: { value: 'Bring shoes.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      title: 'Sports day',
      body: 'Bring shoes.',
      audience: 'school',
      requiresAck: false,
    });
    expect(await screen.findByText('Publish now')).toBeInTheDocument();
  });

  it('says after publishing how many guardians had a message queued and how many did not, never "sent"', async () => {
    const published: CircularView = {
      ...DRAFT,
      status: 'published',
      publishedAt: '2026-11-20T06:00:00.000Z',
      counts: { addressed: 5, read: 0, acknowledged: 0 },
      notified: 2,
    };
    let current = DRAFT;
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on(`GET /api/v1/circulars/${DRAFT.id}`, () => ({ status: 200, body: current }))
      .on(`GET /api/v1/circulars/${DRAFT.id}/recipients`, {
        status: 200,
        body: { counts: published.counts, total: 5, items: [], nextCursor: null },
      })
      .on(`POST /api/v1/circulars/${DRAFT.id}/publish`, () => {
        current = published;
        return { status: 200, body: published };
      });
    renderApp(`/circulars?c=${DRAFT.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Publish now' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish this circular?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish now' }));
    const said = 'Messages queued for 2 of 5 guardians; 3 not opted in for circulars or not reachable.';
    expect(
      await screen.findByText(said, { selector: '.mantine-Notification-description' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('circular-notified')).toHaveTextContent(said);
    expect(screen.queryByText(/sent/i)).toBeNull();
  });

  it('lists who has not acknowledged a page at a time: "Show more" appends the next page and the count follows', async () => {
    const slip: CircularView = {
      ...DRAFT,
      requiresAck: true,
      status: 'published',
      publishedAt: '2026-11-20T06:00:00.000Z',
      counts: { addressed: 151, read: 3, acknowledged: 1 },
      notified: 0,
    };
    const guardians = Array.from({ length: 150 }, (_, i) => ({
      guardianId: `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`,
      guardianName: `Guardian ${i + 1}`,
      students: [`Child ${i + 1}`],
      readAt: null,
      acknowledgedAt: null,
    }));
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on(`GET /api/v1/circulars/${DRAFT.id}`, { status: 200, body: slip })
      .on(`GET /api/v1/circulars/${DRAFT.id}/recipients`, (request) => {
        const limit = Number(request.query.get('limit'));
        const after = request.query.get('cursor');
        const from = after ? guardians.findIndex((g) => g.guardianId === after) + 1 : 0;
        const items = guardians.slice(from, from + limit);
        const more = from + limit < guardians.length;
        return {
          status: 200,
          body: {
            counts: slip.counts,
            total: 150,
            items,
            nextCursor: more ? items.at(-1)!.guardianId : null,
          },
        };
      });
    renderApp(`/circulars?c=${DRAFT.id}`);
    const table = await screen.findByTestId('pending-recipients');
    expect(await screen.findByRole('heading', { name: 'Not yet acknowledged (150)' })).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 100);
    expect(screen.getByTestId('pending-shown')).toHaveTextContent('Showing 100 of 150');
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(1 + 150));
    expect(within(table).getByText('Guardian 1')).toBeInTheDocument();
    expect(within(table).getByText('Guardian 150')).toBeInTheDocument();
    expect(screen.getByTestId('pending-shown')).toHaveTextContent('Showing 150 of 150');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    const asked = api.requestsTo(`GET /api/v1/circulars/${DRAFT.id}/recipients`);
    expect(asked.map((r) => [r.query.get('pending'), r.query.get('cursor')])).toEqual([
      ['acknowledged', null],
      ['acknowledged', guardians[99]!.guardianId],
    ]);
  });
});
