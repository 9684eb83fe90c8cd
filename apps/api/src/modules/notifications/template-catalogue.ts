import type { TemplateContent } from '@shala/contracts';
import type { ConsentPurpose } from './entities/consent.entity';
import type { OutboxChannel } from './entities/outbox-message.entity';

/**
 * The message kinds Shala sends, each with the variables its event provides (the declaration a template
 * is checked against), the variables every wording must use, the channels it may go out on and, for
 * messages to guardians, the consent purpose it needs (PRV-01). A message whose variables differ from the
 * declaration is refused (PRV-06: a message carries nothing its template does not declare).
 */
export interface TemplateKind {
  name: string;
  purpose: ConsentPurpose | null;
  variables: readonly string[];
  required: readonly string[];
  channels: readonly OutboxChannel[];
  description: string;
}

const ALL: readonly OutboxChannel[] = ['email', 'sms', 'whatsapp'];

export const TEMPLATE_KINDS: readonly TemplateKind[] = [
  {
    name: 'absence_alert',
    purpose: 'absence_alerts',
    variables: ['student', 'date', 'status', 'school'],
    required: ['student', 'date'],
    channels: ALL,
    description: 'A student was marked absent (or late) in a register.',
  },
  {
    name: 'fee_reminder',
    purpose: 'fee_reminders',
    variables: ['student', 'amount', 'dueDate', 'school'],
    required: ['student', 'amount', 'dueDate'],
    channels: ALL,
    description: 'A fee is due or overdue.',
  },
  {
    name: 'receipt',
    purpose: 'receipts',
    variables: ['student', 'amount', 'receiptNo', 'date', 'school'],
    required: ['amount', 'receiptNo'],
    channels: ALL,
    description: 'A payment was received.',
  },
  {
    name: 'exam_results',
    purpose: 'exam_results',
    variables: ['student', 'exam', 'school'],
    required: ['student', 'exam'],
    channels: ALL,
    description: 'Results of an exam were published.',
  },
  {
    name: 'circular',
    purpose: 'circulars',
    variables: ['title', 'school'],
    required: ['title'],
    channels: ALL,
    description: 'The school published a circular (a notice) addressed to the family (issue 16).',
  },
  {
    name: 'password_reset',
    purpose: null,
    variables: ['name', 'link', 'expiresInMinutes', 'institution'],
    required: ['link'],
    channels: ['email'],
    description: 'A user asked to reset their password (account message, not subject to consent).',
  },
  {
    name: 'invitation',
    purpose: null,
    variables: ['name', 'link', 'expiresInHours', 'institution'],
    required: ['link'],
    // SMS and WhatsApp where the school set them up (a parent's phone; issue 14).
    channels: ALL,
    description: 'An admin invited a user (account message, not subject to consent).',
  },
  {
    name: 'privacy_requests_due',
    purpose: null,
    variables: ['count', 'overdue', 'grievances', 'overdueGrievances', 'school'],
    required: ['count'],
    channels: ['email'],
    description:
      "Daily reminder to the school's privacy contact: data-subject requests and grievances due within 7 days or overdue (issue 13).",
  },
  {
    name: 'privacy_erasure_notice',
    purpose: null,
    variables: ['subject', 'executesAt', 'school'],
    required: ['executesAt'],
    channels: ['email', 'sms'],
    description:
      'Notice to the family 48 hours before a data-subject erasure executes (issue 13; an account message, sent even under restriction).',
  },
  {
    name: 'privacy_incident_notice',
    purpose: null,
    variables: ['school', 'nature', 'detectedAt'],
    required: ['nature'],
    channels: ['email'],
    description:
      "Notice to a school's admins that a personal-data incident affecting the school was recorded (issue 13 item 10).",
  },
];

export const TEMPLATE_NAMES = TEMPLATE_KINDS.map((k) => k.name);

export function templateKind(name: string): TemplateKind | undefined {
  return TEMPLATE_KINDS.find((k) => k.name === name);
}

/** `{{var}}` -> `{#var#}`: the DLT registration text that matches a body with every variable in place. */
export function dltTextOf(body: string): string {
  return body.replace(/\{\{\s*[A-Za-z][A-Za-z0-9_]*\s*\}\}/g, '{#var#}');
}

function sms(body: string): TemplateContent['sms'] {
  return { body, dltTemplateId: null, dltTemplate: dltTextOf(body) };
}

/**
 * Built-in English wording, used when an institution has no template of its own for a kind and is seeded
 * into each demo school for editing. SMS parts still need the school's DLT template id before they send.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<string, TemplateContent>> = {
  absence_alert: {
    email: {
      subject: '{{student}} was marked {{status}} on {{date}}',
      body: 'Dear parent,\n\n{{student}} was marked {{status}} today ({{date}}). If this is unexpected, please contact the school office.\n\n{{school}}',
    },
    sms: sms('Dear parent, {{student}} was marked {{status}} on {{date}}. - {{school}}'),
    whatsapp: {
      templateName: 'absence_alert',
      languageCode: 'en',
      parameters: ['student', 'status', 'date', 'school'],
    },
  },
  fee_reminder: {
    email: {
      subject: 'Fee reminder for {{student}}',
      body: 'Dear parent,\n\nA fee of {{amount}} for {{student}} is due on {{dueDate}}. You can pay online or at the school office.\n\n{{school}}',
    },
    sms: sms('Dear parent, fee of {{amount}} for {{student}} is due on {{dueDate}}. - {{school}}'),
    whatsapp: {
      templateName: 'fee_reminder',
      languageCode: 'en',
      parameters: ['student', 'amount', 'dueDate', 'school'],
    },
  },
  receipt: {
    email: {
      subject: 'Receipt {{receiptNo}}',
      body: 'Dear parent,\n\nWe received {{amount}} for {{student}} on {{date}}. Receipt number: {{receiptNo}}.\n\n{{school}}',
    },
    sms: sms('Received {{amount}} for {{student}} on {{date}}, receipt {{receiptNo}}. - {{school}}'),
    whatsapp: {
      templateName: 'payment_receipt',
      languageCode: 'en',
      parameters: ['amount', 'student', 'date', 'receiptNo', 'school'],
    },
  },
  exam_results: {
    email: {
      subject: '{{exam}} results for {{student}}',
      body: 'Dear parent,\n\nThe results of {{exam}} for {{student}} are published. Sign in to the parent portal to see them.\n\n{{school}}',
    },
    sms: sms(
      'Dear parent, {{exam}} results for {{student}} are published on the parent portal. - {{school}}',
    ),
    whatsapp: {
      templateName: 'exam_results',
      languageCode: 'en',
      parameters: ['exam', 'student', 'school'],
    },
  },
  password_reset: {
    email: {
      subject: 'Reset your {{institution}} password',
      body: 'Hello {{name}},\n\nSomeone asked to reset the password of your {{institution}} account. To choose a new password, open this link within {{expiresInMinutes}} minutes:\n\n{{link}}\n\nIf it was not you, ignore this email; your password stays the same.',
    },
    sms: null,
    whatsapp: null,
  },
  invitation: {
    email: {
      subject: 'You are invited to {{institution}} on Shala',
      body: 'Hello {{name}},\n\nYou have been invited to {{institution}}. To set your password and sign in, open this link within {{expiresInHours}} hours:\n\n{{link}}',
    },
    sms: sms(
      'Hello {{name}}, you are invited to {{institution}} on Shala. Set your password within {{expiresInHours}} hours: {{link}}',
    ),
    whatsapp: {
      templateName: 'account_invitation',
      languageCode: 'en',
      parameters: ['name', 'institution', 'expiresInHours', 'link'],
    },
  },
  circular: {
    email: {
      subject: 'New circular from {{school}}: {{title}}',
      body: 'Dear parent,\n\n{{school}} published a circular: {{title}}. Sign in to the parent portal to read it.\n\n{{school}}',
    },
    sms: sms('Dear parent, new circular: {{title}}. Read it on the parent portal. - {{school}}'),
    whatsapp: {
      templateName: 'school_circular',
      languageCode: 'en',
      parameters: ['title', 'school'],
    },
  },
  privacy_incident_notice: {
    email: {
      subject: 'A data incident affecting {{school}} was recorded',
      body: 'Hello,\n\nA personal-data incident affecting {{school}} was recorded in Shala: {{nature}} (detected {{detectedAt}} UTC). Open Privacy > Incidents in Shala for its details, clocks and timeline.',
    },
    sms: null,
    whatsapp: null,
  },
  privacy_requests_due: {
    email: {
      subject: 'Privacy requests and grievances at {{school}} need an answer',
      body: 'Hello,\n\n{{count}} data-subject requests at {{school}} are due within 7 days ({{overdue}} already overdue), and {{grievances}} grievances are due within 7 days ({{overdueGrievances}} already overdue). Open Privacy in Shala to answer them.',
    },
    sms: null,
    whatsapp: null,
  },
  privacy_erasure_notice: {
    email: {
      subject: 'Your data at {{school}} will be erased',
      body: 'Hello,\n\nAs requested, the personal data of {{subject}} held by {{school}} will be erased on {{executesAt}} (UTC). Contact the school before then if you did not ask for this.',
    },
    sms: sms('{{school}}: the personal data of {{subject}} will be erased on {{executesAt}} as requested.'),
    whatsapp: null,
  },
};

export const DEFAULT_LANGUAGE = 'en';
