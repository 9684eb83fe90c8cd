import type { OutboxChannel } from '../entities/outbox-message.entity';

/** What a template rendered to, per channel (the message's variables only, PRV-06). */
export type Rendered =
  | { channel: 'email'; subject: string; text: string }
  | { channel: 'sms'; text: string; dltTemplateId: string }
  | { channel: 'whatsapp'; templateName: string; languageCode: string; parameters: string[] };

export interface EmailSettings {
  fromName: string | null;
  fromAddress: string | null;
  replyTo: string | null;
}

export interface SmsSettings {
  entityId: string;
  senderHeader: string;
  apiKey: string;
}

export interface WhatsAppSettings {
  phoneNumberId: string;
  accessToken: string;
}

export interface Delivery<S> {
  /** The outbox message id: stable across retries, sent as the idempotency key where accepted. */
  messageId: string;
  to: string;
  rendered: Rendered;
  settings: S;
}

/** One provider behind one interface; throws ChannelError to say whether trying again could help. */
export interface ChannelAdapter<S = unknown> {
  readonly channel: OutboxChannel;
  send(delivery: Delivery<S>): Promise<{ providerMessageId: string | null }>;
}

/** A failed send. permanent: the provider refused it for good (retrying cannot help), so it goes dead. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message.slice(0, 450));
    this.name = 'ChannelError';
  }
}

export const PROVIDER_TIMEOUT_MS = 15_000;

/** POSTs JSON with a timeout; answers the parsed body, or throws a ChannelError classed by status. */
export async function postJson(
  provider: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : 'failed';
    throw new ChannelError(`${provider}: request ${reason}`, false);
  }
  const text = await response.text().catch(() => '');
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  if (!response.ok) {
    const error = parsed.error as { message?: unknown; code?: unknown } | string | undefined;
    const detail =
      typeof error === 'string'
        ? error
        : typeof error?.message === 'string'
          ? `${error.message}${error.code !== undefined ? ` (code ${String(error.code)})` : ''}`
          : text.slice(0, 120);
    // 4xx is the provider refusing this message (bad number, template not approved): final. Timeouts,
    // throttling and 5xx are worth another attempt later.
    const transient = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new ChannelError(`${provider} answered ${response.status}: ${detail}`, !transient);
  }
  return parsed;
}
