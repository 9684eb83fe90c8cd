import { Module } from '@nestjs/common';
import { AcademicsModule } from '../academics/academics.module';
import { EventsModule } from '../../platform/events/events.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { UsersModule } from '../users/users.module';
import { GuardiansService } from './guardians.service';
import { PromotionService } from './promotion.service';
import { SchoolUsers } from './school-users';
import { StudentAccessPolicy } from './student-access.policy';
import { StudentDirectory } from './student-directory';
import { StudentSearch } from './student-search.service';
import { StudentImportService } from './student-import.service';
import { StudentKeysReEncryptor } from './student-keys.reencryptor';
import { StudentViews } from './student-view';
import { StudentsController } from './students.controller';
import { StudentsCrypto } from './students.crypto';
import {
  EnrolmentsRepository,
  GuardiansRepository,
  StudentGuardiansRepository,
  StudentsRepository,
} from './students.repository';
import { StudentsService } from './students.service';

import { StudentAuditNames } from './student-audit-names';
import {
  StudentBiometricRepository,
  StudentConsentEventsRepository,
  StudentConsentGate,
  StudentConsentsRepository,
} from './student-consents';
import { StudentConsentsDemo } from './student-consents-demo';

@Module({
  imports: [AcademicsModule, UsersModule, EventsModule, InstitutionsModule],
  controllers: [StudentsController],
  providers: [
    StudentsRepository,
    EnrolmentsRepository,
    GuardiansRepository,
    StudentGuardiansRepository,
    StudentAccessPolicy,
    StudentsCrypto,
    StudentViews,
    StudentDirectory,
    GuardiansService,
    SchoolUsers,
    StudentsService,
    StudentSearch,
    StudentImportService,
    PromotionService,
    StudentKeysReEncryptor,
    StudentAuditNames,
    StudentConsentsRepository,
    StudentConsentEventsRepository,
    StudentBiometricRepository,
    StudentConsentGate,
    StudentConsentsDemo,
  ],
  // Other modules read students through StudentDirectory only; StudentsService and StudentImportService
  // stay exported for the demo seeder.
  exports: [
    StudentDirectory,
    StudentsService,
    GuardiansService,
    StudentImportService,
    // the consent store (issue 13 item 7): the privacy module records consents, the gate reads them
    StudentConsentsRepository,
    StudentConsentEventsRepository,
    StudentBiometricRepository,
    StudentConsentGate,
    StudentConsentsDemo,
  ],
})
export class StudentsModule {}
