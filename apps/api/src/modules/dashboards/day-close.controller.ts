import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiView } from '../../platform/http/api-view';
import { sendCsv } from '../../platform/http/send-csv';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { CollectionsDashboardService } from './collections-dashboard.service';
import { DayCloseQuery } from './dto/dashboards.dto';

/** The accountant's day-close report (issue 14): JSON for the printable page, and CSV. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees/day-close')
export class DayCloseController {
  constructor(private readonly collections: CollectionsDashboardService) {}

  @Get()
  @RequirePermission(Permission.FeesRead)
  @ApiView('DayCloseReport', {
    description:
      "A day's payments with totals by method and cashier (reversed ones listed, not counted); school-wide staff only",
  })
  dayClose(@Query() query: DayCloseQuery) {
    return this.collections.dayClose(query.date);
  }

  @Get('export')
  @RequirePermission(Permission.FeesRead)
  @ApiFile('text/csv')
  async dayCloseCsv(@Query() query: DayCloseQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendCsv(reply, await this.collections.dayCloseCsv(query.date));
  }
}
