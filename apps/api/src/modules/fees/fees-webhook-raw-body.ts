import { webhookRawBody, webhookRawBodyCapture } from '../../platform/http/webhook-raw-body';

export const FEES_WEBHOOK_PREFIX = '/api/v1/fees/webhooks/';

/** The exact bytes a payment webhook POST arrived with, for its HMAC check (APP-07). */
export const feesWebhookRawBody = webhookRawBody;

/** Keeps the raw body of payment webhook POSTs, unparsed until their signature is checked. */
export const FeesWebhookRawBody = webhookRawBodyCapture(FEES_WEBHOOK_PREFIX);
