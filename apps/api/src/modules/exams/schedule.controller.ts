import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { ScheduleDto } from './dto/schedule.dto';
import { HallTicketsService } from './hall-tickets.service';
import type { PdfFile } from './report-cards.service';
import { ExamScheduleService } from './schedule.service';

/** An inline PDF with a UTF-8 file name (RFC 5987) and an ASCII fallback. */
async function sendPdf(reply: FastifyReply, file: PdfFile): Promise<void> {
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

/** The exam schedule of an assessment (sittings per paper and section) and its hall tickets. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class ExamScheduleController {
  constructor(
    private readonly schedule: ExamScheduleService,
    private readonly tickets: HallTicketsService,
  ) {}

  @Get('assessments/:assessmentId/schedule')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('ExamScheduleView', {
    description: "An assessment's sittings by date and time (school staff; families read their child's)",
  })
  read(@Param('assessmentId', new ParseUUIDPipe()) assessmentId: string) {
    return this.schedule.schedule(assessmentId);
  }

  @Put('assessments/:assessmentId/schedule')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('ExamScheduleView', {
    description:
      "Replaces the assessment's whole schedule; 422 `EXAMS_SCHEDULE_CLASH` names each clash (a section or an invigilator booked twice at once, a non-working day)",
  })
  replace(@Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Body() body: ScheduleDto) {
    return this.schedule.replace(assessmentId, body.sittings);
  }

  @Get('students/:studentId/schedule')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('StudentExamScheduleView', {
    description: "A student's exam sittings this year (parents: their own children)",
  })
  studentSchedule(@Param('studentId', new ParseUUIDPipe()) studentId: string) {
    return this.schedule.studentSchedule(studentId);
  }

  @Get('assessments/:assessmentId/hall-tickets/students/:studentId')
  @RequirePermission(Permission.ExamsRead)
  @ApiFile('application/pdf', "A student's hall ticket for the assessment (parents: their own children)")
  async studentTicket(
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Param('studentId', new ParseUUIDPipe()) studentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendPdf(reply, await this.tickets.student(assessmentId, studentId));
  }

  @Get('assessments/:assessmentId/hall-tickets/sections/:sectionId')
  @RequirePermission(Permission.ExamsRead)
  @ApiFile('application/pdf', "A section's hall tickets in one PDF, a page per student by roll number")
  async sectionTickets(
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendPdf(reply, await this.tickets.section(assessmentId, sectionId));
  }
}
