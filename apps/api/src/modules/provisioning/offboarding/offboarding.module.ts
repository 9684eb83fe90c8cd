import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { InstitutionsModule } from '../../institutions/institutions.module';
import { InstitutionExport } from './institution-export';
import { InstitutionPurge } from './institution-purge';
import { OffboardingExports } from './offboarding-exports';
import { OffboardingPurgeJob } from './offboarding-purge.job';
import { OffboardingController } from './offboarding.controller';
import { DeletionCertificatesRepository, OffboardingRepository } from './offboarding.repository';
import { OffboardingService } from './offboarding.service';
import { SchoolSessionsRepository, TenantTablesRepository } from './tenant-tables.repository';

/** Institution offboarding (issue 13 item 5): terminate, export, purge, deletion certificates. */
@Module({
  imports: [InstitutionsModule, AuditModule],
  controllers: [OffboardingController],
  providers: [
    OffboardingRepository,
    DeletionCertificatesRepository,
    TenantTablesRepository,
    SchoolSessionsRepository,
    InstitutionExport,
    OffboardingExports,
    InstitutionPurge,
    OffboardingService,
    OffboardingPurgeJob,
  ],
  exports: [OffboardingService, OffboardingPurgeJob],
})
export class OffboardingModule {}
