import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';
import { ChannelAdapter, ChannelError, Delivery, SmsSettings, postJson } from './channel';

/**
 * SMS through an HTTP gateway with India's DLT fields (TRAI): the institution's principal entity id and
 * sender header, and the registered template id of the text. The rendered text was matched against the
 * registered template before this is called. Contract (README, "Notifications"):
 * POST {SMS_GATEWAY_URL}/messages, Authorization: Bearer <api key>, Idempotency-Key: <message id>,
 * body { to, sender, text, dlt: { entityId, templateId }, reference } -> 2xx { id }.
 */
@Injectable()
export class SmsChannel implements ChannelAdapter<SmsSettings> {
  readonly channel = 'sms' as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.notifications.smsGatewayUrl !== null;
  }

  async send(delivery: Delivery<SmsSettings>): Promise<{ providerMessageId: string | null }> {
    const { rendered, settings } = delivery;
    if (rendered.channel !== 'sms') throw new ChannelError('not an SMS', true);
    const base = this.config.notifications.smsGatewayUrl;
    if (!base) throw new ChannelError('SMS is not configured on this server (SMS_GATEWAY_URL)', true);
    const body = await postJson(
      'sms gateway',
      `${base}/messages`,
      { authorization: `Bearer ${settings.apiKey}`, 'idempotency-key': delivery.messageId },
      {
        to: delivery.to,
        sender: settings.senderHeader,
        text: rendered.text,
        dlt: { entityId: settings.entityId, templateId: rendered.dltTemplateId },
        reference: delivery.messageId,
      },
    );
    return { providerMessageId: typeof body.id === 'string' ? body.id : null };
  }
}
