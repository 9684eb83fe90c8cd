import { webhookRawBodyCapture } from '../../platform/http/webhook-raw-body';

/** Provider callbacks of this module (WhatsApp statuses, SMS delivery reports) live under this path. */
export const NOTIFICATIONS_WEBHOOK_PREFIX = '/api/v1/notifications/webhooks/';

/** Keeps the raw body of notification webhook POSTs, unparsed until their signature is checked (APP-07). */
export const WebhookRawBody = webhookRawBodyCapture(NOTIFICATIONS_WEBHOOK_PREFIX);
