import { Module } from '@nestjs/common';
import { CurrentInstitution } from './current-institution';
import { InstitutionLogosRepository, InstitutionProfilesRepository } from './institution-profile.repository';
import { InstitutionProfiles } from './institution-profiles.service';
import { InstitutionsRepository } from './institutions.repository';
import { InstitutionsService } from './institutions.service';
import { SchoolStorage, SchoolStorageJob, SchoolStorageRepository } from './school-storage';

@Module({
  providers: [
    InstitutionsRepository,
    InstitutionsService,
    CurrentInstitution,
    InstitutionProfilesRepository,
    InstitutionLogosRepository,
    InstitutionProfiles,
    SchoolStorageRepository,
    SchoolStorage,
    SchoolStorageJob,
  ],
  exports: [InstitutionsService, CurrentInstitution, InstitutionProfiles, SchoolStorage],
})
export class InstitutionsModule {}
