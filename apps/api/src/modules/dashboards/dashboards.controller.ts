import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { AdminDashboardService } from './admin-dashboard.service';
import { CollectionsDashboardService } from './collections-dashboard.service';
import { FamilyDashboardService } from './family-dashboard.service';
import { OperatorDashboardService } from './operator-dashboard.service';
import { TeacherDashboardService } from './teacher-dashboard.service';

/** One route per role's dashboard; each answers every card of that dashboard in one request. */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardsController {
  constructor(
    private readonly admin: AdminDashboardService,
    private readonly teacher: TeacherDashboardService,
    private readonly family: FamilyDashboardService,
    private readonly collections: CollectionsDashboardService,
    private readonly operator: OperatorDashboardService,
  ) {}

  @Get('admin')
  @RequirePermission(Permission.StudentsRead)
  @ApiView('AdminDashboard', {
    description:
      'The school today: active students, attendance, collections, overdue dues, pending leave, failed messages; a card is null without its permission; school-wide staff only',
  })
  adminDashboard() {
    return this.admin.dashboard();
  }

  @Get('teacher')
  @RequirePermission(Permission.AttendanceMark)
  @ApiView('TeacherDashboard', {
    description: "The caller's sections with today's marking state, and pending leave of their students",
  })
  teacherDashboard() {
    return this.teacher.dashboard();
  }

  @Get('family')
  @RequirePermission(Permission.StudentsRead)
  @ApiView('FamilyDashboard', {
    description:
      "A card per child (a student: their own): today's attendance, this month's percentage, next fee due, latest published result; parents and students only",
  })
  familyDashboard() {
    return this.family.dashboard();
  }

  @Get('accountant')
  @RequirePermission(Permission.FeesRead)
  @ApiView('AccountantDashboard', {
    description: "Today's collections by method and by cashier, and overdue totals; school-wide staff only",
  })
  accountantDashboard() {
    return this.collections.dashboard();
  }

  @Get('operator')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('OperatorDashboard', {
    description: "The system's health and, per school, students, users and last activity; operators only",
  })
  operatorDashboard() {
    return this.operator.dashboard();
  }
}
