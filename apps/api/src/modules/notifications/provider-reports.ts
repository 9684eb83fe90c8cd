import { Injectable } from '@nestjs/common';
import { CommonErrorCode } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Database } from '../../platform/database/database';
import { DomainError, ValidationFailedError } from '../../platform/errors/domain-error';
import { OutboxChannel, OutboxStatus } from './entities/outbox-message.entity';
import { MessageEventsRepository } from './notifications.repositories';
import { OutboxRepository } from './outbox.repository';
import { withoutAddresses } from './outbox-worker.service';
import { isUniqueViolation } from '../../platform/database/driver-errors';

export class WebhookSignatureError extends DomainError {
  constructor(message = 'The webhook signature does not verify.') {
    super(401, CommonErrorCode.Unauthenticated, message);
  }
}

/** A verified webhook body's JSON, validated: 400 MALFORMED_BODY when not JSON, VALIDATION_FAILED naming fields. */
export function parseWebhookJson<T>(schema: z.ZodType<T>, text: string, what: string, prefix = ''): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError(400, CommonErrorCode.MalformedBody, `The ${what} is not JSON.`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success)
    throw new ValidationFailedError(
      result.error.issues
        .slice(0, 20)
        .map((i) => ({ field: [prefix, ...i.path].filter((p) => p !== '').join('.'), message: i.message })),
    );
  return result.data;
}

/** What a provider may report about a message it accepted. */
export type ProviderEvent = 'sent' | 'delivered' | 'read' | 'failed';

/** One delivery status from a provider's webhook, already authenticated and validated. */
export interface ProviderReport {
  channel: OutboxChannel;
  providerMessageId: string;
  event: ProviderEvent;
  at: Date;
  /** Why it failed, as the provider says. */
  reason: string | null;
  /** Unique per institution: the same event arriving again is recognised by it. */
  dedupeKey: string;
  /** Who reported it, for the delivery log ("WhatsApp", "the SMS gateway"). */
  source: string;
}

export interface ReportTally {
  applied: number;
  duplicates: number;
  ignored: number;
}

const TRANSITIONS: Record<ProviderEvent, { from: OutboxStatus[]; to: OutboxStatus } | null> = {
  sent: null, // already recorded when the provider accepted the message
  delivered: { from: ['sent'], to: 'delivered' },
  read: { from: ['sent', 'delivered'], to: 'read' },
  failed: { from: ['sent', 'delivered'], to: 'failed' },
};

/**
 * Applies provider delivery reports to the current institution's messages (APP-07), each event once:
 * its dedupe key is recorded with it (unique per institution), so a duplicate or replay is counted and
 * changes nothing. A message is looked up by its provider id among this institution's messages only.
 * Statuses only move forward (sent -> delivered -> read, or failed); the event is logged either way.
 */
@Injectable()
export class ProviderReportsRecorder {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly events: MessageEventsRepository,
  ) {}

  /**
   * Records the reports in one transaction; null entries (not about this institution's account, or a
   * status that says nothing new) count as ignored. When a concurrent delivery of the same event wins
   * the unique key, the batch runs again once and finds it a duplicate.
   */
  async recordAll(reports: (ProviderReport | null)[]): Promise<ReportTally> {
    try {
      return await this.db.transaction(() => this.apply(reports));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.db.transaction(() => this.apply(reports));
    }
  }

  private async apply(reports: (ProviderReport | null)[]): Promise<ReportTally> {
    const out: ReportTally = { applied: 0, duplicates: 0, ignored: 0 };
    for (const r of reports) {
      const message = r ? await this.outbox.findByProviderId(r.channel, r.providerMessageId) : null;
      if (!r || !message) {
        out.ignored++;
        continue;
      }
      if (await this.events.seen(r.dedupeKey)) {
        out.duplicates++;
        continue;
      }
      // Providers may quote the recipient in a reason: no addresses in the log (DAT-05).
      const reason = r.reason ? withoutAddresses(r.reason) : null;
      const transition = TRANSITIONS[r.event];
      if (transition) {
        const changed = await this.outbox.applyProviderStatus(message.id, transition.from, {
          status: transition.to,
          ...(transition.to === 'delivered' ? { deliveredAt: r.at } : {}),
          ...(transition.to === 'read' ? { readAt: r.at, deliveredAt: message.deliveredAt ?? r.at } : {}),
          ...(transition.to === 'failed' ? { lastError: (reason ?? 'failed').slice(0, 500) } : {}),
        });
        if (changed) out.applied++;
      }
      await this.events.add([
        {
          id: uuidv7(),
          messageId: message.id,
          event: r.event,
          detail: `reported by ${r.source}${reason ? `: ${reason}` : ''}`.slice(0, 500),
          attempt: null,
          dedupeKey: r.dedupeKey,
          occurredAt: r.at,
        },
      ]);
    }
    return out;
  }
}
