import { Injectable } from '@nestjs/common';
import { FindOptionsWhere, LessThan, LessThanOrEqual, Like, MoreThan, MoreThanOrEqual, And } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { sqlTimestamp } from '../../platform/database/transformers';
import { upsertClause } from '../../platform/database/upsert-clause';
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

  /** One hand-written INSERT: every audited write in the school passes here, under the chain head lock. */
  async append(e: Omit<AuditEvent, 'tenantId'>): Promise<void> {
    await this.sql(
      `INSERT INTO audit_events (tenant_id, seq, id, occurred_at, actor_user_id, action, target_type, target_id, outcome, ip, user_agent, request_id, details, prev_hash, hash) VALUES ${TenantScopedRepository.rowsOf(1, 15)}`,
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
      ],
    );
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

  /**
   * Moves the head on only if it still is `from` (compare and set): one UPDATE that, when it matches, also
   * takes the head's row lock for the rest of the transaction, as `lockHead` would. Answers whether it
   * matched; when it did not, nothing changed and the caller reads the head under `lockHead`.
   */
  async advanceFrom(
    from: Pick<AuditChainHead, 'lastSeq' | 'lastHash'>,
    to: Pick<AuditChainHead, 'lastSeq' | 'lastHash' | 'headMac'>,
  ): Promise<boolean> {
    const moved = await this.update(
      { lastSeq: from.lastSeq, lastHash: from.lastHash },
      { lastSeq: to.lastSeq, lastHash: to.lastHash, headMac: to.headMac, updatedAt: new Date() },
    );
    return moved === 1;
  }

  /** Moves the (locked) head on: one upsert, the tenant first as `sql` requires. */
  async advance(head: Pick<AuditChainHead, 'lastSeq' | 'lastHash' | 'headMac'>): Promise<void> {
    const moved = ['last_seq', 'last_hash', 'head_mac', 'updated_at'];
    const onConflict = upsertClause(this.db.dialect, ['tenant_id'], moved);
    await this.sql(
      `INSERT INTO audit_chain_heads (tenant_id, ${moved.join(', ')}) VALUES ${TenantScopedRepository.rowsOf(1, 5)} ${onConflict}`,
      [head.lastSeq, head.lastHash, head.headMac, sqlTimestamp(new Date(), this.db.dialect)],
    );
  }
}
