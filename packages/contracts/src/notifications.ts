/**
 * Request and response bodies of notifications (/api/v1/notifications): the delivery log, templates,
 * channels, sending preferences and guardians' consents.
 */

export const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'dead',
  'cancelled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface MessageView {
  id: string;
  channel: Channel;
  template: string;
  purpose: string | null;
  guardianId: string | null;
  /** Masked: the delivery log never shows a full address. */
  recipient: string;
  status: MessageStatus;
  attempts: number;
  /** Why it failed, went dead or was cancelled (the last error while it is retried). */
  reason: string | null;
  providerMessageId: string | null;
  createdAt: string;
  updatedAt: string;
  /** When a queued message is due (after backoff or quiet hours). */
  nextAttemptAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
}

export interface MessageDetail extends MessageView {
  /** The names of the variables it carries (values stay out of the log: a reset link is a credential). */
  variableNames: string[];
  /** `event`: attempt_failed, deferred, released, sent, delivered, read, failed, dead, ... */
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

export const CONSENT_PURPOSES = [
  'absence_alerts',
  'fee_reminders',
  'receipts',
  'exam_results',
  'circulars',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_SOURCES = ['parent_app', 'school_office', 'paper_form', 'import'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export interface TemplateKind {
  name: string;
  purpose: ConsentPurpose | null;
  /** What the event provides: the only variables a wording may use. */
  variables: readonly string[];
  /** Variables every channel's wording must use. */
  required: readonly string[];
  channels: readonly Channel[];
  description: string;
  /** The built-in English wording used while the institution has no template of this kind. */
  defaults: TemplateContent;
}

export interface TemplateView extends TemplateContent {
  id: string;
  name: string;
  language: string;
  purpose: string | null;
  /** The variables this kind's event provides: the only ones a wording may use. */
  variables: readonly string[];
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
  /**
   * SMS and WhatsApp: the callback URL to register with the provider (SMS: delivery reports; WhatsApp:
   * GET verify and POST statuses).
   */
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
  /** Signs the gateway's delivery reports. */
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

/** PUT notifications/channels/:channel: the body for each channel. */
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

// --- consents (/notifications/my-consents, /notifications/guardians/:guardianId/consents) ---------------

export interface ConsentEntry {
  channel: Channel;
  purpose: ConsentPurpose;
  granted: boolean;
  /** Who recorded the current choice and how; null when never asked (no consent). */
  source: ConsentSource | null;
  recordedAt: string | null;
  recordedByUserId: string | null;
}

export interface GuardianConsentsView {
  guardianId: string;
  fullName: string;
  /** Which channels can reach this guardian at all (an address on file). */
  reachable: Record<Channel, boolean>;
  consents: ConsentEntry[];
}

/** One choice in PUT .../consents: give or withdraw consent for a channel and purpose. */
export interface ConsentChange {
  channel: Channel;
  purpose: ConsentPurpose;
  granted: boolean;
}

/** PUT notifications/guardians/:guardianId/consents: staff record the guardian's choices and how given. */
export interface StaffConsentChange {
  changes: ConsentChange[];
  source: Exclude<ConsentSource, 'parent_app'>;
  note?: string | null;
}

/** A change of consents answers the guardian's consents and how many queued messages it cancelled. */
export interface ConsentsChanged extends GuardianConsentsView {
  cancelled: number;
}

export interface ConsentHistoryEntry extends ConsentEntry {
  note: string | null;
}

/** What the staff see: the consents with every recorded change. */
export interface GuardianConsentsHistory extends GuardianConsentsView {
  history: ConsentHistoryEntry[];
}

// --- provider webhooks ------------------------------------------------------------------------------------

/** What an SMS gateway's delivery reports did. */
export interface SmsWebhookResult {
  reports: number;
  applied: number;
  duplicates: number;
  ignored: number;
}

/** What a WhatsApp status callback did. */
export interface WhatsAppWebhookResult {
  statuses: number;
  applied: number;
  duplicates: number;
  ignored: number;
}
