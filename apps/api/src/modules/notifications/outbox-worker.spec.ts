import { describe, expect, it } from 'vitest';
import { withoutAddresses } from './outbox-worker.service';

describe('provider error reasons', () => {
  it('[DAT-05] keep addresses and phone numbers out of what is logged and stored', () => {
    expect(
      withoutAddresses('smtp: EENVELOPE 550 <asha.parent@example.com>: Recipient address rejected'),
    ).toBe('smtp: EENVELOPE 550 <[address]>: Recipient address rejected');
    expect(
      withoutAddresses('whatsapp answered 400: (#131030) +91 98123 45678 not in allowed list (code 131030)'),
    ).toBe('whatsapp answered 400: (#131030) [number] not in allowed list (code 131030)');
  });
});
