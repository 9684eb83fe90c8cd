import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RazorpayGateway } from './razorpay.gateway';
import { SandboxGateway } from './sandbox.gateway';

describe('RazorpayGateway', () => {
  it('creates an order with POST /v1/orders, Basic auth and amount, currency, receipt', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(
        JSON.stringify({ id: 'order_Abc123', amount: 50000, currency: 'INR', status: 'created' }),
        {
          status: 200,
        },
      );
    }) as unknown as typeof fetch;
    const gateway = new RazorpayGateway({ keyId: 'rzp_test_key', keySecret: 'sekret' }, fakeFetch);
    const order = await gateway.createOrder({
      amount: 50000,
      currency: 'INR',
      receipt: 'r-1',
      notes: { a: 'b' },
    });
    expect(order.providerOrderId).toBe('order_Abc123');
    expect(order.checkout).toMatchObject({ key: 'rzp_test_key', order_id: 'order_Abc123' });
    expect(calls[0]!.url).toBe('https://api.razorpay.com/v1/orders');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe(
      `Basic ${Buffer.from('rzp_test_key:sekret').toString('base64')}`,
    );
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      amount: 50000,
      currency: 'INR',
      receipt: 'r-1',
      notes: { a: 'b' },
    });
  });

  it('[APP-07] verifies X-Razorpay-Signature as hex HMAC-SHA256 of the raw body', () => {
    const gateway = new RazorpayGateway({ keyId: 'k', keySecret: 's' });
    const raw = SandboxGateway.capturedEvent('order_1', 1000, 'INR');
    const good = createHmac('sha256', 'whsec').update(raw).digest('hex');
    expect(gateway.verifySignature(raw, good, 'whsec')).toBe(true);
    expect(gateway.verifySignature(raw, good.toUpperCase(), 'whsec')).toBe(true);
    expect(gateway.verifySignature(raw, good, 'other')).toBe(false);
    expect(gateway.verifySignature(Buffer.concat([raw, Buffer.from(' ')]), good, 'whsec')).toBe(false);
    expect(gateway.verifySignature(raw, undefined, 'whsec')).toBe(false);
    const event = gateway.parseEvent(raw, 'evt_1');
    expect(event).toMatchObject({
      eventId: 'evt_1',
      outcome: 'captured',
      providerOrderId: 'order_1',
      amount: 1000,
    });
  });
});
