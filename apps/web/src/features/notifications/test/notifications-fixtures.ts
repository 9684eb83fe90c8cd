import type { ChannelView, TemplateKind, TemplateView } from '@shala/contracts';

/** What GET /notifications/template-kinds answers (two of the six kinds are enough for the screens). */
export const absenceKind: TemplateKind = {
  name: 'absence_alert',
  purpose: 'absence_alerts',
  variables: ['student', 'date', 'status', 'school'],
  required: ['student', 'date'],
  channels: ['email', 'sms', 'whatsapp'],
  description: 'A student was marked absent (or late) in a register.',
  defaults: {
    email: {
      subject: '{{student}} was marked {{status}} on {{date}}',
      body: 'Dear parent, {{student}} {{date}}',
    },
    sms: {
      body: 'Dear parent, {{student}} was marked {{status}} on {{date}}. - {{school}}',
      dltTemplateId: null,
      dltTemplate: 'Dear parent, {#var#} was marked {#var#} on {#var#}. - {#var#}',
    },
    whatsapp: {
      templateName: 'absence_alert',
      languageCode: 'en',
      parameters: ['student', 'status', 'date'],
    },
  },
};

export const resetKind: TemplateKind = {
  name: 'password_reset',
  purpose: null,
  variables: ['name', 'link', 'expiresInMinutes', 'institution'],
  required: ['link'],
  channels: ['email'],
  description: 'A user asked to reset their password.',
  defaults: {
    email: { subject: 'Reset your {{institution}} password', body: 'Hello {{name}}, open {{link}}' },
    sms: null,
    whatsapp: null,
  },
};

export function absenceTemplate(patch: Partial<TemplateView> = {}): TemplateView {
  return {
    id: '0190a1b2-0000-7000-8000-00000000a001',
    name: 'absence_alert',
    language: 'en',
    purpose: 'absence_alerts',
    variables: absenceKind.variables,
    email: null,
    sms: {
      body: 'Dear parent, {{student}} was absent on {{date}}. - {{school}}',
      dltTemplateId: null,
      dltTemplate: null,
    },
    whatsapp: null,
    updatedAt: '2026-05-02T03:30:00.000Z',
    ...patch,
  };
}

export function channelView(channel: ChannelView['channel'], patch: Partial<ChannelView> = {}): ChannelView {
  const shapes: Record<ChannelView['channel'], { settings: string[]; secrets: string[] }> = {
    email: { settings: ['fromName', 'fromAddress', 'replyTo'], secrets: [] },
    sms: { settings: ['entityId', 'senderHeader'], secrets: ['apiKey', 'webhookSecret'] },
    whatsapp: {
      settings: ['phoneNumberId', 'businessAccountId'],
      secrets: ['accessToken', 'appSecret', 'verifyToken'],
    },
  };
  return {
    channel,
    enabled: channel === 'email',
    ready: channel === 'email',
    problems: [],
    settings: Object.fromEntries(shapes[channel].settings.map((name) => [name, null])),
    secrets: Object.fromEntries(shapes[channel].secrets.map((name) => [name, { set: false }])),
    updatedAt: null,
    ...(channel !== 'email'
      ? { webhookUrl: `https://shala.test/api/v1/notifications/webhooks/${channel}/greenwood-id` }
      : {}),
    ...patch,
  };
}
