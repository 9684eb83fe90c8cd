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
import { LeaveService } from './leave.service';
import { RegisterCover } from './register-cover';
import { RegisterService } from './register.service';
import { SchoolCalendar } from './school-calendar';

@Module({
  imports: [AcademicsModule, StudentsModule, InstitutionsModule],
  controllers: [AttendanceController],
  providers: [
    AttendanceSettingsRepository,
    HolidaysRepository,
    AttendanceMarksRepository,
    DaySummariesRepository,
    LeaveRequestsRepository,
    SchoolCalendar,
    RegisterService,
    AttendanceReportsService,
    LeaveService,
    AbsenceAlerts,
    RegisterCover,
  ],
  exports: [
    // The timetable plugs its substitutions in (issue 16).
    RegisterCover,
    SchoolCalendar,
    RegisterService,
    AttendanceReportsService,
    // Read by the role dashboards (issue 14).
    LeaveService,
    LeaveRequestsRepository,
  ],
})
export class AttendanceModule {}
