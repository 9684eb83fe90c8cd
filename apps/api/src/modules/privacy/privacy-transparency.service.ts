import { Inject, Injectable } from '@nestjs/common';
import type { RecordsOfProcessingView, SubProcessorView, SubProcessorsView } from '@shala/contracts';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { ChannelSettingsService } from '../notifications/channel-settings.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { FeesGatewaySettingsService } from '../fees/fees-gateway-settings.service';
import { DATA_CLASSIFICATION, SENSITIVE } from './data-classification';

/** The host of a URL, without user, password or path (never a credential). */
function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/**
 * Transparency (PRV-05): the sub-processors this installation and school actually use (from the
 * configured providers) and the records of processing generated from the data-classification map.
 */
@Injectable()
export class PrivacyTransparencyService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelSettingsService,
    private readonly gateway: FeesGatewaySettingsService,
    private readonly institution: CurrentInstitution,
  ) {}

  async subProcessors(): Promise<SubProcessorsView> {
    const n = this.config.notifications;
    const channels = new Map((await this.channels.list()).map((c) => [c.channel, c]));
    const gateway = await this.gateway.view();
    const db = this.config.database;
    const dbHost = db.kind === 'mysql' ? (db.socketPath ? 'local socket' : hostOf(db.url)) : 'local file';
    const items: SubProcessorView[] = [
      {
        service: 'hosting',
        name: `The installation operator (${db.kind === 'mysql' ? 'MySQL/MariaDB' : 'SQLite'} database: ${dbHost ?? 'configured'})`,
        purpose: 'Runs the application and stores all school data (encrypted fields, encrypted backups)',
        dataCategories: ['all categories in the records of processing'],
        location: 'as chosen by the operator of this installation',
        configured: true,
      },
      {
        service: 'email',
        name: hostOf(n.smtpUrl) ? `SMTP relay ${hostOf(n.smtpUrl)}` : 'Email (not configured)',
        purpose: 'Delivers account and school emails',
        dataCategories: ['contact', 'communications'],
        location: hostOf(n.smtpUrl) ?? 'none',
        configured: !!n.smtpUrl && (channels.get('email')?.enabled ?? false),
      },
      {
        service: 'sms',
        name: hostOf(n.smsGatewayUrl) ? `DLT SMS gateway ${hostOf(n.smsGatewayUrl)}` : 'SMS (not configured)',
        purpose: 'Delivers SMS alerts to guardians',
        dataCategories: ['contact', 'communications'],
        location: hostOf(n.smsGatewayUrl) ? 'India (DLT-registered gateway)' : 'none',
        configured: !!n.smsGatewayUrl && (channels.get('sms')?.ready ?? false),
      },
      {
        service: 'whatsapp',
        name: `Meta Platforms (WhatsApp Business Cloud API, ${hostOf(n.whatsappApiUrl) ?? 'graph.facebook.com'})`,
        purpose: 'Delivers WhatsApp messages to guardians who consented',
        dataCategories: ['contact', 'communications'],
        location: 'Meta data centres (outside India possible)',
        configured: channels.get('whatsapp')?.ready ?? false,
      },
      {
        service: 'payment_gateway',
        name: 'Razorpay',
        purpose: 'Takes online fee payments from families',
        dataCategories: ['financial', 'contact'],
        location: 'India',
        configured: gateway.ready,
      },
    ];
    return { items };
  }

  async recordsOfProcessing(): Promise<RecordsOfProcessingView> {
    const school = await this.institution.get();
    return {
      controller: school.name,
      processor: 'Shala (the operator of this installation)',
      activities: Object.entries(DATA_CLASSIFICATION)
        .filter(([, c]) => !c.categories.includes('configuration'))
        .map(([table, c]) => ({
          table,
          module: c.module,
          purpose: c.purpose,
          dataCategories: c.categories,
          subjects: c.subjects,
          retention: c.retention,
          recipients: c.recipients,
          sensitive: c.categories.some((k) => SENSITIVE.has(k)),
        })),
    };
  }
}
