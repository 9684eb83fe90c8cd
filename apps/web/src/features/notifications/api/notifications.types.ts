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

// --- templates (GET/POST/PUT/DELETE /notifications/templates, GET /notifications/template-kinds) ---------

export interface EmailPart {
  subject: string;
  body: string;
}
export interface SmsPart {
  body: string;
  /** The template id registered on India's DLT platform. */
  dltTemplateId: string | null;
  /** The registered DLT text, `{#var#}` where a variable goes; the SMS must match it. */
  dltTemplate: string | null;
}
export interface WhatsAppPart {
  /** The approved template name at Meta. */
  templateName: string;
  languageCode: string;
  /** Variable names in the order of {{1}}, {{2}}, ... */
  parameters: string[];
}

/** The wording of one template in one language, per channel; null means "not sent on that channel". */
export interface TemplateContent {
  email: EmailPart | null;
  sms: SmsPart | null;
  whatsapp: WhatsAppPart | null;
}

export interface TemplateKind {
  name: string;
  purpose: string | null;
  /** What the event provides: the only variables a wording may use. */
  variables: string[];
  /** Variables every channel's wording must use. */
  required: string[];
  channels: Channel[];
  description: string;
  /** The built-in English wording used while the institution has no template of this kind. */
  defaults: TemplateContent;
}

export interface TemplateView extends TemplateContent {
  id: string;
  name: string;
  language: string;
  purpose: string | null;
  variables: string[];
  updatedAt: string;
}

// --- channels and sending preferences (/notifications/channels, /notifications/settings) ----------------

export interface ChannelView {
  channel: Channel;
  enabled: boolean;
  /** Enabled and complete: messages on this channel can be sent. */
  ready: boolean;
  /** What is missing before the channel can send. */
  problems: string[];
  settings: Record<string, string | null>;
  /** Credentials are never returned: only whether each is set. */
  secrets: Record<string, { set: boolean }>;
  updatedAt: string | null;
  /** WhatsApp: the callback URL to register at Meta. */
  webhookUrl?: string;
}

export interface EmailChannelInput {
  enabled: boolean;
  fromName: string | null;
  fromAddress: string | null;
  replyTo: string | null;
}

/** A credential: absent keeps the saved one, a string replaces it, null removes it. */
export type SecretInput = string | null | undefined;

export interface SmsChannelInput {
  enabled: boolean;
  entityId: string | null;
  senderHeader: string | null;
  apiKey?: SecretInput;
  /** Signs the gateway's delivery reports (when the API offers it). */
  webhookSecret?: SecretInput;
}

export interface WhatsAppChannelInput {
  enabled: boolean;
  phoneNumberId: string | null;
  businessAccountId: string | null;
  accessToken?: SecretInput;
  appSecret?: SecretInput;
  verifyToken?: SecretInput;
}

export type ChannelInput =
  | { channel: 'email'; body: EmailChannelInput }
  | { channel: 'sms'; body: SmsChannelInput }
  | { channel: 'whatsapp'; body: WhatsAppChannelInput };

export interface SendingPreferences {
  quietHours: { start: string; end: string } | null;
  defaultLanguage: string;
  /** The institution's time zone, in which quiet hours are read. */
  timeZone: string;
}
