import { z } from 'zod';
import {
  GatewayOrder,
  PaymentGateway,
  WebhookEvent,
  parseRazorpayEvent,
  verifyHexHmac,
} from './payment-gateway';

export interface RazorpayCredentials {
  keyId: string;
  keySecret: string;
  baseUrl?: string;
}

const orderResponse = z
  .object({ id: z.string().min(1).max(64), amount: z.number(), currency: z.string() })
  .passthrough();

/**
 * Razorpay (https://razorpay.com/docs/api/orders/create/): POST /v1/orders with Basic auth key_id:key_secret
 * and { amount (paise), currency, receipt, notes }; Standard Checkout opens with key and order_id; webhooks
 * carry X-Razorpay-Signature = hex HMAC-SHA256 of the raw body under the webhook secret and
 * X-Razorpay-Event-Id.
 */
export class RazorpayGateway implements PaymentGateway {
  readonly name = 'razorpay';

  constructor(
    private readonly credentials: RazorpayCredentials,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async createOrder(input: {
    amount: number;
    currency: string;
    receipt: string;
    notes: Record<string, string>;
  }): Promise<GatewayOrder> {
    const auth = Buffer.from(`${this.credentials.keyId}:${this.credentials.keySecret}`).toString('base64');
    const res = await this.fetchFn(`${this.credentials.baseUrl ?? 'https://api.razorpay.com'}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: input.amount,
        currency: input.currency,
        receipt: input.receipt.slice(0, 40),
        notes: input.notes,
      }),
    });
    if (!res.ok) throw new Error(`Razorpay order creation failed with HTTP ${res.status}`);
    const order = orderResponse.parse(await res.json());
    return {
      providerOrderId: order.id,
      checkout: {
        provider: this.name,
        key: this.credentials.keyId,
        order_id: order.id,
        amount: input.amount,
        currency: input.currency,
      },
    };
  }

  verifySignature(raw: Buffer, signature: string | undefined, secret: string): boolean {
    return verifyHexHmac(raw, signature, secret);
  }

  parseEvent(raw: Buffer, headerEventId: string | undefined): WebhookEvent {
    return parseRazorpayEvent(raw, headerEventId);
  }
}
