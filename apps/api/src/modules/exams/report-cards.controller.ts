import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission, type ReportCardJobStarted, type ReportCardJobView } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { RequestContext } from '../../platform/tenancy/request-context';
import { ReportCardQuery } from './dto/report-cards.dto';
import { type JobOwner, ReportCardJobs } from './report-card-jobs';
import { type PdfFile, ReportCardsService } from './report-cards.service';

// The job views' schemas, written out until ReportCardJobView / ReportCardJobStarted join the contracts'
// ApiViews map (then these routes take @ApiView like the others).
const JOB_STARTED_SCHEMA = {
  type: 'object',
  properties: { jobId: { type: 'string', format: 'uuid' } },
  required: ['jobId'],
};
const JOB_VIEW_SCHEMA = {
  type: 'object',
  properties: {
    jobId: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['running', 'done', 'failed'] },
    done: { type: 'integer' },
    total: { type: 'integer' },
  },
  required: ['jobId', 'status', 'done', 'total'],
};

/** Inline PDF with a UTF-8 file name (RFC 5987) and an ASCII fallback. */
async function sendFile(
  reply: FastifyReply,
  file: PdfFile,
  type: string,
  disposition: string,
): Promise<void> {
  const ascii = file.fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/"/g, '');
  await reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class ReportCardsController {
  constructor(
    private readonly cards: ReportCardsService,
    private readonly jobs: ReportCardJobs,
    private readonly context: RequestContext,
  ) {}

  private owner(): JobOwner {
    return { tenantId: this.context.tenantId, userId: this.context.userId };
  }

  @Get('students/:studentId/report-card')
  @RequirePermission(Permission.ExamsRead)
  @ApiFile(
    'application/pdf',
    "A student's report card: `?term=<termId>` for a term, `?term=year` (or none) for this academic year; parents: own children, published terms only",
  )
  async reportCard(
    @Param('studentId', new ParseUUIDPipe()) studentId: string,
    @Query() query: ReportCardQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file =
      query.term && query.term !== 'year'
        ? await this.cards.termCard(studentId, query.term)
        : await this.cards.yearCard(studentId);
    await sendFile(reply, file, 'application/pdf', 'inline');
  }

  @Get('students/:studentId/transcript')
  @RequirePermission(Permission.ExamsRead)
  @ApiFile('application/pdf', "A student's multi-year transcript (parents: published terms only)")
  async transcript(
    @Param('studentId', new ParseUUIDPipe()) studentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendFile(reply, await this.cards.transcript(studentId), 'application/pdf', 'inline');
  }

  @Post('terms/:termId/sections/:sectionId/report-cards')
  @HttpCode(202)
  @RequirePermission(Permission.ExamsRead)
  @ApiAcceptedResponse({
    description: "Starts rendering a section's term report cards: `{ jobId }`; poll the job, then download",
    schema: JOB_STARTED_SCHEMA,
  })
  async startSectionJob(
    @Param('termId', new ParseUUIDPipe()) termId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
  ): Promise<ReportCardJobStarted> {
    const work = await this.cards.sectionCards(termId, sectionId);
    return { jobId: this.jobs.start(this.owner(), work).jobId };
  }

  @Get('report-card-jobs/:jobId')
  @RequirePermission(Permission.ExamsRead)
  @ApiOkResponse({ description: "A report-card job's progress", schema: JOB_VIEW_SCHEMA })
  job(@Param('jobId', new ParseUUIDPipe()) jobId: string): ReportCardJobView {
    return this.jobs.view(this.owner(), jobId);
  }

  @Get('report-card-jobs/:jobId/download')
  @RequirePermission(Permission.ExamsRead)
  @ApiFile('application/zip', "The finished job's cards, one PDF per student named `<rollNo>-<name>.pdf`")
  async download(
    @Param('jobId', new ParseUUIDPipe()) jobId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = this.jobs.zip(this.owner(), jobId);
    await sendFile(reply, { fileName: `report-cards-${jobId}.zip`, body }, 'application/zip', 'attachment');
  }
}
