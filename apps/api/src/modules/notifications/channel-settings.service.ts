import type { ChannelView, SendingPreferences as PreferencesView } from '@shala/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { EmailSettings, SmsSettings, WhatsAppSettings } from './channels/channel';
import { ChannelSettingsRow } from './entities/channel-settings.entity';
import type { OutboxChannel } from './entities/outbox-message.entity';
import { ChannelIncompleteError } from './notifications.errors';
import { ChannelSettingsRepository, PreferencesRepository } from './notifications.repositories';
import { DEFAULT_LANGUAGE } from './template-catalogue';

/** Plain settings and the names of the credentials each channel keeps (write-only). */
const SHAPE: Record<OutboxChannel, { settings: string[]; secrets: string[]; required: string[] }> = {
  email: { settings: ['fromName', 'fromAddress', 'replyTo'], secrets: [], required: [] },
  sms: {
    settings: ['entityId', 'senderHeader'],
    // webhookSecret signs the gateway's delivery reports; optional (without it reports answer 401).
    secrets: ['apiKey', 'webhookSecret'],
    required: ['entityId', 'senderHeader', 'apiKey'],
  },
  whatsapp: {
    settings: ['phoneNumberId', 'businessAccountId'],
    secrets: ['accessToken', 'appSecret', 'verifyToken'],
    required: ['phoneNumberId', 'accessToken', 'appSecret', 'verifyToken'],
  },
};

export const CHANNELS: readonly OutboxChannel[] = ['email', 'sms', 'whatsapp'];

/** A channel update: settings replace; a credential is kept when absent, set when a string, cleared when null. */
export interface ChannelUpdate {
  enabled: boolean;
  settings: Record<string, string | null | undefined>;
  secrets: Record<string, string | null | undefined>;
}

export type ResolvedSettings =
  | { ok: true; channel: 'email'; settings: EmailSettings }
  | { ok: true; channel: 'sms'; settings: SmsSettings }
  | { ok: true; channel: 'whatsapp'; settings: WhatsAppSettings }
  | { ok: false; reason: string };

const secretsCell = (id: string) => ({ table: 'notification_channels', column: 'secrets_enc', rowId: id });

/** Per-institution channel settings with encrypted credentials (DAT-01), and quiet hours. */
@Injectable()
export class ChannelSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly crypto: FieldCrypto,
    private readonly rows: ChannelSettingsRepository,
    private readonly preferences: PreferencesRepository,
    private readonly institution: CurrentInstitution,
    private readonly audit: AuditService,
  ) {}

  private parse(row: ChannelSettingsRow | null): Record<string, string | null> {
    if (!row) return {};
    try {
      return JSON.parse(row.settings) as Record<string, string | null>;
    } catch {
      return {};
    }
  }

  async secretsOf(row: ChannelSettingsRow | null): Promise<Record<string, string>> {
    if (!row?.secretsEnc) return {};
    return JSON.parse((await this.crypto.decrypt(secretsCell(row.id), row.secretsEnc)) ?? '{}') as Record<
      string,
      string
    >;
  }

  private serverProblem(channel: OutboxChannel): string | null {
    const n = this.config.notifications;
    if (channel === 'email' && !n.smtpUrl) return 'the server has no SMTP_URL';
    if (channel === 'sms' && !n.smsGatewayUrl) return 'the server has no SMS_GATEWAY_URL';
    return null;
  }

  private problemsOf(
    channel: OutboxChannel,
    settings: Record<string, string | null | undefined>,
    secrets: Record<string, string>,
  ): string[] {
    const problems = SHAPE[channel].required
      .filter((f) => !(SHAPE[channel].secrets.includes(f) ? secrets[f] : settings[f]))
      .map((f) => `${f} is not set`);
    const server = this.serverProblem(channel);
    return server ? [...problems, server] : problems;
  }

  /** Email works with no row (the server's SMTP and From); SMS and WhatsApp need enabling. */
  private enabledOf(channel: OutboxChannel, row: ChannelSettingsRow | null): boolean {
    return row ? row.enabled : channel === 'email';
  }

  async list(): Promise<ChannelView[]> {
    const rows = await this.rows.all();
    return Promise.all(CHANNELS.map(async (c) => this.view(c, rows.find((r) => r.channel === c) ?? null)));
  }

  private async view(channel: OutboxChannel, row: ChannelSettingsRow | null): Promise<ChannelView> {
    const settings = this.parse(row);
    const secrets = await this.secretsOf(row);
    const enabled = this.enabledOf(channel, row);
    const problems = this.problemsOf(channel, settings, secrets);
    return {
      channel,
      enabled,
      ready: enabled && problems.length === 0,
      problems,
      settings: Object.fromEntries(SHAPE[channel].settings.map((f) => [f, settings[f] ?? null])),
      secrets: Object.fromEntries(SHAPE[channel].secrets.map((f) => [f, { set: !!secrets[f] }])),
      updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
      ...(channel !== 'email'
        ? {
            webhookUrl: `${this.config.publicUrl}/api/v1/notifications/webhooks/${channel}/${this.context.tenantId}`,
          }
        : {}),
    };
  }

  async update(channel: OutboxChannel, update: ChannelUpdate): Promise<ChannelView> {
    await this.crypto.ready();
    await this.db.transaction(async () => {
      const row = await this.rows.byChannel(channel);
      const id = row?.id ?? uuidv7();
      const secrets = await this.secretsOf(row);
      const secretChanges: Record<string, 'set' | 'cleared'> = {};
      for (const name of SHAPE[channel].secrets) {
        const value = update.secrets[name];
        if (value === undefined) continue;
        if (value === null || value === '') {
          if (secrets[name]) secretChanges[name] = 'cleared';
          delete secrets[name];
        } else {
          secrets[name] = value;
          secretChanges[name] = 'set';
        }
      }
      const settings = Object.fromEntries(
        SHAPE[channel].settings.map((f) => [f, update.settings[f]?.trim() || null]),
      );
      const problems = this.problemsOf(channel, settings, secrets).filter((p) => !p.startsWith('the server'));
      if (update.enabled && problems.length) throw new ChannelIncompleteError(channel, problems);
      const values = {
        enabled: update.enabled,
        settings: JSON.stringify(settings),
        secretsEnc: Object.keys(secrets).length
          ? await this.crypto.encrypt(secretsCell(id), JSON.stringify(secrets))
          : null,
        updatedAt: new Date(),
      };
      if (row) await this.rows.patch(id, values);
      else await this.rows.add({ id, channel, ...values });
      await this.audit.record({
        action: 'notifications.channel_update',
        targetType: 'notification_channel',
        targetId: id,
        // Credentials appear only as set/cleared, never their values.
        details: { channel, enabled: update.enabled, settings, credentials: secretChanges },
      });
    });
    return this.view(channel, await this.rows.byChannel(channel));
  }

  /** Channels that may carry new messages now (GuardianNotifier enqueues only on these). */
  async enabledChannels(): Promise<Set<OutboxChannel>> {
    const rows = await this.rows.all();
    return new Set(CHANNELS.filter((c) => this.enabledOf(c, rows.find((r) => r.channel === c) ?? null)));
  }

  /** The settings a send needs, decrypted; or why the channel cannot send (the message then goes dead). */
  async forSend(channel: OutboxChannel): Promise<ResolvedSettings> {
    const row = await this.rows.byChannel(channel);
    if (!this.enabledOf(channel, row)) return { ok: false, reason: `the ${channel} channel is disabled` };
    const settings = this.parse(row);
    const secrets = await this.secretsOf(row);
    const problems = this.problemsOf(channel, settings, secrets);
    if (problems.length)
      return { ok: false, reason: `the ${channel} channel is not ready: ${problems.join('; ')}` };
    if (channel === 'email')
      return {
        ok: true,
        channel,
        settings: {
          fromName: settings.fromName ?? null,
          fromAddress: settings.fromAddress ?? null,
          replyTo: settings.replyTo ?? null,
        },
      };
    if (channel === 'sms')
      return {
        ok: true,
        channel,
        settings: {
          entityId: settings.entityId!,
          senderHeader: settings.senderHeader!,
          apiKey: secrets.apiKey!,
        },
      };
    return {
      ok: true,
      channel,
      settings: { phoneNumberId: settings.phoneNumberId!, accessToken: secrets.accessToken! },
    };
  }

  /** WhatsApp webhook credentials of the current institution, or null when it has none. */
  async whatsappWebhookSecrets(): Promise<{
    appSecret: string;
    verifyToken: string;
    phoneNumberId: string;
  } | null> {
    const row = await this.rows.byChannel('whatsapp');
    if (!row) return null;
    const settings = this.parse(row);
    const secrets = await this.secretsOf(row);
    if (!secrets.appSecret || !secrets.verifyToken || !settings.phoneNumberId) return null;
    return {
      appSecret: secrets.appSecret,
      verifyToken: secrets.verifyToken,
      phoneNumberId: settings.phoneNumberId,
    };
  }

  /** The secret that signs the current institution's SMS delivery reports, or null when it has none. */
  async smsWebhookSecret(): Promise<string | null> {
    return (await this.secretsOf(await this.rows.byChannel('sms'))).webhookSecret || null;
  }

  /** Re-encrypts credentials under the newest data key (DAT-02); returns how many rows. */
  async reEncryptBatch(oldVersion: number, limit: number): Promise<number> {
    const rows = await this.rows.encryptedUnder(oldVersion, limit);
    for (const row of rows) {
      const plain = await this.crypto.decrypt(secretsCell(row.id), row.secretsEnc);
      await this.rows.patch(row.id, { secretsEnc: await this.crypto.encrypt(secretsCell(row.id), plain) });
    }
    return rows.length;
  }

  async getPreferences(): Promise<PreferencesView> {
    const [row, institution] = await Promise.all([this.preferences.get(), this.institution.find()]);
    return {
      quietHours: row?.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
      defaultLanguage: row?.defaultLanguage ?? DEFAULT_LANGUAGE,
      timeZone: institution?.timeZone ?? 'UTC',
    };
  }

  async setPreferences(input: {
    quietHours: { start: string; end: string } | null;
    defaultLanguage: string;
  }): Promise<PreferencesView> {
    await this.db.transaction(async () => {
      await this.preferences.save({
        quietStart: input.quietHours?.start ?? null,
        quietEnd: input.quietHours?.end ?? null,
        defaultLanguage: input.defaultLanguage,
        updatedAt: new Date(),
      });
      await this.audit.record({
        action: 'notifications.preferences_update',
        targetType: 'notification_preferences',
        targetId: this.context.tenantId,
        details: { quietHours: input.quietHours, defaultLanguage: input.defaultLanguage },
      });
    });
    return this.getPreferences();
  }
}
