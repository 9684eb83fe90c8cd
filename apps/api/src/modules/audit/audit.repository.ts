import { Injectable } from '@nestjs/common';
import { FindOptionsWhere, LessThan, LessThanOrEqual, Like, MoreThan, MoreThanOrEqual, And } from 'typeorm';
import { Database } from '../../platform/database/database';
import { isTriggerRefusal, isUniqueViolation } from '../../platform/database/driver-errors';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { sqlTimestamp } from '../../platform/database/transformers';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditChainHead, AuditEvent } from './entities/audit-event.entity';

/** What the chain-head trigger refuses an append with (migration AuditHeadTrigger1765300000000). */
const HEAD_MOVED = 'audit chain head moved';

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

  /**
   * One hand-written INSERT: every audited write in the school passes here. The row carries the chain head
   * it makes (`headMac`), and the database's trigger moves audit_chain_heads on in the same statement, only
   * from the event's predecessor (migration AuditHeadTrigger). Answers false, having changed nothing, when
   * the head is not there (another process or a rolled-back transaction moved it, or the seq is taken);
   * the transaction goes on. Under the head's row lock (AuditHeadsRepository.lockHead) it answers true.
   */
  async appendLinked(e: Omit<AuditEvent, 'tenantId'>, headMac: string): Promise<boolean> {
    try {
      await this.sql(
        `INSERT INTO audit_events (tenant_id, seq, id, occurred_at, actor_user_id, action, target_type, target_id, outcome, ip, user_agent, request_id, details, prev_hash, hash, head_mac) VALUES ${TenantScopedRepository.rowsOf(1, 16)}`,
        [
          e.seq,
          e.id,
          sqlTimestamp(e.occurredAt, this.db.dialect),
          e.actorUserId,
          e.action,
          e.targetType,
          e.targetId,
          e.outcome,
          e.ip,
          e.userAgent,
          e.requestId,
          e.details,
          e.prevHash,
          e.hash,
          headMac,
        ],
      );
      return true;
    } catch (error) {
      if (isTriggerRefusal(error, HEAD_MOVED) || isUniqueViolation(error)) return false;
      throw error;
    }
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
  async lockHead(): Promise<Pick<AuditChainHead, 'lastSeq' | 'lastHash'> | null> {
    const rows = await this.sql<{ last_seq: number | string; last_hash: string }[]>(
      `SELECT last_seq, last_hash FROM audit_chain_heads WHERE tenant_id = ?${this.db.dialect === 'mysql' ? ' FOR UPDATE' : ''}`,
    );
    const row = rows[0];
    return row ? { lastSeq: Number(row.last_seq), lastHash: row.last_hash } : null;
  }

  current(): Promise<AuditChainHead | null> {
    return this.findOneBy({});
  }

  async create(head: Pick<AuditChainHead, 'lastSeq' | 'lastHash' | 'headMac'>): Promise<void> {
    await this.insert(head as Omit<AuditChainHead, 'tenantId'>);
  }
}
