import { Module } from '@nestjs/common';
import { AcademicsModule } from '../academics/academics.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { StudentsModule } from '../students/students.module';
import { AbsenceAlerts } from './absence-alerts';
import { AttendanceReportsService } from './attendance-reports.service';
import { AttendanceController } from './attendance.controller';
import {
  AttendanceMarksRepository,
  AttendanceSettingsRepository,
  DaySummariesRepository,
  HolidaysRepository,
  LeaveRequestsRepository,
} from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { CalendarService } from './calendar.service';
import { LeaveService } from './leave.service';

@Module({
  imports: [AcademicsModule, StudentsModule, InstitutionsModule],
  controllers: [AttendanceController],
  providers: [
    AttendanceSettingsRepository,
    HolidaysRepository,
    AttendanceMarksRepository,
    DaySummariesRepository,
    LeaveRequestsRepository,
    AttendanceService,
    AttendanceReportsService,
    CalendarService,
    LeaveService,
    AbsenceAlerts,
  ],
  exports: [AttendanceService, AttendanceReportsService],
})
export class AttendanceModule {}
