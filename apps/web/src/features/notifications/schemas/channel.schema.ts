import type { Channel, ChannelInput, ChannelView } from '@shala/contracts';

/** A plain setting of a channel and the API's rule for it. */
export interface SettingField {
  name: string;
  rule: 'text' | 'email' | 'digits' | 'senderHeader';
  /** For digits: the allowed length. */
  min?: number;
  max?: number;
  inputMode?: 'numeric' | 'email' | 'text';
}

/** A credential: write-only, minimum length as the API requires. */
export interface SecretField {
  name: string;
  min: number;
  max: number;
}

export interface ChannelShape {
  settings: SettingField[];
  secrets: SecretField[];
}

/** The fields of each channel, as the API's DTOs accept them (PUT /notifications/channels/:channel). */
export const CHANNEL_SHAPES: Record<Channel, ChannelShape> = {
  email: {
    settings: [
      { name: 'fromName', rule: 'text', max: 100 },
      { name: 'fromAddress', rule: 'email', inputMode: 'email' },
      { name: 'replyTo', rule: 'email', inputMode: 'email' },
    ],
    secrets: [],
  },
  sms: {
    settings: [
      { name: 'entityId', rule: 'digits', min: 6, max: 30, inputMode: 'numeric' },
      { name: 'senderHeader', rule: 'senderHeader' },
    ],
    secrets: [
      { name: 'apiKey', min: 8, max: 500 },
      // Signs the gateway's delivery reports; shown when the API lists it among the channel's secrets.
      { name: 'webhookSecret', min: 32, max: 200 },
    ],
  },
  whatsapp: {
    settings: [
      { name: 'phoneNumberId', rule: 'digits', min: 5, max: 30, inputMode: 'numeric' },
      { name: 'businessAccountId', rule: 'digits', min: 5, max: 30, inputMode: 'numeric' },
    ],
    secrets: [
      { name: 'accessToken', min: 16, max: 1000 },
      { name: 'appSecret', min: 16, max: 200 },
      { name: 'verifyToken', min: 8, max: 200 },
    ],
  },
};

export interface ChannelFormValues {
  enabled: boolean;
  settings: Record<string, string>;
  /** What was typed into each credential field: blank keeps the saved one. Never filled from the API. */
  secrets: Record<string, string>;
  /** Credentials to remove on save. */
  remove: Record<string, boolean>;
}

/** The credentials of a channel this API knows (it lists each one in `secrets`, as set or not). */
export function secretFieldsOf(view: ChannelView): SecretField[] {
  return CHANNEL_SHAPES[view.channel].secrets.filter((field) => field.name in view.secrets);
}

export function channelFormValues(view: ChannelView): ChannelFormValues {
  const shape = { settings: CHANNEL_SHAPES[view.channel].settings, secrets: secretFieldsOf(view) };
  return {
    enabled: view.enabled,
    settings: Object.fromEntries(shape.settings.map((f) => [f.name, view.settings[f.name] ?? ''])),
    secrets: Object.fromEntries(shape.secrets.map((f) => [f.name, ''])),
    remove: Object.fromEntries(shape.secrets.map((f) => [f.name, false])),
  };
}

/**
 * The PUT body: settings as typed (blank: null); a credential only when typed (absent keeps the saved
 * one) or null when marked for removal.
 */
export function channelInputOf(channel: Channel, values: ChannelFormValues): ChannelInput {
  const shape = CHANNEL_SHAPES[channel];
  const body: Record<string, string | boolean | null> = { enabled: values.enabled };
  for (const field of shape.settings) body[field.name] = values.settings[field.name]?.trim() || null;
  for (const field of shape.secrets) {
    if (values.remove[field.name]) body[field.name] = null;
    else if (values.secrets[field.name]) body[field.name] = values.secrets[field.name] ?? null;
  }
  // The body's keys come from CHANNEL_SHAPES, which list exactly the fields of each channel's input type.
  return { channel, body } as unknown as ChannelInput;
}

export interface ChannelMessages {
  email: string;
  digits: (min: number, max: number) => string;
  senderHeader: string;
  tooShort: (min: number) => string;
}

/**
 * Where an API error about a channel belongs: a 400 names the DTO field (`entityId`, `apiKey`); a 422
 * "cannot be enabled yet" names the channel with "<field> is not set".
 */
export function channelFieldOf(channel: Channel, detail: { field?: string; message: string }) {
  const shape = CHANNEL_SHAPES[channel];
  const missing = detail.field === channel ? /^(\w+) is not set$/.exec(detail.message)?.[1] : undefined;
  const name = missing ?? detail.field ?? '';
  if (shape.settings.some((f) => f.name === name)) return { path: `settings.${name}`, missing: !!missing };
  if (shape.secrets.some((f) => f.name === name)) return { path: `secrets.${name}`, missing: !!missing };
  return null;
}
