import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { ChannelView, SmsChannelInput } from '@shala/contracts';
import { channelView } from '../test/notifications-fixtures';

const API_KEY = 'sk-live-gateway-8f3a9c';
const SMS = 'PUT /api/v1/notifications/channels/sms';

let api: FakeApi;
let channels: ChannelView[];
beforeEach(() => {
  channels = [channelView('email'), channelView('sms'), channelView('whatsapp')];
  api = givenSignedIn(installFakeApi(), adminMe)
    .on('GET /api/v1/notifications/channels', () => ({ status: 200, body: { items: channels } }))
    .on('GET /api/v1/notifications/settings', {
      status: 200,
      body: { quietHours: null, defaultLanguage: 'en', timeZone: 'Asia/Kolkata' },
    })
    // Like the API: the credential is kept, and only whether it is set comes back.
    .on(SMS, (request) => {
      const body = request.body as SmsChannelInput;
      const saved = channelView('sms', {
        enabled: body.enabled,
        ready: body.enabled,
        settings: { entityId: body.entityId, senderHeader: body.senderHeader },
        secrets: {
          apiKey: {
            set:
              typeof body.apiKey === 'string' ||
              (body.apiKey === undefined && channels[1]!.secrets.apiKey!.set),
          },
        },
        updatedAt: '2026-05-02T03:30:00.000Z',
      });
      channels = [channels[0]!, saved, channels[2]!];
      return { status: 200, body: saved };
    });
});
afterEach(() => api.uninstall());

async function smsCard() {
  const view = renderApp('/notifications?tab=channels');
  return { ...view, card: await screen.findByRole('region', { name: 'SMS' }) };
}

describe('channel settings', () => {
  it('saves the SMS gateway and never shows the key again, only that it is set', async () => {
    const { user, card } = await smsCard();
    expect(within(card).getByLabelText(/^Gateway API key/)).toHaveAccessibleName('Gateway API key Not set');
    await user.click(within(card).getByRole('switch', { name: 'Enabled: SMS' }));
    await user.type(
      within(card).getByRole('textbox', { name: 'DLT principal entity id' }),
      '1101234567890123456',
    );
    await user.type(within(card).getByRole('textbox', { name: /Sender header/ }), 'GRNWDS');
    const key = within(card).getByLabelText(/^Gateway API key/);
    expect(key).toHaveAttribute('type', 'password');
    expect(key).toHaveAttribute('autocomplete', 'new-password');
    await user.type(key, API_KEY);
    await user.click(within(card).getByRole('button', { name: 'Save SMS settings' }));

    await waitFor(() => expect(api.requestsTo(SMS)).toHaveLength(1));
    expect(api.requestsTo(SMS)[0]?.body).toEqual({
      enabled: true,
      entityId: '1101234567890123456',
      senderHeader: 'GRNWDS',
      apiKey: API_KEY,
    });
    await waitFor(() =>
      expect(within(card).getByLabelText(/^Gateway API key/)).toHaveAccessibleName('Gateway API key Set'),
    );
    expect(within(card).getByLabelText(/^Gateway API key/)).toHaveValue('');
    expect(within(card).getByText('Ready')).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(API_KEY);
    // Saving again without typing a key keeps the saved one: the body leaves it out.
    await user.click(within(card).getByRole('button', { name: 'Save SMS settings' }));
    await waitFor(() => expect(api.requestsTo(SMS)).toHaveLength(2));
    expect(api.requestsTo(SMS)[1]?.body).not.toHaveProperty('apiKey');
  });

  it('puts "needed to enable" on the missing credential when the API refuses to enable the channel', async () => {
    api.on(
      SMS,
      envelope(
        422,
        'NOTIFICATION_CHANNEL_INCOMPLETE',
        'The sms channel cannot be enabled yet: apiKey is not set.',
        [{ field: 'sms', message: 'apiKey is not set' }],
      ),
    );
    const { user, card } = await smsCard();
    await user.click(within(card).getByRole('switch', { name: 'Enabled: SMS' }));
    await user.click(within(card).getByRole('button', { name: 'Save SMS settings' }));
    const key = within(card).getByLabelText(/^Gateway API key/);
    await waitFor(() => expect(key).toHaveAttribute('aria-invalid', 'true'));
    expect(key).toHaveAccessibleDescription('Needed to enable the channel');
    expect(within(card).getByText(/cannot be enabled yet/)).toBeInTheDocument();
  });

  it('checks the DLT formats before sending', async () => {
    const { user, card } = await smsCard();
    await user.type(within(card).getByRole('textbox', { name: 'DLT principal entity id' }), '12ab');
    await user.type(within(card).getByRole('textbox', { name: /Sender header/ }), 'GREENWOOD-HIGH');
    await user.type(within(card).getByLabelText(/^Gateway API key/), 'short');
    await user.click(within(card).getByRole('button', { name: 'Save SMS settings' }));
    expect(await within(card).findByText('Digits only (6–30)')).toBeInTheDocument();
    expect(within(card).getByText('3–11 letters or digits')).toBeInTheDocument();
    expect(within(card).getByText('At least 8 characters')).toBeInTheDocument();
    expect(api.requestsTo(SMS)).toHaveLength(0);
  });

  it('removes a saved credential only after confirming, sending null', async () => {
    channels[1] = channelView('sms', { secrets: { apiKey: { set: true }, webhookSecret: { set: false } } });
    const { user, card } = await smsCard();
    expect(within(card).getByLabelText(/^Gateway API key/)).toHaveAccessibleName('Gateway API key Set');
    await user.click(within(card).getByRole('checkbox', { name: 'Remove the saved Gateway API key' }));
    await user.click(within(card).getByRole('button', { name: 'Save SMS settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove saved credentials?' });
    expect(api.requestsTo(SMS)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Save and remove' }));
    await waitFor(() => expect(api.requestsTo(SMS)).toHaveLength(1));
    expect(api.requestsTo(SMS)[0]?.body).toMatchObject({ apiKey: null });
  });

  it('shows the WhatsApp credentials as set or not set and the webhook URL to register', async () => {
    channels[2] = channelView('whatsapp', {
      secrets: { accessToken: { set: true }, appSecret: { set: false }, verifyToken: { set: true } },
      problems: ['appSecret is not set'],
    });
    renderApp('/notifications?tab=channels');
    const card = await screen.findByRole('region', { name: 'WhatsApp' });
    expect(within(card).getByLabelText(/^Access token/)).toHaveAccessibleName('Access token Set');
    expect(within(card).getByLabelText(/^App secret/)).toHaveAccessibleName('App secret Not set');
    expect(within(card).getByLabelText(/^Webhook verify token/)).toHaveAccessibleName(
      'Webhook verify token Set',
    );
    expect(within(card).getByText('App secret is not set')).toBeInTheDocument();
    expect(within(card).getByText(/webhooks\/whatsapp\/greenwood-id/)).toBeInTheDocument();
    for (const name of [/^Access token/, /^App secret/, /^Webhook verify token/])
      expect(within(card).getByLabelText(name)).toHaveValue('');
  });

  it('offers the delivery report secret only when the API lists it among the credentials', async () => {
    channels[1] = channelView('sms', { secrets: { apiKey: { set: false } } });
    const { card } = await smsCard();
    expect(within(card).getByLabelText(/^Gateway API key/)).toBeInTheDocument();
    expect(within(card).queryByLabelText(/^Delivery report signing secret/)).not.toBeInTheDocument();
  });

  it('saves quiet hours in the school time zone', async () => {
    api.on('PUT /api/v1/notifications/settings', (request) => ({
      status: 200,
      body: { ...(request.body as object), timeZone: 'Asia/Kolkata' },
    }));
    const { user } = renderApp('/notifications?tab=channels');
    const card = await screen.findByRole('region', { name: 'Quiet hours and language' });
    expect(await within(card).findByText(/Asia\/Kolkata/)).toBeInTheDocument();
    await user.click(within(card).getByRole('switch', { name: 'Hold messages during quiet hours' }));
    await user.click(within(card).getByRole('button', { name: 'Save quiet hours and language' }));
    await waitFor(() => expect(api.requestsTo('PUT /api/v1/notifications/settings')).toHaveLength(1));
    expect(api.requestsTo('PUT /api/v1/notifications/settings')[0]?.body).toEqual({
      quietHours: { start: '21:00', end: '07:00' },
      defaultLanguage: 'en',
    });
  });
});
