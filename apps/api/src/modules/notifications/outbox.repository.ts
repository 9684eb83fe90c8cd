import { Injectable } from '@nestjs/common';
import { In, LessThan } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { OutboxChannel, OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';

export interface MessageFilter {
  statuses?: OutboxStatus[];
  channel?: OutboxChannel;
  template?: string;
  guardianId?: string;
  createdFrom?: Date;
  createdBefore?: Date;
}

/** Statuses a message never leaves by itself: what retention may delete (PRV-04). */
export const FINISHED: OutboxStatus[] = ['sent', 'delivered', 'read', 'failed', 'dead', 'cancelled'];

@Injectable()
export class OutboxRepository extends TenantScopedRepository<OutboxMessage> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, OutboxMessage);
  }

  findByIdempotencyKey(idempotencyKey: string): Promise<OutboxMessage | null> {
    return this.findOneBy({ idempotencyKey });
  }

  /** The idempotency keys among `keys` that already have a message (one query for a batch). */
  async existingIdempotencyKeys(keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.find({
      select: { tenantId: true, idempotencyKey: true },
      where: { idempotencyKey: In(keys) },
    });
    return new Set(rows.map((r) => r.idempotencyKey));
  }

  findById(id: string): Promise<OutboxMessage | null> {
    return this.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<OutboxMessage[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** How many of the tenant's messages are in a status (a dashboard card; ix_outbox_status). */
  countWithStatus(status: OutboxMessage['status']): Promise<number> {
    return this.count({ status });
  }

  listNewestFirst(limit: number): Promise<OutboxMessage[]> {
    return this.find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  async add(message: Insertable<OutboxMessage>): Promise<void> {
    await this.insert(message);
  }

  /** Several messages in one INSERT. */
  async addMany(messages: Insertable<OutboxMessage>[]): Promise<void> {
    if (messages.length) await this.insert(messages);
  }

  /** One page of the delivery log, newest first (ids are time-ordered), after the cursor's id. */
  page(filter: MessageFilter, limit: number, beforeId?: string): Promise<OutboxMessage[]> {
    const qb = this.query('m');
    if (filter.statuses) qb.andWhere('m.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.channel) qb.andWhere('m.channel = :channel', { channel: filter.channel });
    if (filter.template) qb.andWhere('m.template = :template', { template: filter.template });
    if (filter.guardianId) qb.andWhere('m.guardianId = :guardianId', { guardianId: filter.guardianId });
    if (filter.createdFrom) qb.andWhere('m.createdAt >= :from', { from: filter.createdFrom });
    if (filter.createdBefore) qb.andWhere('m.createdAt < :before', { before: filter.createdBefore });
    if (beforeId) qb.andWhere('m.id < :beforeId', { beforeId });
    return qb.orderBy('m.id', 'DESC').limit(limit).getMany();
  }

  /** Extends a lease still held by this token; 0 when another worker took the message over. */
  renewLease(id: string, token: string, until: Date): Promise<number> {
    return this.update({ id, status: 'sending', leaseToken: token }, { nextAttemptAt: until });
  }

  /** Ends a lease with an outcome; 0 when the lease was lost (nothing is overwritten then). */
  finish(
    id: string,
    token: string,
    patch: Partial<
      Pick<
        OutboxMessage,
        'status' | 'lastError' | 'sentAt' | 'providerMessageId' | 'nextAttemptAt' | 'attempts'
      >
    >,
  ): Promise<number> {
    return this.update({ id, status: 'sending', leaseToken: token }, { ...patch, leaseToken: null });
  }

  /** Gives back messages a stopping worker claimed but did not start: due now, the claim not counted. */
  release(ids: string[], token: string, now: Date): Promise<number> {
    if (!ids.length) return Promise.resolve(0);
    return this.update(
      { id: In(ids), status: 'sending', leaseToken: token },
      { status: 'pending', leaseToken: null, nextAttemptAt: now, attempts: () => 'attempts - 1' },
    );
  }

  /** Quiet hours: back to pending until the window ends; the claim does not count as an attempt. */
  defer(id: string, token: string, until: Date): Promise<number> {
    return this.update(
      { id, status: 'sending', leaseToken: token },
      { status: 'pending', leaseToken: null, nextAttemptAt: until, attempts: () => 'attempts - 1' },
    );
  }

  /** An operator's retry of a dead message: due now, attempts start again. */
  requeueDead(id: string, now: Date): Promise<number> {
    return this.update(
      { id, status: 'dead' },
      { status: 'pending', attempts: 0, nextAttemptAt: now, leaseToken: null },
    );
  }

  /** Pending (or in-flight) messages of a guardian on a channel for a purpose: what a withdrawal cancels. */
  async unsentFor(guardianId: string, channel: OutboxChannel, purpose: string): Promise<OutboxMessage[]> {
    return this.find({ where: { guardianId, channel, purpose, status: In(['pending', 'sending']) } });
  }

  cancel(ids: string[], reason: string): Promise<number> {
    if (!ids.length) return Promise.resolve(0);
    return this.update(
      { id: In(ids), status: In(['pending', 'sending']) },
      { status: 'cancelled', lastError: reason, leaseToken: null },
    );
  }

  findByProviderId(channel: OutboxChannel, providerMessageId: string): Promise<OutboxMessage | null> {
    return this.findOneBy({ channel, providerMessageId });
  }

  /** Moves a message on as its provider reports (sent -> delivered -> read, or failed). */
  applyProviderStatus(
    id: string,
    from: OutboxStatus[],
    patch: Partial<Pick<OutboxMessage, 'status' | 'deliveredAt' | 'readAt' | 'lastError'>>,
  ): Promise<number> {
    return this.update({ id, status: In(from) }, patch);
  }

  /** Ids of finished messages created before `cutoff`, oldest first, for retention. */
  async finishedBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.find({
      select: { tenantId: true, id: true },
      where: { createdAt: LessThan(cutoff), status: In(FINISHED) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  deleteByIds(ids: string[]): Promise<number> {
    return ids.length ? this.delete({ id: In(ids) }) : Promise.resolve(0);
  }

  /** Guardian messages whose encrypted address is under an older key version, for rotation (DAT-02). */
  recipientsEncryptedUnder(version: number, limit: number): Promise<OutboxMessage[]> {
    return this.query('m')
      .andWhere('m.recipientEnc LIKE :p', { p: `f1.${version}.%` })
      .orderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  setRecipientEnc(id: string, recipientEnc: string | null): Promise<number> {
    return this.update({ id }, { recipientEnc });
  }
}
