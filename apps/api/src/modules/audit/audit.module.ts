import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditEventsRepository, AuditHeadsRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditNames } from './audit-names';
import { InstitutionsModule } from '../institutions/institutions.module';

/** Global so every module records its writes through AuditService in its own transaction. */
@Global()
@Module({
  imports: [InstitutionsModule],
  controllers: [AuditController],
  providers: [AuditEventsRepository, AuditHeadsRepository, AuditService, AuditNames],
  exports: [AuditService, AuditNames],
})
export class AuditModule {}
