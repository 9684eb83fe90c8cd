import type { AuditEventDto } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobText, captureDownloads } from '../../../test/downloads';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, meWith } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const event = (seq: number, fields: Partial<AuditEventDto> = {}): AuditEventDto => ({
  seq,
  id: `0190a1b2-0000-7000-8000-00000000e${String(seq).padStart(3, '0')}`,
  occurredAt: '2025-06-02T04:30:00.000Z',
  actorUserId: adminMe.user.id,
  action: 'auth.login',
  outcome: 'success',
  targetType: 'user',
  targetId: adminMe.user.id,
  ip: '10.0.0.1',
  userAgent: 'Chrome',
  requestId: `req-${seq}`,
  details: { method: 'totp' },
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  actorName: null,
  targetName: null,
  summary: `User ${adminMe.user.id.slice(0, 8)} signed in`,
  ...fields,
});

let api: FakeApi;

beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/audit/verify', { status: 200, body: { ok: true, checked: 42, lastSeq: 42 } })
    .on('GET /api/v1/users', { status: 200, body: { items: [], nextCursor: null } })
    .on('GET /api/v1/audit/events', (request) =>
      request.query.get('cursor') === '41'
        ? { status: 200, body: { items: [event(40)], nextCursor: null } }
        : {
            status: 200,
            body: { items: [event(42, { action: 'users.invited' }), event(41)], nextCursor: '41' },
          },
    );
});
afterEach(() => api.uninstall());

describe('audit log', () => {
  it('reads each event as a sentence with the actor by name, at the school time', async () => {
    api.on('GET /api/v1/audit/events', {
      status: 200,
      body: {
        items: [
          event(43, {
            action: 'attendance.mark',
            actorName: 'Ravi Kumar',
            targetType: 'section',
            targetName: 'Class 5 A',
            summary: 'Ravi Kumar changed attendance of Class 5 A for 6 Dec 2026',
            occurredAt: '2026-12-06T04:30:00.000Z',
          }),
        ],
        nextCursor: null,
      },
    });
    const { user } = renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Audit events' });
    const [row] = within(table).getAllByTestId('audit-row');
    expect(row).toHaveTextContent('Ravi Kumar changed attendance of Class 5 A for 6 Dec 2026');
    expect(within(row!).getByText('Ravi Kumar')).toBeInTheDocument();
    // 04:30 UTC is 10:00 in Asia/Kolkata, the school's time zone
    expect(row).toHaveTextContent(/10:00/);
    expect(screen.getByText('Times are in Asia/Kolkata.')).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Show details of event 43' }));
    expect(within(table).getByText('Class 5 A')).toBeInTheDocument();
    expect(within(table).getByText(adminMe.user.id)).toBeInTheDocument();
  });

  it('shows that the chain verified, with the number of events checked', async () => {
    renderApp('/audit');
    expect(await screen.findByText('Chain verified: 42 events')).toBeInTheDocument();
  });

  it('names the first broken event and the reason when the chain does not verify', async () => {
    api.on('GET /api/v1/audit/verify', {
      status: 200,
      body: { ok: false, checked: 16, firstBrokenSeq: 17, reason: 'event 17 was altered' },
    });
    renderApp('/audit');

    const status = await screen.findByRole('alert');
    expect(status).toHaveTextContent('Chain broken at event 17: event 17 was altered');
    expect(status).toHaveAttribute('data-testid', 'audit-chain-status');
    expect(screen.queryByText(/Chain verified/)).not.toBeInTheDocument();
  });

  it('loads older events with the cursor and shows the details of an event on demand', async () => {
    const { user } = renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Audit events' });
    expect(within(table).getAllByTestId('audit-row')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Load older events' }));
    await waitFor(() => expect(within(table).getAllByTestId('audit-row')).toHaveLength(3));
    expect(api.requestsTo('GET /api/v1/audit/events')[1]?.query.get('cursor')).toBe('41');

    const toggle = within(table).getByRole('button', { name: 'Show details of event 41' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(within(table).getByRole('button', { name: 'Hide details of event 41' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(within(table).getByText('req-41')).toBeInTheDocument();
    expect(within(table).getByText(/"method": "totp"/)).toBeInTheDocument();
  });

  it('sends the action and outcome filters with the events request', async () => {
    const { user } = renderApp('/audit');
    await screen.findByRole('table', { name: 'Audit events' });

    await user.type(screen.getByLabelText('Action'), 'auth.*');
    await user.click(screen.getByRole('textbox', { name: 'Outcome' }));
    await user.click(await screen.findByRole('option', { name: 'Failure' }));
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    await waitFor(() =>
      expect(api.requestsTo('GET /api/v1/audit/events').at(-1)?.query.get('action')).toBe('auth.*'),
    );
    expect(api.requestsTo('GET /api/v1/audit/events').at(-1)?.query.get('outcome')).toBe('failure');
  });

  it('refuses an action filter the API would reject', async () => {
    const { user } = renderApp('/audit');
    await screen.findByRole('table', { name: 'Audit events' });
    await user.type(screen.getByLabelText('Action'), 'auth login');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(await screen.findByText(/Use a dotted action such as auth.login/)).toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/audit/events')).toHaveLength(1);
  });

  it('exports in the chosen format with the applied filters, with the token in the header only', async () => {
    const downloads = captureDownloads();
    api.on('GET /api/v1/audit/export', (request) => ({
      status: 200,
      body: request.query.get('format') === 'csv' ? 'seq,id,occurredAt\n' : '[\n]\n',
      headers: {
        'content-type': request.query.get('format') === 'csv' ? 'text/csv' : 'application/json',
        'content-disposition': `attachment; filename="audit-2025-06-02.${request.query.get('format')}"`,
      },
    }));
    const { user } = renderApp('/audit');
    await screen.findByRole('table', { name: 'Audit events' });
    await user.type(screen.getByLabelText('Action'), 'users.*');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads.files).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(downloads.files).toHaveLength(2));

    const [csv, json] = api.requestsTo('GET /api/v1/audit/export');
    expect(Object.fromEntries(csv!.query)).toEqual({ action: 'users.*', format: 'csv' });
    expect(Object.fromEntries(json!.query)).toEqual({ action: 'users.*', format: 'json' });
    expect(csv!.headers.get('Authorization')).toMatch(/^Bearer /);
    expect(downloads.files.map((file) => file.name)).toEqual([
      'audit-2025-06-02.csv',
      'audit-2025-06-02.json',
    ]);
    expect(await blobText(downloads.files[0]!.blob)).toBe('seq,id,occurredAt\n');
  });

  it('offers no export to a reader without audit.export', async () => {
    givenSignedInTeacher(api, meWith(['audit.read']));
    renderApp('/audit');
    await screen.findByRole('table', { name: 'Audit events' });
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });

  it('says what to do when no event matches the filters', async () => {
    api.on('GET /api/v1/audit/events', { status: 200, body: { items: [], nextCursor: null } });
    renderApp('/audit');
    expect(
      await screen.findByText(
        'Nothing has been recorded yet. Events appear here as people sign in and make changes.',
      ),
    ).toBeInTheDocument();
  });
});
