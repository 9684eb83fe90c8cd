/** Local shapes of the notifications API (/api/v1/notifications). */
export type MessageStatus =
  'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'dead' | 'cancelled';
export type Channel = 'email' | 'sms' | 'whatsapp';

export const MESSAGE_STATUSES: readonly MessageStatus[] = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'dead',
  'cancelled',
];
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'whatsapp'];

export interface MessageView {
  id: string;
  channel: Channel;
  template: string;
  purpose: string | null;
  guardianId: string | null;
  /** Masked by the API. */
  recipient: string;
  status: MessageStatus;
  attempts: number;
  reason: string | null;
  providerMessageId: string | null;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
}

export interface MessageDetail extends MessageView {
  variableNames: string[];
  events: { at: string; event: string; detail: string | null; attempt: number | null }[];
}

export interface MessagePage {
  items: MessageView[];
  nextCursor: string | null;
}

export interface MessageFilter {
  status?: MessageStatus;
  channel?: Channel;
  /** Local dates (YYYY-MM-DD) in the school's time zone, inclusive. */
  from?: string;
  to?: string;
}
