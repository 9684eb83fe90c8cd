import { Injectable } from '@nestjs/common';
import { IsNull, LessThanOrEqual } from 'typeorm';
import { Database } from '../../../platform/database/database';
import type { Insertable } from '../../../platform/database/insertable';
import { TenantScopedRepository } from '../../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { DeletionCertificate, InstitutionOffboarding } from './entities/offboarding.entities';

type OffboardingPatch = Partial<Omit<InstitutionOffboarding, 'tenantId' | 'institutionId'>>;

/** The platform tenant's offboarding rows (called in the operator's context, or a job's platform context). */
@Injectable()
export class OffboardingRepository extends TenantScopedRepository<InstitutionOffboarding> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, InstitutionOffboarding);
  }

  async create(row: Insertable<InstitutionOffboarding>): Promise<void> {
    await this.insert(row);
  }

  byInstitution(institutionId: string): Promise<InstitutionOffboarding | null> {
    return this.findOneBy({ institutionId });
  }

  /** The encrypted export file of a finished export, or null. */
  async exportFile(institutionId: string): Promise<Buffer | null> {
    const row = await this.query('o')
      .addSelect('o.exportFile')
      .andWhere('o.institutionId = :institutionId', { institutionId })
      .getOne();
    return row?.exportFile ? Buffer.from(row.exportFile) : null;
  }

  async patch(institutionId: string, patch: OffboardingPatch): Promise<number> {
    return this.update({ institutionId }, patch);
  }

  /** Marks the purge as started unless it already was; answers whether this call started it. */
  async startPurge(institutionId: string, at: Date): Promise<boolean> {
    return (
      (await this.update(
        { institutionId, purgeStartedAt: IsNull(), purgedAt: IsNull() },
        { purgeStartedAt: at },
      )) === 1
    );
  }

  /** Schools whose retention period is over and that are not purged yet. */
  duePurges(at: Date): Promise<InstitutionOffboarding[]> {
    return this.find({ where: { purgedAt: IsNull(), purgeAfter: LessThanOrEqual(at) }, take: 100 });
  }

  all(): Promise<InstitutionOffboarding[]> {
    return this.find({ order: { terminatedAt: 'DESC' }, take: 500 });
  }
}

@Injectable()
export class DeletionCertificatesRepository extends TenantScopedRepository<DeletionCertificate> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, DeletionCertificate);
  }

  async create(row: Insertable<DeletionCertificate>): Promise<void> {
    await this.insert(row);
  }

  list(): Promise<DeletionCertificate[]> {
    return this.find({ order: { purgedAt: 'DESC' }, take: 500 });
  }
}
