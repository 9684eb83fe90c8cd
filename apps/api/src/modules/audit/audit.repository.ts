import { Injectable } from '@nestjs/common';
import { FindOptionsWhere, LessThan, LessThanOrEqual, Like, MoreThan, MoreThanOrEqual, And } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditChainHead, AuditEvent } from './entities/audit-event.entity';

export interface AuditFilter {
  action?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class AuditEventsRepository extends TenantScopedRepository<AuditEvent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, AuditEvent);
  }

  async append(event: Omit<AuditEvent, 'tenantId'>): Promise<void> {
    await this.insert(event);
  }

  private where(
    filter: AuditFilter,
    seq?: FindOptionsWhere<AuditEvent>['seq'],
  ): FindOptionsWhere<AuditEvent> {
    const where: FindOptionsWhere<AuditEvent> = {};
    if (filter.action)
      where.action = filter.action.endsWith('*')
        ? Like(`${filter.action.slice(0, -1).replace(/[%_]/g, '')}%`)
        : filter.action;
    if (filter.actorUserId) where.actorUserId = filter.actorUserId;
    if (filter.targetType) where.targetType = filter.targetType;
    if (filter.targetId) where.targetId = filter.targetId;
    if (filter.outcome) where.outcome = filter.outcome as AuditEvent['outcome'];
    if (filter.from && filter.to)
      where.occurredAt = And(MoreThanOrEqual(filter.from), LessThanOrEqual(filter.to));
    else if (filter.from) where.occurredAt = MoreThanOrEqual(filter.from);
    else if (filter.to) where.occurredAt = LessThanOrEqual(filter.to);
    if (seq) where.seq = seq;
    return where;
  }

  /** Newest first, from below `beforeSeq`. */
  newestFirst(filter: AuditFilter, limit: number, beforeSeq?: number): Promise<AuditEvent[]> {
    return this.find({
      where: this.where(filter, beforeSeq ? LessThan(beforeSeq) : undefined),
      order: { seq: 'DESC' },
      take: limit,
    });
  }

  /** Oldest first, from above `afterSeq`: for export and verification. */
  oldestFirst(filter: AuditFilter, limit: number, afterSeq: number): Promise<AuditEvent[]> {
    return this.find({ where: this.where(filter, MoreThan(afterSeq)), order: { seq: 'ASC' }, take: limit });
  }
}

@Injectable()
export class AuditHeadsRepository extends TenantScopedRepository<AuditChainHead> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, AuditChainHead);
  }

  /** The tenant's chain head, locked for the rest of the transaction on MySQL (SQLite transactions take turns). */
  async lockHead(): Promise<AuditChainHead | null> {
    const qb = this.query('h');
    if (this.db.dialect === 'mysql') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  current(): Promise<AuditChainHead | null> {
    return this.findOneBy({});
  }

  async create(head: Pick<AuditChainHead, 'lastSeq' | 'lastHash' | 'headMac'>): Promise<void> {
    await this.insert(head as Omit<AuditChainHead, 'tenantId'>);
  }

  async advance(head: Pick<AuditChainHead, 'lastSeq' | 'lastHash' | 'headMac'>): Promise<void> {
    await this.update({}, { ...head, updatedAt: new Date() });
  }
}
