import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';
import { ChannelAdapter, ChannelError, Delivery, WhatsAppSettings, postJson } from './channel';

/**
 * WhatsApp Business Cloud API template messages: POST {WHATSAPP_API_URL}/{version}/{phone-number-id}/messages
 * with the institution's bearer token. The API takes no idempotency key, so a message is at least once
 * there: the lease is renewed before each send and outlives the request timeout, which leaves only a
 * worker killed between the provider's answer and our commit to send it again.
 */
@Injectable()
export class WhatsAppChannel implements ChannelAdapter<WhatsAppSettings> {
  readonly channel = 'whatsapp' as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(delivery: Delivery<WhatsAppSettings>): Promise<{ providerMessageId: string | null }> {
    const { rendered, settings } = delivery;
    if (rendered.channel !== 'whatsapp') throw new ChannelError('not a WhatsApp template message', true);
    const { whatsappApiUrl, whatsappApiVersion } = this.config.notifications;
    const body = await postJson(
      'whatsapp',
      `${whatsappApiUrl}/${whatsappApiVersion}/${encodeURIComponent(settings.phoneNumberId)}/messages`,
      { authorization: `Bearer ${settings.accessToken}` },
      {
        messaging_product: 'whatsapp',
        to: delivery.to.replace(/^\+/, ''),
        type: 'template',
        template: {
          name: rendered.templateName,
          language: { code: rendered.languageCode },
          components: [
            { type: 'body', parameters: rendered.parameters.map((text) => ({ type: 'text', text })) },
          ],
        },
      },
    );
    const messages = body.messages as { id?: unknown }[] | undefined;
    const id = messages?.[0]?.id;
    // Accepted: never resend it, even if the answer lacks the id webhooks would name it by.
    return { providerMessageId: typeof id === 'string' ? id : null };
  }
}
