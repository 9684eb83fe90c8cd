import { Injectable } from '@nestjs/common';
import { CommonErrorCode, type WhatsAppWebhookResult as WebhookResult } from '@shala/contracts';
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../platform/errors/domain-error';
import { safeEqual } from '../../platform/security/tokens';
import { RequestContext } from '../../platform/tenancy/request-context';
import { InstitutionsService } from '../institutions/institutions.service';
import { ChannelSettingsService } from './channel-settings.service';
import {
  parseWebhookJson,
  ProviderEvent,
  ProviderReport,
  ProviderReportsRecorder,
  WebhookSignatureError,
} from './provider-reports';

export class WebhookVerificationError extends DomainError {
  constructor() {
    super(403, CommonErrorCode.Forbidden, 'The verify token does not match.');
  }
}

const statusSchema = z.object({
  id: z.string().min(1).max(191),
  status: z.string().min(1).max(32),
  timestamp: z.string().regex(/^\d{1,12}$/),
  recipient_id: z.string().max(32).optional(),
  errors: z
    .array(
      z
        .object({
          code: z.number().optional(),
          title: z.string().max(500).optional(),
          message: z.string().max(500).optional(),
        })
        .passthrough(),
    )
    .max(10)
    .optional(),
});

/** The Cloud API's webhook envelope; only delivery statuses are read (incoming messages are not). */
const payloadSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.object({
        id: z.string().max(64),
        changes: z
          .array(
            z.object({
              field: z.string().max(64),
              value: z
                .object({
                  metadata: z.object({ phone_number_id: z.string().max(64) }).passthrough(),
                  statuses: z.array(statusSchema).max(1000).optional(),
                })
                .passthrough(),
            }),
          )
          .max(100),
      }),
    )
    .max(100),
});

const EVENTS: readonly string[] = ['sent', 'delivered', 'read', 'failed'] satisfies ProviderEvent[];

/**
 * WhatsApp delivery webhooks (APP-07), one callback URL per institution. The X-Hub-Signature-256 HMAC
 * of the raw body under the institution's app secret is checked in constant time before the body is
 * parsed; the payload is validated after; each status event is applied once (ProviderReportsRecorder),
 * so duplicates and replays change nothing; a status is looked up only among this institution's
 * messages and only for its own phone number id, so one school's account cannot touch another's.
 */
@Injectable()
export class WhatsAppWebhookService {
  constructor(
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly channels: ChannelSettingsService,
    private readonly reports: ProviderReportsRecorder,
  ) {}

  private async secretsOf(institutionId: string) {
    const institution = await this.institutions.findById(institutionId);
    if (!institution) return null;
    return this.context.runAsTenant(institutionId, () => this.channels.whatsappWebhookSecrets());
  }

  /** GET verification: echoes hub.challenge when hub.verify_token is the institution's. */
  async verify(institutionId: string, mode: string, token: string, challenge: string): Promise<string> {
    const secrets = await this.secretsOf(institutionId);
    const ok = mode === 'subscribe' && !!secrets && safeEqual(token, secrets.verifyToken);
    if (!ok) throw new WebhookVerificationError();
    return challenge;
  }

  static signatureOf(appSecret: string, raw: Buffer): string {
    return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
  }

  async receive(
    institutionId: string,
    raw: Buffer | undefined,
    signature: string | undefined,
  ): Promise<WebhookResult> {
    const secrets = await this.secretsOf(institutionId);
    const expected = secrets && raw ? WhatsAppWebhookService.signatureOf(secrets.appSecret, raw) : null;
    // Same work whether or not the institution exists, then one constant-time comparison.
    const given = typeof signature === 'string' ? signature.trim().toLowerCase() : '';
    if (!safeEqual(given, expected ?? 'sha256=' + '0'.repeat(64)) || !expected)
      throw new WebhookSignatureError();

    const payload = parseWebhookJson(payloadSchema, raw!.toString('utf8'), 'webhook body');
    return this.context.runAsTenant(institutionId, () => this.apply(payload, secrets!.phoneNumberId));
  }

  private async apply(payload: z.infer<typeof payloadSchema>, phoneNumberId: string): Promise<WebhookResult> {
    const reports: (ProviderReport | null)[] = [];
    for (const entry of payload.entry)
      for (const change of entry.changes) {
        // Only this institution's number: a status about another account's number changes nothing.
        const ours = change.field === 'messages' && change.value.metadata.phone_number_id === phoneNumberId;
        for (const s of change.value.statuses ?? []) {
          if (!ours || !EVENTS.includes(s.status)) {
            reports.push(null);
            continue;
          }
          const error = s.errors?.[0];
          reports.push({
            channel: 'whatsapp',
            providerMessageId: s.id,
            event: s.status as ProviderEvent,
            at: new Date(Number(s.timestamp) * 1000),
            reason: error
              ? `${error.title ?? error.message ?? 'failed'}${error.code !== undefined ? ` (code ${error.code})` : ''}`
              : null,
            dedupeKey: `wa:${s.id}:${s.status}`,
            source: 'WhatsApp',
          });
        }
      }
    return { statuses: reports.length, ...(await this.reports.recordAll(reports)) };
  }
}
