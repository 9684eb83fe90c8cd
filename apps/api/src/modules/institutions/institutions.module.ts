import { Module } from '@nestjs/common';
import { CurrentInstitution } from './current-institution';
import { InstitutionsRepository } from './institutions.repository';
import { InstitutionsService } from './institutions.service';

@Module({
  providers: [InstitutionsRepository, InstitutionsService, CurrentInstitution],
  exports: [InstitutionsService, CurrentInstitution],
})
export class InstitutionsModule {}
