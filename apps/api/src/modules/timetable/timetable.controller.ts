import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
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
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { BellScheduleService } from './bell-schedule.service';
import {
  CellBodyDto,
  ConfirmSubstitutionDto,
  MyDayQuery,
  ProposalQuery,
  SectionTimetableDto,
  TimetableSettingsDto,
} from './dto/timetable.dto';
import { SubstitutionsService } from './substitutions.service';
import { TimetableService } from './timetable.service';

/** An integer route parameter within bounds, or 400 naming it. */
const intParam = (name: string, min: number, max: number) =>
  new ParseIntPipe({
    exceptionFactory: () =>
      new ValidationFailedError([{ field: name, message: `must be an integer from ${min} to ${max}` }]),
  });

function inRange(name: string, value: number, min: number, max: number): number {
  if (value < min || value > max)
    throw new ValidationFailedError([{ field: name, message: `must be an integer from ${min} to ${max}` }]);
  return value;
}

/** Inline PDF with a UTF-8 file name (RFC 5987) and an ASCII fallback; never cached. */
async function sendPdf(reply: FastifyReply, file: { fileName: string; body: Buffer }): Promise<void> {
  const ascii = file.fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/"/g, '');
  await reply
    .header('content-type', 'application/pdf')
    .header(
      'content-disposition',
      `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

@ApiTags('timetable')
@ApiBearerAuth()
@Controller('timetable')
export class TimetableController {
  constructor(
    private readonly bells: BellScheduleService,
    private readonly timetables: TimetableService,
    private readonly substitutions: SubstitutionsService,
  ) {}

  @Get('settings')
  @RequirePermission(Permission.TimetableRead)
  @ApiView('TimetableSettings', {
    description: 'The bell schedule of each weekday and the teacher-load limits',
  })
  settings() {
    return this.bells.settings();
  }

  @Put('settings')
  @RequirePermission(Permission.TimetableManage)
  @ApiView('TimetableSettings')
  saveSettings(@Body() body: TimetableSettingsDto) {
    return this.bells.save(body);
  }

  @Get('sections/:sectionId')
  @RequirePermission(Permission.TimetableRead)
  @ApiView('SectionTimetable', { description: "The section's weekly grid this academic year" })
  section(@Param('sectionId', new ParseUUIDPipe()) sectionId: string) {
    return this.timetables.section(sectionId);
  }

  @Get('sections/:sectionId/pdf')
  @RequirePermission(Permission.TimetableRead)
  @ApiFile('application/pdf', "The section's week, printable")
  async sectionPdf(
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendPdf(reply, await this.timetables.sectionPdf(sectionId));
  }

  @Get('teachers/:userId/pdf')
  @RequirePermission(Permission.TimetableRead)
  @ApiFile('application/pdf', "A teacher's week, printable (staff only)")
  async teacherPdf(
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendPdf(reply, await this.timetables.teacherPdf(userId));
  }

  @Put('sections/:sectionId')
  @RequirePermission(Permission.TimetableManage)
  @ApiView('SectionTimetable', {
    description: "Replaces the section's whole grid in one transaction; 422 names each clash",
  })
  saveSection(@Param('sectionId', new ParseUUIDPipe()) sectionId: string, @Body() body: SectionTimetableDto) {
    return this.timetables.saveSection(sectionId, body.cells);
  }

  @Put('sections/:sectionId/cells/:weekday/:period')
  @RequirePermission(Permission.TimetableManage)
  @ApiView('SectionTimetable', { description: 'Sets one cell; 422 names each clash' })
  saveCell(
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Param('weekday', intParam('weekday', 0, 6)) weekday: number,
    @Param('period', intParam('period', 1, 20)) period: number,
    @Body() body: CellBodyDto,
  ) {
    return this.timetables.saveCell(
      sectionId,
      inRange('weekday', weekday, 0, 6),
      inRange('period', period, 1, 20),
      body,
    );
  }

  @Delete('sections/:sectionId/cells/:weekday/:period')
  @RequirePermission(Permission.TimetableManage)
  @ApiView('SectionTimetable', { description: 'Clears one cell' })
  clearCell(
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Param('weekday', intParam('weekday', 0, 6)) weekday: number,
    @Param('period', intParam('period', 1, 20)) period: number,
  ) {
    return this.timetables.saveCell(
      sectionId,
      inRange('weekday', weekday, 0, 6),
      inRange('period', period, 1, 20),
      null,
    );
  }

  @Get('teachers/:userId')
  @RequirePermission(Permission.TimetableRead)
  @ApiView('TeacherTimetable', { description: "A teacher's week this academic year (staff only)" })
  teacher(@Param('userId', new ParseUUIDPipe()) userId: string) {
    return this.timetables.teacher(userId);
  }

  @Get('my-day')
  @RequirePermission(Permission.TimetableRead)
  @ApiView('MyDay', { description: "The caller's lessons of a day, with the periods they cover" })
  myDay(@Query() query: MyDayQuery) {
    return this.substitutions.myDay(query.date);
  }

  @Get('substitutions/proposals')
  @RequirePermission(Permission.TimetableManage)
  @ApiView('SubstitutionProposal', {
    description: "An absent teacher's periods of a day, each with free colleagues (fewest periods first)",
  })
  proposals(@Query() query: ProposalQuery) {
    return this.substitutions.proposals(query.teacherUserId, query.date);
  }

  @Post('substitutions')
  @RequirePermission(Permission.TimetableManage)
  @ApiView('SubstitutionView', { status: 201 })
  confirm(@Body() body: ConfirmSubstitutionDto) {
    return this.substitutions.confirm(body);
  }

  @Delete('substitutions/:id')
  @HttpCode(204)
  @RequirePermission(Permission.TimetableManage)
  @ApiNoBody()
  async cancel(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.substitutions.cancel(id);
  }
}
