import type { Institution } from '../../src/modules/institutions/entities/institution.entity';
import { ChannelSettingsService } from '../../src/modules/notifications/channel-settings.service';
import type { OutboxStatus } from '../../src/modules/notifications/entities/outbox-message.entity';
import { DrainReport, OutboxWorker } from '../../src/modules/notifications/outbox-worker.service';
import { DEFAULT_TEMPLATES } from '../../src/modules/notifications/template-catalogue';
import { TemplatesService } from '../../src/modules/notifications/templates.service';
import {
  FakeSmsGateway,
  FakeSmtp,
  FakeWhatsApp,
  startFakeSmsGateway,
  startFakeSmtp,
  startFakeWhatsApp,
} from './fake-providers';
import { TestApp, bootTestApp } from './test-app';

export interface NotificationsTestApp {
  t: TestApp;
  smtp: FakeSmtp;
  sms: FakeSmsGateway;
  wa: FakeWhatsApp;
  worker: OutboxWorker;
  close(): Promise<void>;
}

/** The test app with every provider pointed at a local fake, and fast retries. The worker never runs by itself. */
export async function bootWithProviders(env: Record<string, string> = {}): Promise<NotificationsTestApp> {
  const [smtp, sms, wa] = await Promise.all([startFakeSmtp(), startFakeSmsGateway(), startFakeWhatsApp()]);
  const t = await bootTestApp({
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Shala Test <no-reply@shala.test>',
    SMS_GATEWAY_URL: sms.url,
    WHATSAPP_API_URL: wa.url,
    WHATSAPP_API_VERSION: 'v21.0',
    NOTIFICATIONS_RETRY_BASE_MS: '1000',
    ...env,
  });
  return {
    t,
    smtp,
    sms,
    wa,
    worker: t.app.get(OutboxWorker),
    async close() {
      await t.close();
      await Promise.all([smtp.close(), sms.close(), wa.close()]);
    },
  };
}

/** Drain passes until nothing is due; the reports summed. `at` moves the claim's clock (past backoffs). */
export async function drainAll(worker: OutboxWorker, at?: Date): Promise<DrainReport> {
  const total: DrainReport = {
    claimed: 0,
    sent: 0,
    retry: 0,
    dead: 0,
    deferred: 0,
    cancelled: 0,
    lost: 0,
    released: 0,
  };
  for (;;) {
    const r = await worker.drainOnce({ at });
    for (const k of Object.keys(total) as (keyof DrainReport)[]) total[k] += r[k];
    if (r.claimed === 0) return total;
  }
}

/** Raw rows for assertions (declared cross-tenant for the SQL guard). */
export function raw<T = Record<string, unknown>>(
  t: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params)) as Promise<T[]>;
}

export async function statusOf(t: TestApp, id: string): Promise<OutboxStatus> {
  return (await raw<{ status: OutboxStatus }>(t, 'SELECT status FROM outbox_messages WHERE id = ?', [id]))[0]!
    .status;
}

export const DLT = { entityId: '1101234567890123456', sender: 'SHALAS', templateId: '1107160000000000001' };

/**
 * SMS enabled with DLT fields (and the secret that signs its delivery reports, when given), and every
 * template's SMS wording registered on DLT (the default wording).
 */
export async function enableSms(t: TestApp, institution: Institution, webhookSecret?: string): Promise<void> {
  await t.context.runAsTenant(institution.id, async () => {
    await t.app.get(ChannelSettingsService).update('sms', {
      enabled: true,
      settings: { entityId: DLT.entityId, senderHeader: DLT.sender },
      secrets: { apiKey: `sms-key-${institution.slug}-0123456789`, webhookSecret },
    });
    const templates = t.app.get(TemplatesService);
    for (const name of ['absence_alert', 'fee_reminder']) {
      const d = DEFAULT_TEMPLATES[name]!;
      const existing = (await templates.list()).find((x) => x.name === name && x.language === 'en');
      const content = { ...d, sms: { ...d.sms!, dltTemplateId: DLT.templateId } };
      if (existing) await templates.replace(existing.id, content);
      else await templates.create({ name, language: 'en', ...content });
    }
  });
}

export interface WhatsAppAccount {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

export async function enableWhatsApp(
  t: TestApp,
  institution: Institution,
  account: WhatsAppAccount,
): Promise<void> {
  await t.context.runAsTenant(institution.id, () =>
    t.app.get(ChannelSettingsService).update('whatsapp', {
      enabled: true,
      settings: { phoneNumberId: account.phoneNumberId, businessAccountId: null },
      secrets: {
        accessToken: account.accessToken,
        appSecret: account.appSecret,
        verifyToken: account.verifyToken,
      },
    }),
  );
}
