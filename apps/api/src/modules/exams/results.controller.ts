import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { StudentResultsQuery } from './dto/results-query.dto';
import { PublishingService } from './publishing.service';
import { ResultsService } from './results.service';

@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly publishing: PublishingService,
  ) {}

  @Get('students/:studentId/results')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('StudentResultsView', {
    description:
      "A student's term results this year: `{ items: [{ termId, termName, subjects: [{ subject, marks, maxMarks, grade }], percentage, grade }] }`, published terms only for parents and students",
  })
  studentResults(
    @Param('studentId', new ParseUUIDPipe()) studentId: string,
    @Query() query: StudentResultsQuery,
  ) {
    return this.results.studentResults(studentId, query.includeUnpublished === 'true');
  }

  @Get('terms/:termId/sections/:sectionId/results')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('SectionResultsView', {
    description:
      "A section's term results: every student's subjects, percentage, grade, and ranks in section and class",
  })
  sectionResults(
    @Param('termId', new ParseUUIDPipe()) termId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
  ) {
    return this.results.sectionResults(termId, sectionId);
  }

  @Post('terms/:termId/classes/:classId/publish')
  @HttpCode(200)
  @RequirePermission(Permission.ExamsPublish)
  @ApiView('ResultPublicationView', {
    description:
      'Publishes (or re-publishes) the term results of a class and messages guardians who opted in, once per version',
  })
  publish(
    @Param('termId', new ParseUUIDPipe()) termId: string,
    @Param('classId', new ParseUUIDPipe()) classId: string,
  ) {
    return this.publishing.publish(termId, classId);
  }

  @Post('terms/:termId/classes/:classId/unpublish')
  @HttpCode(200)
  @RequirePermission(Permission.ExamsPublish)
  @ApiView('ResultPublicationView', {
    description: 'Withdraws the term results of a class from parents and students',
  })
  unpublish(
    @Param('termId', new ParseUUIDPipe()) termId: string,
    @Param('classId', new ParseUUIDPipe()) classId: string,
  ) {
    return this.publishing.unpublish(termId, classId);
  }
}
