import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { safeEqual } from '../../../platform/security/tokens';

export interface GatewayOrder {
  /** The provider's order id (Razorpay: order_...). */
  providerOrderId: string;
  /** What the browser needs to open the provider's checkout. */
  checkout: Record<string, string | number>;
}

export interface WebhookEvent {
  eventId: string;
  type: string;
  providerOrderId: string | null;
  providerPaymentId: string | null;
  amount: number | null;
  currency: string | null;
  /** captured: money received; failed: the attempt failed; other: nothing to do. */
  outcome: 'captured' | 'failed' | 'other';
}

/** An online payment provider: create an order, verify and read its webhooks. */
export interface PaymentGateway {
  readonly name: string;
  createOrder(input: {
    amount: number;
    currency: string;
    receipt: string;
    notes: Record<string, string>;
  }): Promise<GatewayOrder>;
  /** Constant-time check of the webhook signature over the raw body, before anything is parsed. */
  verifySignature(raw: Buffer, signature: string | undefined, secret: string): boolean;
  /** Reads a verified body; `headerEventId` is the provider's event id header when it sends one. */
  parseEvent(raw: Buffer, headerEventId: string | undefined): WebhookEvent;
}

/** Hex HMAC-SHA256 of the raw body, the scheme of Razorpay's X-Razorpay-Signature. */
export function hmacHex(secret: string, raw: Buffer): string {
  return createHmac('sha256', secret).update(raw).digest('hex');
}

export function verifyHexHmac(raw: Buffer, signature: string | undefined, secret: string): boolean {
  const expected = hmacHex(secret, raw);
  const given = typeof signature === 'string' ? signature.trim().toLowerCase() : '';
  return safeEqual(given, expected);
}

const entity = z
  .object({
    id: z.string().min(1).max(64),
    amount: z.number().int().nonnegative().optional(),
    currency: z.string().length(3).optional(),
    status: z.string().max(32).optional(),
    order_id: z.string().max(64).nullable().optional(),
  })
  .passthrough();

/** Razorpay's webhook envelope (https://razorpay.com/docs/webhooks/payloads/payments/). */
export const razorpayEventSchema = z
  .object({
    entity: z.literal('event'),
    event: z.string().min(1).max(60),
    payload: z
      .object({
        payment: z.object({ entity }).optional(),
        order: z.object({ entity }).optional(),
      })
      .passthrough(),
    created_at: z.number().int().optional(),
  })
  .passthrough();

/** Reads a Razorpay-shaped event (shared by the Razorpay adapter and the sandbox). */
export function parseRazorpayEvent(raw: Buffer, headerEventId: string | undefined): WebhookEvent {
  const parsed = razorpayEventSchema.parse(JSON.parse(raw.toString('utf8')));
  const payment = parsed.payload.payment?.entity;
  const order = parsed.payload.order?.entity;
  const outcome =
    parsed.event === 'payment.captured' || parsed.event === 'order.paid'
      ? 'captured'
      : parsed.event === 'payment.failed'
        ? 'failed'
        : 'other';
  const eventId =
    headerEventId && /^[\w.-]{1,100}$/.test(headerEventId)
      ? headerEventId
      : `${parsed.event}:${payment?.id ?? order?.id ?? 'none'}`;
  return {
    eventId,
    type: parsed.event,
    providerOrderId: payment?.order_id ?? order?.id ?? null,
    providerPaymentId: payment?.id ?? null,
    amount: payment?.amount ?? order?.amount ?? null,
    currency: payment?.currency ?? order?.currency ?? null,
    outcome,
  };
}
