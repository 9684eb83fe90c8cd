import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Transporter, createTransport } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';
import { ChannelAdapter, ChannelError, Delivery, EmailSettings, PROVIDER_TIMEOUT_MS } from './channel';

/** Email over SMTP (nodemailer), through the deployment's SMTP_URL; the institution picks its From. */
@Injectable()
export class EmailChannel implements ChannelAdapter<EmailSettings>, OnApplicationShutdown {
  readonly channel = 'email' as const;
  private transport: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.notifications.smtpUrl !== null;
  }

  private transporter(): Transporter {
    if (!this.transport) {
      const url = this.config.notifications.smtpUrl;
      if (!url) throw new ChannelError('email is not configured on this server (SMTP_URL)', true);
      this.transport = createTransport({
        url,
        pool: true,
        maxConnections: 2,
        connectionTimeout: PROVIDER_TIMEOUT_MS,
        greetingTimeout: PROVIDER_TIMEOUT_MS,
        socketTimeout: PROVIDER_TIMEOUT_MS,
      });
    }
    return this.transport;
  }

  async send(delivery: Delivery<EmailSettings>): Promise<{ providerMessageId: string | null }> {
    const { rendered, settings } = delivery;
    if (rendered.channel !== 'email') throw new ChannelError('not an email', true);
    const from = settings.fromAddress
      ? { name: settings.fromName ?? '', address: settings.fromAddress }
      : this.config.notifications.smtpFrom;
    try {
      const info = (await this.transporter().sendMail({
        from,
        to: delivery.to,
        ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
        subject: rendered.subject,
        text: rendered.text,
        // The same Message-ID on every attempt, so a resend after a crash can be recognised downstream.
        messageId: `<${delivery.messageId}@shala.notifications>`,
      })) as { messageId?: string };
      return { providerMessageId: info.messageId ?? null };
    } catch (error) {
      if (error instanceof ChannelError) throw error;
      const e = error as { responseCode?: number; code?: string; message?: string };
      // 5xx SMTP replies and envelope errors are final; connection trouble and 4xx are worth a retry.
      const permanent = (e.responseCode !== undefined && e.responseCode >= 500) || e.code === 'EENVELOPE';
      throw new ChannelError(
        `smtp: ${e.code ?? 'error'} ${e.responseCode ?? ''} ${e.message ?? ''}`.trim(),
        permanent,
      );
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }
}
