import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AcademicsController } from './academics.controller';
import {
  AcademicYearsRepository,
  ClassesRepository,
  SectionsRepository,
  SubjectAssignmentsRepository,
  SubjectsRepository,
} from './academics.repository';
import { AcademicsService } from './academics.service';

import { AcademicsAuditNames } from './academics-audit-names';

@Module({
  imports: [UsersModule],
  controllers: [AcademicsController],
  providers: [
    AcademicYearsRepository,
    ClassesRepository,
    SectionsRepository,
    SubjectsRepository,
    SubjectAssignmentsRepository,
    AcademicsService,
    AcademicsAuditNames,
  ],
  exports: [AcademicsService],
})
export class AcademicsModule {}
