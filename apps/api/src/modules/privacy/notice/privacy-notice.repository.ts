import { Injectable } from '@nestjs/common';
import { Database } from '../../../platform/database/database';
import type { Insertable } from '../../../platform/database/insertable';
import { TenantScopedRepository } from '../../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { PrivacyNotice, PrivacyNoticeAcceptance } from './privacy-notice.entities';

const VERSIONS_LIMIT = 200;

@Injectable()
export class PrivacyNoticesRepository extends TenantScopedRepository<PrivacyNotice> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyNotice);
  }

  async create(row: Insertable<PrivacyNotice>): Promise<void> {
    await this.insert(row);
  }

  byId(id: string): Promise<PrivacyNotice | null> {
    return this.findOneBy({ id });
  }

  /** Every version, newest first. */
  versions(): Promise<PrivacyNotice[]> {
    return this.find({ order: { version: 'DESC' }, take: VERSIONS_LIMIT });
  }

  /** The draft in the making, if any (there is at most one). */
  draft(): Promise<PrivacyNotice | null> {
    return this.findOne({ where: { status: 'draft' }, order: { version: 'DESC' } });
  }

  /** The version in force: the newest published one. */
  current(): Promise<PrivacyNotice | null> {
    return this.findOne({ where: { status: 'published' }, order: { version: 'DESC' } });
  }

  async latestVersion(): Promise<number> {
    return (await this.findOne({ order: { version: 'DESC' } }))?.version ?? 0;
  }

  /** Changes a draft's text; answers whether the row was still a draft. */
  async editDraft(
    id: string,
    patch: Pick<PrivacyNotice, 'bodyEn' | 'bodyHi' | 'contact' | 'updatedAt'>,
  ): Promise<boolean> {
    return (await this.update({ id, status: 'draft' }, patch)) === 1;
  }

  /** Publishes a draft (compare-and-set on its status); answers whether it moved. */
  async publish(id: string, at: Date, byUserId: string): Promise<boolean> {
    return (
      (await this.update(
        { id, status: 'draft' },
        { status: 'published', publishedAt: at, publishedByUserId: byUserId, updatedAt: at },
      )) === 1
    );
  }
}

@Injectable()
export class PrivacyNoticeAcceptancesRepository extends TenantScopedRepository<PrivacyNoticeAcceptance> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyNoticeAcceptance);
  }

  async create(row: Insertable<PrivacyNoticeAcceptance>): Promise<void> {
    await this.insert(row);
  }

  of(userId: string, noticeId: string): Promise<PrivacyNoticeAcceptance | null> {
    return this.findOneBy({ userId, noticeId });
  }

  /** How many users accepted each of these versions. */
  async counts(noticeIds: string[]): Promise<Map<string, number>> {
    if (noticeIds.length === 0) return new Map();
    const rows = await this.query('a')
      .select('a.noticeId', 'noticeId')
      .addSelect('COUNT(*)', 'n')
      .andWhere('a.noticeId IN (:...ids)', { ids: noticeIds })
      .groupBy('a.noticeId')
      .getRawMany<{ noticeId: string; n: number | string }>();
    return new Map(rows.map((r) => [r.noticeId, Number(r.n)]));
  }
}
