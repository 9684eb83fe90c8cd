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
  ],
  exports: [AcademicsService],
})
export class AcademicsModule {}
