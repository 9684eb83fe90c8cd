import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { InstitutionLogo, InstitutionProfileRow } from './entities/institution-profile.entity';

@Injectable()
export class InstitutionProfilesRepository extends TenantScopedRepository<InstitutionProfileRow> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, InstitutionProfileRow);
  }

  current(): Promise<InstitutionProfileRow | null> {
    return this.findOneBy({});
  }

  async save(row: Omit<InstitutionProfileRow, 'tenantId'>): Promise<void> {
    await this.upsert([row], []);
  }
}

/** The logo without its bytes: what the profile and the ETag check read. */
export type LogoInfoRow = Omit<InstitutionLogo, 'data' | 'tenantId'>;

@Injectable()
export class InstitutionLogosRepository extends TenantScopedRepository<InstitutionLogo> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, InstitutionLogo);
  }

  info(): Promise<LogoInfoRow | null> {
    return this.findOne({
      select: {
        tenantId: true,
        contentType: true,
        width: true,
        height: true,
        byteLength: true,
        sha256: true,
      },
    });
  }

  current(): Promise<InstitutionLogo | null> {
    return this.findOneBy({});
  }

  async save(row: Omit<InstitutionLogo, 'tenantId'>): Promise<void> {
    await this.upsert([row], []);
  }

  async remove(): Promise<void> {
    await this.sql('DELETE FROM institution_logos WHERE tenant_id = ?');
  }
}
