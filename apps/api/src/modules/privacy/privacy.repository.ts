import { Injectable } from '@nestjs/common';
import type { PrivacyRequestStatus } from '@shala/contracts';
import { In, LessThan } from 'typeorm';
import type { FindOptionsWhere } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { ARCHIVE_SOURCES } from './archive-sources';
import { PrivacyRequest } from './entities/privacy-request.entity';

export interface PrivacyRequestFilter {
  status?: PrivacyRequestStatus;
  /** Open or in progress and past due at `now`. */
  overdueAt?: Date;
  /** Only the requests this user raised (a parent's own). */
  requestedBy?: string;
}

const OPEN_STATUSES: PrivacyRequestStatus[] = ['open', 'in_progress'];

@Injectable()
export class PrivacyRequestsRepository extends TenantScopedRepository<PrivacyRequest> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyRequest);
  }

  async create(row: Insertable<PrivacyRequest>): Promise<void> {
    await this.insert(row);
  }

  byId(id: string): Promise<PrivacyRequest | null> {
    return this.findOneBy({ id });
  }

  /** Newest first; at most `limit`. */
  list(filter: PrivacyRequestFilter, limit: number): Promise<PrivacyRequest[]> {
    const where: FindOptionsWhere<PrivacyRequest> = {};
    if (filter.status) where.status = filter.status;
    if (filter.overdueAt) {
      if (filter.status && !OPEN_STATUSES.includes(filter.status)) return Promise.resolve([]);
      where.status = filter.status ?? In(OPEN_STATUSES);
      where.dueAt = LessThan(filter.overdueAt);
    }
    if (filter.requestedBy) where.requestedByUserId = filter.requestedBy;
    return this.find({ where, order: { receivedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Moves a request from `from` to `to` (compare-and-set); answers whether it moved. */
  async transition(
    id: string,
    from: PrivacyRequestStatus,
    patch: Pick<PrivacyRequest, 'status' | 'closedAt' | 'refusalReason'>,
  ): Promise<boolean> {
    return (await this.update({ id, status: from }, patch)) === 1;
  }

  /** Open or in-progress requests due before `at` (the daily reminder). */
  dueBefore(at: Date): Promise<PrivacyRequest[]> {
    return this.find({ where: { status: In(OPEN_STATUSES), dueAt: LessThan(at) }, take: 1000 });
  }
}

/** A row of any table, as the driver answers it. */
export type RawRow = Record<string, unknown>;

const TABLES = new Set(ARCHIVE_SOURCES.map((s) => s.table));
const IDENTIFIER = /^[a-z_]+$/;

/**
 * Reads the archive tables of ARCHIVE_SOURCES (and only those) for an access archive: every statement
 * is `WHERE tenant_id = <context tenant> AND (col IN (...) OR ...)`, the tenant from the request context
 * (TEN-03). Table and column names come from the constant list, never from a request.
 */
@Injectable()
export class SubjectRecordsRepository extends TenantScopedRepository<PrivacyRequest> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyRequest);
  }

  async rows(table: string, matches: { column: string; ids: string[] }[]): Promise<RawRow[]> {
    if (!TABLES.has(table)) throw new Error(`${table} is not an archive table`);
    const live = matches.filter((m) => m.ids.length > 0);
    if (live.length === 0) return [];
    const params: unknown[] = [];
    const ors = live.map((m) => {
      if (!IDENTIFIER.test(m.column)) throw new Error(`bad column ${m.column}`);
      params.push(...m.ids);
      return `${m.column} IN (${m.ids.map(() => '?').join(', ')})`;
    });
    return this.sql<RawRow[]>(`SELECT * FROM ${table} WHERE tenant_id = ? AND (${ors.join(' OR ')})`, params);
  }
}
