import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiView } from '../../platform/http/api-view';
import { sendDownload } from '../../platform/http/send-csv';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { AuditService } from './audit.service';
import { AuditExportQuery, AuditListQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('events')
  @RequirePermission(Permission.AuditRead)
  @ApiView('AuditEventDto', {
    page: true,
    description: 'The institution audit events, newest first: { items, nextCursor }',
  })
  events(@Query() query: AuditListQuery) {
    return this.audit.eventsPage(query);
  }

  @Get('export')
  @RequirePermission(Permission.AuditExport)
  @ApiFile(['text/csv', 'application/json'], 'Streams the filtered log oldest first as CSV or a JSON array.')
  async export(@Query() query: AuditExportQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendDownload(reply, await this.audit.exportFile(query));
  }

  @Get('verify')
  @RequirePermission(Permission.AuditRead)
  @ApiView('AuditVerifyResponse', {
    description: '{ ok: true, checked } or { ok: false, firstBrokenSeq, reason, checked }',
  })
  verify() {
    return this.audit.verify();
  }
}
