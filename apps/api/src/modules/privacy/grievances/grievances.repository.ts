import { Injectable } from '@nestjs/common';
import type { GrievanceStatus } from '@shala/contracts';
import { LessThan } from 'typeorm';
import type { FindOptionsWhere } from 'typeorm';
import { Database } from '../../../platform/database/database';
import type { Insertable } from '../../../platform/database/insertable';
import { TenantScopedRepository } from '../../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { PrivacyGrievance, PrivacyGrievanceOfficer } from './grievance.entities';

export interface GrievanceFilter {
  status?: GrievanceStatus;
  /** Open and past due at this instant. */
  overdueAt?: Date;
  /** Only the grievances this user raised (a parent's own). */
  raisedBy?: string;
}

@Injectable()
export class GrievancesRepository extends TenantScopedRepository<PrivacyGrievance> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyGrievance);
  }

  async create(row: Insertable<PrivacyGrievance>): Promise<void> {
    await this.insert(row);
  }

  byId(id: string): Promise<PrivacyGrievance | null> {
    return this.findOneBy({ id });
  }

  /** Newest first; at most `limit`. */
  list(filter: GrievanceFilter, limit: number): Promise<PrivacyGrievance[]> {
    const where: FindOptionsWhere<PrivacyGrievance> = {};
    if (filter.status) where.status = filter.status;
    if (filter.overdueAt) {
      if (filter.status && filter.status !== 'open') return Promise.resolve([]);
      where.status = 'open';
      where.dueAt = LessThan(filter.overdueAt);
    }
    if (filter.raisedBy) where.raisedByUserId = filter.raisedBy;
    return this.find({ where, order: { receivedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Answers an open grievance (compare-and-set on `open`); answers whether it moved. */
  async answer(
    id: string,
    patch: Pick<PrivacyGrievance, 'status' | 'answer' | 'answeredByUserId' | 'answeredAt'>,
  ): Promise<boolean> {
    return (await this.update({ id, status: 'open' }, patch)) === 1;
  }

  /** Open grievances due before `at` (the daily privacy reminder). */
  openDueBefore(at: Date): Promise<PrivacyGrievance[]> {
    return this.find({ where: { status: 'open', dueAt: LessThan(at) }, take: 1000 });
  }
}

@Injectable()
export class GrievanceOfficersRepository extends TenantScopedRepository<PrivacyGrievanceOfficer> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyGrievanceOfficer);
  }

  /** The school's officer row, if it has one. */
  current(): Promise<PrivacyGrievanceOfficer | null> {
    return this.findOneBy({});
  }

  /** Creates or replaces the school's one officer row. */
  async save(row: Pick<PrivacyGrievanceOfficer, 'name' | 'email' | 'phone' | 'responseDays'>): Promise<void> {
    await this.upsert([{ ...row, updatedAt: new Date() } as Insertable<PrivacyGrievanceOfficer>], []);
  }
}
