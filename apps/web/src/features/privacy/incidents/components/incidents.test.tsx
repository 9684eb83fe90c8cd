import type { IncidentView } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../../test/fake-api';
import { adminMe, givenSignedInTeacher, greenwood, operatorMe } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const DETECTED = '2026-05-01T04:00:00.000Z';
const clock = (
  key: 'schools' | 'board' | 'meta',
  hours: number,
  state: IncidentView['clocks'][number]['state'],
) => ({
  key,
  hours,
  deadline: new Date(new Date(DETECTED).getTime() + hours * 3_600_000).toISOString(),
  notifiedAt: null,
  state,
});

function incident(over: Partial<IncidentView>): IncidentView {
  return {
    id: '0190a1b2-0000-7000-8000-00000000i001',
    origin: 'school',
    status: 'open',
    detectedAt: DETECTED,
    nature: 'Mis-sent report cards',
    description: 'Report cards went to the wrong parents.',
    categories: ['academic'],
    subjectsCount: 40,
    containment: null,
    mitigation: null,
    whatsappInvolved: true,
    clocks: [
      clock('schools', 24, 'overdue'),
      clock('board', 72, 'pending'),
      clock('meta', 48, 'done_on_time'),
    ],
    affectedSchools: null,
    affectedSchoolCount: 1,
    editable: true,
    rootCause: null,
    closedAt: null,
    createdAt: DETECTED,
    events: [
      {
        id: 'e1',
        kind: 'created',
        text: 'Mis-sent report cards',
        target: null,
        at: DETECTED,
        actorUserId: 'u1',
        actorName: 'Anita Rao',
      },
    ],
    notice: null,
    ...over,
  };
}

const own = incident({});
const operators = incident({
  id: '0190a1b2-0000-7000-8000-00000000i002',
  origin: 'platform',
  nature: 'Vendor leak',
  affectedSchoolCount: 3,
  editable: false,
});

let api: FakeApi;
afterEach(() => api.uninstall());

describe('incidents tab (school admin)', () => {
  function givenAdmin() {
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on('GET /api/v1/privacy/requests', { status: 200, body: { items: [], nextCursor: null } })
      .on('GET /api/v1/privacy/incidents', {
        status: 200,
        body: { items: [own, operators], nextCursor: null },
      })
      .on('POST /api/v1/privacy/incidents', (req) => ({
        status: 201,
        body: {
          ...own,
          ...(req.body as object),
          notice: { status: 'no_channel', messages: 2, schoolsWithoutChannel: 1 },
        },
      }))
      .on(`POST /api/v1/privacy/incidents/${own.id}/close`, (req) => ({
        status: 200,
        body: { ...own, status: 'closed', editable: false, ...(req.body as object) },
      }));
  }

  it('lists incidents with a badge per clock and marks the operator’s as read-only', async () => {
    givenAdmin();
    const { user } = renderApp('/privacy?tab=incidents');
    const rows = await screen.findAllByTestId('incident');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByTestId('clock-schools')).toHaveAttribute('data-state', 'overdue');
    expect(within(rows[0]!).getByTestId('clock-schools')).toHaveTextContent(/overdue since/);
    expect(within(rows[0]!).getByTestId('clock-meta')).toHaveTextContent('notified on time');
    expect(within(rows[1]!).getByText('Recorded by the platform operator')).toBeInTheDocument();
    await user.click(within(rows[1]!).getByRole('button', { name: 'Details' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/platform operator manages this incident/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Close incident' })).not.toBeInTheDocument();
  });

  it('will not close without a root cause, then closes with it; the timeline shows who did what', async () => {
    givenAdmin();
    const { user } = renderApp('/privacy?tab=incidents');
    const rows = await screen.findAllByTestId('incident');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Details' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('incident-timeline')).toHaveTextContent('Anita Rao');
    await user.click(within(dialog).getByRole('button', { name: 'Close incident' }));
    expect(await within(dialog).findByText('The root cause is required to close.')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/privacy/incidents/${own.id}/close`)).toHaveLength(0);
    await user.type(within(dialog).getByRole('textbox', { name: /Root cause/ }), 'Stale mailing list');
    await user.click(within(dialog).getByRole('button', { name: 'Close incident' }));
    await waitFor(() =>
      expect(api.requestsTo(`POST /api/v1/privacy/incidents/${own.id}/close`)[0]?.body).toEqual({
        rootCause: 'Stale mailing list',
      }),
    );
  });

  it('records an incident and says when notices wait for an email channel (never "sent")', async () => {
    givenAdmin();
    const { user } = renderApp('/privacy?tab=incidents');
    await screen.findAllByTestId('incident');
    await user.click(screen.getByRole('button', { name: 'Record an incident' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByText('Choose at least one kind of data.')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/privacy/incidents')).toHaveLength(0);
    await user.type(within(dialog).getByRole('textbox', { name: /What happened/ }), 'Lost register');
    await user.type(
      within(dialog).getByRole('textbox', { name: /^Description/ }),
      'A paper register was lost.',
    );
    await user.click(within(dialog).getByRole('textbox', { name: /Data affected/ }));
    await user.click(await screen.findByRole('option', { name: 'Attendance' }));
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/privacy/incidents')).toHaveLength(1));
    const body = api.requestsTo('POST /api/v1/privacy/incidents')[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      nature: 'Lost register',
      categories: ['attendance'],
      whatsappInvolved: false,
    });
    expect(body).not.toHaveProperty('institutionIds');
    const notice = await screen.findByTestId('incident-notice');
    expect(notice).toHaveTextContent(/no email channel/);
    expect(notice).not.toHaveTextContent(/sent/i);
  });
});

describe('incidents tab (operator)', () => {
  it('shows the affected schools and asks for at least one when recording', async () => {
    api = givenSignedInTeacher(installFakeApi(), operatorMe)
      .on('GET /api/v1/platform/institutions', {
        status: 200,
        body: { items: [{ ...greenwood, createdAt: DETECTED }], nextCursor: null },
      })
      .on('GET /api/v1/platform/incidents', {
        status: 200,
        body: {
          items: [
            { ...operators, editable: true, affectedSchools: [{ id: greenwood.id, name: greenwood.name }] },
          ],
          nextCursor: null,
        },
      });
    const { user } = renderApp('/platform/institutions?tab=incidents');
    const [row] = await screen.findAllByTestId('incident');
    expect(row).toHaveTextContent('3 schools affected');
    await user.click(screen.getByRole('button', { name: 'Record an incident' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByText('Choose at least one school.')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/platform/incidents')).toHaveLength(0);
  });
});
