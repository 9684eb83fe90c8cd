import { randomBytes } from 'node:crypto';
import {
  GatewayOrder,
  PaymentGateway,
  WebhookEvent,
  parseRazorpayEvent,
  verifyHexHmac,
} from './payment-gateway';

/**
 * A local stand-in for a gateway, for the demo and tests: orders are made up locally, its "checkout"
 * completes a payment by posting a Razorpay-shaped, correctly signed payment.captured event to the same
 * webhook path a real provider uses.
 */
export class SandboxGateway implements PaymentGateway {
  readonly name = 'sandbox';

  createOrder(input: { amount: number; currency: string }): Promise<GatewayOrder> {
    const providerOrderId = `order_sbx_${randomBytes(8).toString('hex')}`;
    return Promise.resolve({
      providerOrderId,
      checkout: {
        provider: this.name,
        order_id: providerOrderId,
        amount: input.amount,
        currency: input.currency,
      },
    });
  }

  verifySignature(raw: Buffer, signature: string | undefined, secret: string): boolean {
    return verifyHexHmac(raw, signature, secret);
  }

  parseEvent(raw: Buffer, headerEventId: string | undefined): WebhookEvent {
    return parseRazorpayEvent(raw, headerEventId);
  }

  /** The body of a payment.captured event for an order, as Razorpay would send it. */
  static capturedEvent(providerOrderId: string, amount: number, currency: string): Buffer {
    const paymentId = `pay_sbx_${randomBytes(8).toString('hex')}`;
    return Buffer.from(
      JSON.stringify({
        entity: 'event',
        account_id: 'acc_sandbox',
        event: 'payment.captured',
        contains: ['payment'],
        payload: {
          payment: {
            entity: {
              id: paymentId,
              entity: 'payment',
              amount,
              currency,
              status: 'captured',
              order_id: providerOrderId,
              method: 'upi',
            },
          },
        },
        created_at: Math.floor(Date.now() / 1000),
      }),
    );
  }
}
