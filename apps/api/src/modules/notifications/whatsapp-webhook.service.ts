import { Injectable } from '@nestjs/common';
import { CommonErrorCode } from '@shala/contracts';
import { createHmac } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { Database } from '../../platform/database/database';
import { DomainError, ValidationFailedError } from '../../platform/errors/domain-error';
import { safeEqual } from '../../platform/security/tokens';
import { RequestContext } from '../../platform/tenancy/request-context';
import { InstitutionsService } from '../institutions/institutions.service';
import { ChannelSettingsService } from './channel-settings.service';
import { MessageEventKind } from './entities/message-event.entity';
import { OutboxStatus } from './entities/outbox-message.entity';
import { MessageEventsRepository } from './notifications.repositories';
import { OutboxRepository } from './outbox.repository';

export class WebhookSignatureError extends DomainError {
  constructor() {
    super(401, CommonErrorCode.Unauthenticated, 'The webhook signature does not verify.');
  }
}

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

const TRANSITIONS: Record<string, { from: OutboxStatus[]; to: OutboxStatus } | null> = {
  sent: null, // already recorded when the API accepted the message
  delivered: { from: ['sent'], to: 'delivered' },
  read: { from: ['sent', 'delivered'], to: 'read' },
  failed: { from: ['sent', 'delivered'], to: 'failed' },
};

export interface WebhookResult {
  statuses: number;
  applied: number;
  duplicates: number;
  ignored: number;
}

/**
 * WhatsApp delivery webhooks (APP-07), one callback URL per institution. The X-Hub-Signature-256 HMAC
 * of the raw body under the institution's app secret is checked in constant time before the body is
 * parsed; the payload is validated after; each status event is applied once (its dedupe key is unique),
 * so duplicates and replays change nothing; a status is looked up only among this institution's
 * messages and only for its own phone number id, so one school's account cannot touch another's.
 */
@Injectable()
export class WhatsAppWebhookService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly channels: ChannelSettingsService,
    private readonly outbox: OutboxRepository,
    private readonly events: MessageEventsRepository,
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

    let parsed: unknown;
    try {
      parsed = JSON.parse(raw!.toString('utf8'));
    } catch {
      throw new DomainError(400, CommonErrorCode.MalformedBody, 'The webhook body is not JSON.');
    }
    const result = payloadSchema.safeParse(parsed);
    if (!result.success)
      throw new ValidationFailedError(
        result.error.issues.slice(0, 20).map((i) => ({ field: i.path.join('.'), message: i.message })),
      );
    return this.context.runAsTenant(institutionId, () => this.apply(result.data, secrets!.phoneNumberId));
  }

  private apply(payload: z.infer<typeof payloadSchema>, phoneNumberId: string): Promise<WebhookResult> {
    return this.db.transaction(async () => {
      const out: WebhookResult = { statuses: 0, applied: 0, duplicates: 0, ignored: 0 };
      for (const entry of payload.entry)
        for (const change of entry.changes) {
          const statuses = change.value.statuses ?? [];
          out.statuses += statuses.length;
          // Only this institution's number: a status about another account's number changes nothing.
          if (change.field !== 'messages' || change.value.metadata.phone_number_id !== phoneNumberId) {
            out.ignored += statuses.length;
            continue;
          }
          for (const s of statuses) {
            const transition = TRANSITIONS[s.status];
            const message =
              transition === undefined ? null : await this.outbox.findByProviderId('whatsapp', s.id);
            if (!message) {
              out.ignored++;
              continue;
            }
            const dedupeKey = `wa:${s.id}:${s.status}`;
            if (await this.events.seen(dedupeKey)) {
              out.duplicates++;
              continue;
            }
            const at = new Date(Number(s.timestamp) * 1000);
            const error = s.errors?.[0];
            const reason = error
              ? `${error.title ?? error.message ?? 'failed'}${error.code !== undefined ? ` (code ${error.code})` : ''}`
              : null;
            if (transition) {
              const changed = await this.outbox.applyProviderStatus(message.id, transition.from, {
                status: transition.to,
                ...(transition.to === 'delivered' ? { deliveredAt: at } : {}),
                ...(transition.to === 'read' ? { readAt: at, deliveredAt: message.deliveredAt ?? at } : {}),
                ...(transition.to === 'failed' ? { lastError: (reason ?? 'failed').slice(0, 500) } : {}),
              });
              if (changed) out.applied++;
            }
            await this.events.add([
              {
                id: uuidv7(),
                messageId: message.id,
                event: s.status as MessageEventKind,
                detail: `reported by WhatsApp${reason ? `: ${reason}` : ''}`.slice(0, 500),
                attempt: null,
                dedupeKey,
                occurredAt: at,
              },
            ]);
          }
        }
      return out;
    });
  }
}
