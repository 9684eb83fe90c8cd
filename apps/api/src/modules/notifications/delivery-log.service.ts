import { Injectable } from '@nestjs/common';
import {
  type MessageDetail,
  type MessageStatus,
  type MessageView,
  PAGE_LIMIT_DEFAULT,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { mask } from '../../platform/security/data-classification';
import { addDays } from '../../platform/time/local-time';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { startOfLocalDay } from './delivery-timing';
import { OutboxChannel, OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';
import { MessageNotRetryableError } from './notifications.errors';
import { MessageEventsRepository } from './notifications.repositories';
import { MessageFilter, OutboxRepository } from './outbox.repository';

const toApi = (s: OutboxStatus): MessageStatus => (s === 'pending' ? 'queued' : s);
const fromApi = (s: MessageStatus): OutboxStatus => (s === 'queued' ? 'pending' : s);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export interface MessageQuery {
  status?: MessageStatus;
  channel?: OutboxChannel;
  template?: string;
  guardianId?: string;
  /** Local dates (YYYY-MM-DD) in the institution's time zone, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** The delivery log (issue 7 item 6): per-message status, reason, attempts, provider id and timeline. */
@Injectable()
export class DeliveryLogService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly events: MessageEventsRepository,
    private readonly institution: CurrentInstitution,
    private readonly audit: AuditService,
  ) {}

  view(m: OutboxMessage): MessageView {
    const masked = m.recipientEnc
      ? m.recipient
      : (mask(m.channel === 'email' ? 'email' : 'phone', m.recipient) ?? '');
    return {
      id: m.id,
      channel: m.channel,
      template: m.template,
      purpose: m.purpose,
      guardianId: m.guardianId,
      recipient: masked,
      status: toApi(m.status),
      attempts: m.attempts,
      reason: m.lastError,
      providerMessageId: m.providerMessageId,
      createdAt: iso(m.createdAt)!,
      updatedAt: iso(m.updatedAt)!,
      nextAttemptAt: m.status === 'pending' ? iso(m.nextAttemptAt) : null,
      sentAt: iso(m.sentAt),
      deliveredAt: iso(m.deliveredAt),
      readAt: iso(m.readAt),
    };
  }

  async list(
    query: MessageQuery,
    only?: MessageStatus[],
  ): Promise<{ items: MessageView[]; nextCursor: string | null }> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    let beforeId: string | undefined;
    if (query.cursor) {
      beforeId = Buffer.from(query.cursor, 'base64url').toString('utf8');
      if (!/^[0-9a-f-]{36}$/.test(beforeId))
        throw new ValidationFailedError([{ field: 'cursor', message: 'is not one this API issued' }]);
    }
    const filter: MessageFilter = {
      statuses: (only ?? (query.status ? [query.status] : undefined))?.map(fromApi),
      channel: query.channel,
      template: query.template,
      guardianId: query.guardianId,
    };
    if (query.from || query.to) {
      const tz = (await this.institution.find())?.timeZone ?? 'UTC';
      if (query.from) filter.createdFrom = startOfLocalDay(query.from, tz);
      if (query.to) filter.createdBefore = startOfLocalDay(addDays(query.to, 1), tz);
    }
    const rows = await this.outbox.page(filter, limit + 1, beforeId);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((m) => this.view(m)),
      nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null,
    };
  }

  async get(id: string): Promise<MessageDetail> {
    const message = await this.outbox.findById(id);
    if (!message) throw new NotFoundError('The message');
    let variableNames: string[] = [];
    try {
      variableNames = Object.keys(JSON.parse(message.variables) as object);
    } catch {
      variableNames = [];
    }
    const events = await this.events.ofMessage(id);
    return {
      ...this.view(message),
      variableNames,
      events: events.map((e) => ({
        at: iso(e.occurredAt)!,
        event: e.event,
        detail: e.detail,
        attempt: e.attempt,
      })),
    };
  }

  /** An operator's retry of a dead message: queued again now, attempts from zero, audited. */
  async retry(id: string): Promise<MessageDetail> {
    await this.db.transaction(async () => {
      const message = await this.outbox.findById(id);
      if (!message) throw new NotFoundError('The message');
      if (message.status !== 'dead') throw new MessageNotRetryableError(toApi(message.status));
      const now = new Date();
      await this.outbox.requeueDead(id, now);
      await this.events.add([
        {
          id: uuidv7(),
          messageId: id,
          event: 'retried',
          detail: `retried by an operator after: ${message.lastError ?? 'no reason recorded'}`.slice(0, 500),
          attempt: null,
          dedupeKey: null,
          occurredAt: now,
        },
      ]);
      await this.audit.record({
        action: 'notifications.message_retry',
        targetType: 'outbox_message',
        targetId: id,
        details: { template: message.template, channel: message.channel, previousAttempts: message.attempts },
      });
    });
    return this.get(id);
  }
}
