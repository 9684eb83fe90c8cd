import { describe, expect, it } from 'vitest';
import { channelView } from '../test/notifications-fixtures';
import { channelFieldOf, channelFormValues, channelInputOf } from './channel.schema';

describe('channel form', () => {
  it('never starts a credential field from the API, only blank', () => {
    const values = channelFormValues(channelView('sms', { secrets: { apiKey: { set: true } } }));
    expect(values.secrets).toEqual({ apiKey: '' });
  });

  it('sends a credential only when typed, null when marked for removal, nothing otherwise', () => {
    const base = channelFormValues(channelView('whatsapp'));
    const body = channelInputOf('whatsapp', {
      ...base,
      settings: { phoneNumberId: ' 106540352242922 ', businessAccountId: '' },
      secrets: { accessToken: 'EAAG-access-token-0001', appSecret: '', verifyToken: '' },
      remove: { accessToken: false, appSecret: false, verifyToken: true },
    }).body;
    expect(body).toEqual({
      enabled: false,
      phoneNumberId: '106540352242922',
      businessAccountId: null,
      accessToken: 'EAAG-access-token-0001',
      verifyToken: null,
    });
    expect(body).not.toHaveProperty('appSecret');
  });

  it('places API errors: a 400 by DTO field, a 422 "<field> is not set" by the field it names', () => {
    expect(channelFieldOf('sms', { field: 'senderHeader', message: 'must be 3-11' })).toEqual({
      path: 'settings.senderHeader',
      missing: false,
    });
    expect(channelFieldOf('sms', { field: 'sms', message: 'apiKey is not set' })).toEqual({
      path: 'secrets.apiKey',
      missing: true,
    });
    expect(channelFieldOf('sms', { field: 'sms', message: 'the server has no SMS_GATEWAY_URL' })).toBeNull();
  });
});
