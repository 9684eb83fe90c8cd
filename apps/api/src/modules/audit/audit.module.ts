import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditEventsRepository, AuditHeadsRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** Global so every module records its writes through AuditService in its own transaction. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditEventsRepository, AuditHeadsRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
