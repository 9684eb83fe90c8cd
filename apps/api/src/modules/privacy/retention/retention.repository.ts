import { Injectable } from '@nestjs/common';
import { In, LessThan } from 'typeorm';
import { Database } from '../../../platform/database/database';
import type { Insertable } from '../../../platform/database/insertable';
import { TenantScopedRepository } from '../../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { RefreshToken, Session } from '../../auth/entities/session.entity';
import { RetentionPolicyRow, RetentionRun } from './retention.entities';

@Injectable()
export class RetentionPoliciesRepository extends TenantScopedRepository<RetentionPolicyRow> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, RetentionPolicyRow);
  }

  /** The school's overrides, if it has set any. */
  current(): Promise<RetentionPolicyRow | null> {
    return this.findOneBy({});
  }

  /** Creates or replaces the school's one policy row. */
  async save(
    row: Pick<RetentionPolicyRow, 'processingLogDays' | 'deliveryRecordDays' | 'updatedByUserId'>,
  ): Promise<void> {
    await this.upsert([{ ...row, updatedAt: new Date() } as Insertable<RetentionPolicyRow>], []);
  }
}

@Injectable()
export class RetentionRunsRepository extends TenantScopedRepository<RetentionRun> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, RetentionRun);
  }

  async start(row: Insertable<RetentionRun>): Promise<void> {
    await this.insert(row);
  }

  async finish(
    id: string,
    patch: Pick<RetentionRun, 'status' | 'finishedAt' | 'deletedProcessingLogs' | 'deletedDeliveryRecords'>,
  ): Promise<void> {
    await this.update({ id }, patch);
  }

  /** Whether a pass already ran (or is running) for the school's local day. */
  ranOn(runDay: string): Promise<boolean> {
    return this.exists({ runDay });
  }

  /** Newest first; at most `limit`. */
  latest(limit: number): Promise<RetentionRun[]> {
    return this.find({ order: { startedAt: 'DESC', id: 'DESC' }, take: limit });
  }
}

/**
 * Logs of processing the retention job may delete: sign-in sessions (device, IP address) that ended, by
 * expiry or sign-out, before the cutoff. A live session is never one of them.
 */
@Injectable()
export class EndedSessionsRepository extends TenantScopedRepository<Session> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Session);
  }

  /** Ids of sessions that ended before `cutoff`, oldest first, at most `limit`. */
  async endedBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.find({
      select: { tenantId: true, id: true },
      where: [{ expiresAt: LessThan(cutoff) }, { revokedAt: LessThan(cutoff) }],
      order: { expiresAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  deleteByIds(ids: string[]): Promise<number> {
    return ids.length ? this.delete({ id: In(ids) }) : Promise.resolve(0);
  }
}

@Injectable()
export class SessionTokensRepository extends TenantScopedRepository<RefreshToken> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, RefreshToken);
  }

  /** The refresh tokens of those sessions (deleted with them: the foreign key cascades on MySQL only if enforced). */
  deleteForSessions(sessionIds: string[]): Promise<number> {
    return sessionIds.length ? this.delete({ sessionId: In(sessionIds) }) : Promise.resolve(0);
  }
}
