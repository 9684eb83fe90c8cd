import { Module } from '@nestjs/common';
import { AcademicsModule } from '../academics/academics.module';
import { EnrolmentEvents } from './enrolment-events';
import { PromotionService } from './promotion.service';
import { StudentAccessPolicy } from './student-access.policy';
import { StudentImportService } from './student-import.service';
import { StudentKeysReEncryptor } from './student-keys.reencryptor';
import { StudentViews } from './student-view';
import { StudentsController } from './students.controller';
import {
  EnrolmentsRepository,
  GuardiansRepository,
  StudentGuardiansRepository,
  StudentsRepository,
} from './students.repository';
import { StudentsService } from './students.service';

@Module({
  imports: [AcademicsModule],
  controllers: [StudentsController],
  providers: [
    StudentsRepository,
    EnrolmentsRepository,
    GuardiansRepository,
    StudentGuardiansRepository,
    StudentAccessPolicy,
    StudentViews,
    StudentsService,
    StudentImportService,
    PromotionService,
    StudentKeysReEncryptor,
    EnrolmentEvents,
  ],
  exports: [StudentsService, StudentAccessPolicy, StudentImportService, EnrolmentEvents],
})
export class StudentsModule {}
