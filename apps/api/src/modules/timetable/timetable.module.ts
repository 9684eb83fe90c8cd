import { Module } from '@nestjs/common';
import { AcademicsModule } from '../academics/academics.module';
import { AccessModule } from '../access/access.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { BellScheduleService } from './bell-schedule.service';
import { SubstitutionsService } from './substitutions.service';
import { TimetableAccess } from './timetable-access';
import { TimetableController } from './timetable.controller';
import { TimetableNames } from './timetable-names';
import {
  BellSlotsRepository,
  SubstitutionsRepository,
  TimetableEntriesRepository,
  TimetableSettingsRepository,
} from './timetable.repository';
import { TimetableService } from './timetable.service';
import { TimetableDemoSeeder } from './timetable-demo.seeder';

@Module({
  imports: [AcademicsModule, AccessModule, AttendanceModule, InstitutionsModule, StudentsModule, UsersModule],
  controllers: [TimetableController],
  providers: [
    BellSlotsRepository,
    TimetableSettingsRepository,
    TimetableEntriesRepository,
    SubstitutionsRepository,
    BellScheduleService,
    TimetableAccess,
    TimetableNames,
    TimetableService,
    SubstitutionsService,
    TimetableDemoSeeder,
  ],
  // The teacher dashboard shows the day (issue 16 item 3).
  exports: [SubstitutionsService, TimetableDemoSeeder],
})
export class TimetableModule {}
