import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiNoBody, ApiView } from '../../platform/http/api-view';
import { page } from '../../platform/http/page-query';
import { sendCsv } from '../../platform/http/send-csv';
import { DateParam, MonthParam } from '../../platform/http/validators';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { AttendanceReportsService } from './attendance-reports.service';
import {
  DateQuery,
  HolidayDto,
  LeaveDecisionDto,
  LeaveListQuery,
  LeaveRequestDto,
  OptionalRangeQuery,
  PeriodQuery,
  RangeQuery,
  SaveRegisterDto,
  SettingsDto,
} from './dto/attendance.dto';
import { LeaveService } from './leave.service';
import { RegisterService } from './register.service';
import { SchoolCalendar } from './school-calendar';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('attendance')
export class AttendanceController {
  constructor(
    private readonly calendar: SchoolCalendar,
    private readonly registers: RegisterService,
    private readonly reports: AttendanceReportsService,
    private readonly leave: LeaveService,
  ) {}

  @Get('settings')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('AttendanceSettings')
  settings() {
    return this.calendar.settings();
  }

  @Put('settings')
  @RequirePermission(Permission.InstitutionSettingsWrite)
  @ApiView('AttendanceSettings')
  updateSettings(@Body() body: SettingsDto) {
    return this.calendar.updateSettings(body);
  }

  @Get('holidays')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('Holiday', { page: true })
  async holidays(@Query() query: RangeQuery) {
    return page(await this.calendar.holidays(query.from, query.to));
  }

  @Post('holidays')
  @RequirePermission(Permission.InstitutionSettingsWrite)
  @ApiView('Holiday', { status: 201 })
  addHoliday(@Body() body: HolidayDto) {
    return this.calendar.addHoliday(body.date, body.name);
  }

  @Delete('holidays/:id')
  @HttpCode(204)
  @RequirePermission(Permission.InstitutionSettingsWrite)
  @ApiNoBody()
  async removeHoliday(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.calendar.removeHoliday(id);
  }

  @Get('sections/:sectionId/days/:date')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('RegisterView', {
    description: 'The register: enrolled students with their marks, leave, lock and working-day state',
  })
  register(
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @DateParam('date') date: string,
    @Query() query: PeriodQuery,
  ) {
    return this.registers.register(sectionId, date, query.period);
  }

  @Put('sections/:sectionId/days/:date')
  @RequirePermission(Permission.AttendanceMark)
  @ApiView('SaveRegisterResult', {
    description:
      'Saves the marks in one transaction (idempotent); after the cut-off needs attendance.override and a reason',
  })
  save(
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @DateParam('date') date: string,
    @Body() body: SaveRegisterDto,
  ) {
    return this.registers.save(sectionId, date, body);
  }

  @Get('sections/:sectionId/months/:month')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('SectionMonth')
  sectionMonth(
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @MonthParam('month') month: string,
  ) {
    return this.reports.sectionMonth(sectionId, month);
  }

  @Get('sections/:sectionId/months/:month/export')
  @RequirePermission(Permission.AttendanceRead)
  @ApiFile('text/csv')
  async exportMonth(
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @MonthParam('month') month: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendCsv(reply, await this.reports.sectionMonthCsv(sectionId, month));
  }

  @Get('students/:studentId/calendar')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('StudentCalendar')
  studentCalendar(@Param('studentId', new ParseUUIDPipe()) studentId: string, @Query() query: RangeQuery) {
    return this.reports.studentCalendar(studentId, query.from, query.to);
  }

  @Get('summary')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('DaySummary', { description: 'The day across sections in scope: present %, absentees by section' })
  summary(@Query() query: DateQuery) {
    return this.reports.daySummary(query.date);
  }

  @Get('unmarked')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('UnmarkedSections')
  unmarked(@Query() query: DateQuery) {
    return this.reports.unmarked(query.date);
  }

  @Get('chronic-absentees')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('ChronicAbsenteesReport')
  chronic(@Query() query: OptionalRangeQuery) {
    return this.reports.chronicAbsentees(query);
  }

  @Post('leave-requests')
  @RequirePermission(Permission.AttendanceLeaveRequest)
  @ApiView('LeaveRequestView', { status: 201 })
  requestLeave(@Body() body: LeaveRequestDto) {
    return this.leave.request(body);
  }

  @Get('leave-requests')
  @RequirePermission(Permission.AttendanceRead)
  @ApiView('LeaveRequestView', { page: true })
  async leaveRequests(@Query() query: LeaveListQuery) {
    return page(await this.leave.list(query.status));
  }

  @Post('leave-requests/:id/decision')
  @HttpCode(200)
  @RequirePermission(Permission.AttendanceLeaveApprove)
  @ApiView('LeaveRequestView')
  decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: LeaveDecisionDto) {
    return this.leave.decide(id, body.decision, body.note);
  }

  @Post('leave-requests/:id/cancel')
  @HttpCode(200)
  @RequirePermission(Permission.AttendanceLeaveRequest)
  @ApiView('LeaveRequestView')
  cancel(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.leave.cancel(id);
  }
}
