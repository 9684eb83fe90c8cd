import { Module } from '@nestjs/common';
import { CurrentInstitution } from './current-institution';
import { InstitutionLogosRepository, InstitutionProfilesRepository } from './institution-profile.repository';
import { InstitutionProfiles } from './institution-profiles.service';
import { InstitutionsRepository } from './institutions.repository';
import { InstitutionsService } from './institutions.service';

@Module({
  providers: [
    InstitutionsRepository,
    InstitutionsService,
    CurrentInstitution,
    InstitutionProfilesRepository,
    InstitutionLogosRepository,
    InstitutionProfiles,
  ],
  exports: [InstitutionsService, CurrentInstitution, InstitutionProfiles],
})
export class InstitutionsModule {}
