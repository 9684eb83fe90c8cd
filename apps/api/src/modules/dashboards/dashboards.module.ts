import { Module } from '@nestjs/common';
import { HealthModule } from '../../platform/health/health.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { AuditModule } from '../audit/audit.module';
import { ExamsModule } from '../exams/exams.module';
import { FeesModule } from '../fees/fees.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { StudentsModule } from '../students/students.module';
import { TimetableModule } from '../timetable/timetable.module';
import { UsersModule } from '../users/users.module';
import { AdminDashboardService } from './admin-dashboard.service';
import { CollectionsDashboardService } from './collections-dashboard.service';
import { DashboardsController } from './dashboards.controller';
import { DayCloseController } from './day-close.controller';
import { FamilyDashboardService } from './family-dashboard.service';
import { OperatorDashboardService } from './operator-dashboard.service';
import { TeacherDashboardService } from './teacher-dashboard.service';

/** Role dashboards (issue 14): read-only, on top of the modules whose lists the cards link to. */
@Module({
  imports: [
    HealthModule,
    InstitutionsModule,
    AuditModule,
    UsersModule,
    StudentsModule,
    NotificationsModule,
    AttendanceModule,
    FeesModule,
    ExamsModule,
    TimetableModule,
  ],
  controllers: [DashboardsController, DayCloseController],
  providers: [
    AdminDashboardService,
    TeacherDashboardService,
    FamilyDashboardService,
    CollectionsDashboardService,
    OperatorDashboardService,
  ],
})
export class DashboardsModule {}
