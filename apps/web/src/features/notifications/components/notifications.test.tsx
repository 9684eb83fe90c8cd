import { Permission } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn, meWith } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { MessageView } from '@shala/contracts';

function message(id: string, patch: Partial<MessageView> = {}): MessageView {
  return {
    id,
    channel: 'sms',
    template: 'attendance.absent',
    purpose: 'attendance',
    guardianId: null,
    recipient: '+91******3210',
    status: 'delivered',
    attempts: 1,
    reason: null,
    providerMessageId: 'p-1',
    createdAt: '2026-05-02T03:30:00.000Z',
    updatedAt: '2026-05-02T03:30:00.000Z',
    nextAttemptAt: null,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    ...patch,
  };
}

let api: FakeApi;
beforeEach(() => {
  api = givenSignedIn(installFakeApi(), adminMe);
});
afterEach(() => api.uninstall());

describe('the delivery log', () => {
  it('filters by status and channel and loads more with the cursor', async () => {
    api.on('GET /api/v1/notifications/messages', (request) =>
      request.query.get('cursor') === 'c2'
        ? { status: 200, body: { items: [message('m3', { recipient: 'r***@x.test' })], nextCursor: null } }
        : { status: 200, body: { items: [message('m1'), message('m2')], nextCursor: 'c2' } },
    );
    const { user } = renderApp('/notifications');
    const log = await screen.findByRole('list', { name: 'Delivery log' });
    expect(within(log).getAllByTestId('message-row')).toHaveLength(2);
    expect(within(log).getAllByText(/^2 May 2026, 9:00 am ·/)).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('r***@x.test');
    expect(api.requestsTo('GET /api/v1/notifications/messages').at(-1)?.query.get('cursor')).toBe('c2');

    await user.click(screen.getByRole('textbox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Dead' }));
    await waitFor(() =>
      expect(api.requestsTo('GET /api/v1/notifications/messages').at(-1)?.query.get('status')).toBe('dead'),
    );
  });

  it('says what to do when nothing matches', async () => {
    api.on('GET /api/v1/notifications/messages', { status: 200, body: { items: [], nextCursor: null } });
    renderApp('/notifications');
    expect(await screen.findByText(/No messages match/)).toBeInTheDocument();
  });
});

describe('dead letters', () => {
  it('retries a dead letter after confirming', async () => {
    api
      .on('GET /api/v1/notifications/messages', { status: 200, body: { items: [], nextCursor: null } })
      .on('GET /api/v1/notifications/dead-letters', {
        status: 200,
        body: {
          items: [message('d1', { status: 'dead', reason: 'Invalid number', attempts: 5 })],
          nextCursor: null,
        },
      })
      .on('POST /api/v1/notifications/messages/d1/retry', {
        status: 200,
        body: message('d1', { status: 'queued' }),
      });
    const { user } = renderApp('/notifications');
    await user.click(await screen.findByRole('tab', { name: 'Dead letters' }));
    await screen.findByText('Invalid number');
    await user.click(screen.getByRole('button', { name: 'Retry the message to +91******3210' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry this message?' });
    expect(api.requestsTo('POST /api/v1/notifications/messages/d1/retry')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/notifications/messages/d1/retry')).toHaveLength(1),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});

describe("a parent's own consents, under My data", () => {
  it('withdraws one purpose on one channel', async () => {
    api.uninstall();
    api = givenSignedIn(
      installFakeApi(),
      meWith([Permission.PrivacyConsentManage, Permission.FeesRead, Permission.FeesPay]),
    )
      .on('GET /api/v1/notifications/my-consents', {
        status: 200,
        body: {
          items: [
            {
              guardianId: 'g1',
              fullName: 'Ravi Nair',
              reachable: { sms: true, email: true, whatsapp: false },
              consents: [
                {
                  channel: 'sms',
                  purpose: 'fee_reminders',
                  granted: true,
                  source: 'parent_app',
                  recordedAt: null,
                  recordedByUserId: null,
                },
              ],
            },
          ],
          nextCursor: null,
        },
      })
      .on('PUT /api/v1/notifications/my-consents/g1', { status: 200, body: {} })
      .on('GET /api/v1/privacy/my-student-consents', { status: 200, body: { items: [], nextCursor: null } });
    const { user } = renderApp('/privacy?tab=consents');
    expect(await screen.findByRole('heading', { name: 'My data', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Consents' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { name: 'How the school contacts you' })).toBeInTheDocument();
    const sms = await screen.findByRole('switch', { name: 'Fee reminders by SMS' });
    expect(sms).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Fee reminders by WhatsApp' })).toBeDisabled();
    await user.click(sms);
    await waitFor(() => expect(api.requestsTo('PUT /api/v1/notifications/my-consents/g1')).toHaveLength(1));
    expect(api.requestsTo('PUT /api/v1/notifications/my-consents/g1')[0]?.body).toEqual({
      changes: [{ channel: 'sms', purpose: 'fee_reminders', granted: false }],
    });
    expect(api.requestsTo('GET /api/v1/notifications/messages')).toHaveLength(0);
  });

  it('points a parent on the notifications page to My data, with no tabs and no delivery log', async () => {
    api.uninstall();
    api = givenSignedIn(installFakeApi(), meWith([Permission.PrivacyConsentManage]));
    const { user, router } = renderApp('/notifications?tab=consents');
    await user.click(await screen.findByRole('link', { name: 'Consents are under My data' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/privacy'));
    expect(router.state.location.search).toBe('?tab=consents');
    expect(screen.queryByRole('tab', { name: 'Delivery log' })).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/notifications/messages')).toHaveLength(0);
  });
});
