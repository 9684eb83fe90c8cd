import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiView } from '../../platform/http/api-view';
import { sendCsv } from '../../platform/http/send-csv';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { AnalyticsService } from './analytics.service';
import { AnalyticsQuery } from './dto/analytics-query.dto';

/** Exams analytics for staff: a class's term in figures, and its results as a CSV. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('analytics')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('ClassAnalyticsView', {
    description:
      "A class's term per subject and section: average, highest, lowest, pass percentage and grade distribution (teachers: their sections)",
  })
  classAnalytics(@Query() query: AnalyticsQuery) {
    return this.analytics.classAnalytics(query.termId, query.classId);
  }

  @Get('analytics/export')
  @RequirePermission(Permission.ExamsRead)
  @ApiFile(
    'text/csv',
    "A class's term results, one row per student: names, each subject's marks and grade, percentage, result, rank in section",
  )
  async exportResults(@Query() query: AnalyticsQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendCsv(reply, await this.analytics.classResultsCsv(query.termId, query.classId));
  }
}
