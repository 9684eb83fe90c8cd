import { Global, Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module';
import { StudentsModule } from '../students/students.module';
import { ChannelSettingsService } from './channel-settings.service';
import { ChannelsController } from './channels.controller';
import { EmailChannel } from './channels/email.channel';
import { SmsChannel } from './channels/sms.channel';
import { WhatsAppChannel } from './channels/whatsapp.channel';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';
import { DeliveryLogController } from './delivery-log.controller';
import { DeliveryLogService } from './delivery-log.service';
import { GuardianNotifier } from './guardian-notifier.service';
import {
  ChannelSettingsRepository,
  ConsentEventsRepository,
  ConsentsRepository,
  MessageEventsRepository,
  PreferencesRepository,
  TemplatesRepository,
} from './notifications.repositories';
import { NotificationsKeysReEncryptor } from './notifications-keys.reencryptor';
import { NotificationsRetention } from './notifications-retention.service';
import { NotificationsSetup } from './notifications-setup.service';
import { OutboxClaims } from './outbox-claims';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox-worker.service';
import { ProviderReportsRecorder } from './provider-reports';
import { SmsWebhookController } from './sms-webhook.controller';
import { SmsWebhookService } from './sms-webhook.service';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';
import { WebhookRawBody } from './webhook-raw-body';
import { WhatsAppWebhookController } from './whatsapp-webhook.controller';
import { WhatsAppWebhookService } from './whatsapp-webhook.service';

/**
 * Messages to parents and staff (issue 7). Global so every domain module can enqueue in its own
 * transaction (OutboxService) and message families by consent (GuardianNotifier). Delivery runs in the
 * NotificationsWorkerModule (in the API process in the embedded default, or `node dist/worker.js`).
 */
@Global()
@Module({
  imports: [StudentsModule, InstitutionsModule],
  controllers: [
    DeliveryLogController,
    TemplatesController,
    ChannelsController,
    ConsentsController,
    WhatsAppWebhookController,
    SmsWebhookController,
  ],
  providers: [
    OutboxRepository,
    MessageEventsRepository,
    TemplatesRepository,
    ChannelSettingsRepository,
    PreferencesRepository,
    ConsentsRepository,
    ConsentEventsRepository,
    OutboxService,
    OutboxClaims,
    OutboxWorker,
    EmailChannel,
    SmsChannel,
    WhatsAppChannel,
    TemplatesService,
    ChannelSettingsService,
    ConsentsService,
    GuardianNotifier,
    DeliveryLogService,
    ProviderReportsRecorder,
    WhatsAppWebhookService,
    SmsWebhookService,
    WebhookRawBody,
    NotificationsRetention,
    NotificationsKeysReEncryptor,
    NotificationsSetup,
  ],
  exports: [
    OutboxService,
    GuardianNotifier,
    OutboxWorker,
    NotificationsRetention,
    NotificationsSetup,
    ChannelSettingsService,
    // Read by the role dashboards (issue 14).
    OutboxRepository,
  ],
})
export class NotificationsModule {}
