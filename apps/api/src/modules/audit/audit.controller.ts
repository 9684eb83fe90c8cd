import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PAGE_LIMIT_DEFAULT, Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { csvRow } from '../../platform/http/csv';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditFilter } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditExportQuery, AuditFilterQuery, AuditListQuery } from './dto/audit-query.dto';
import { AuditEvent } from './entities/audit-event.entity';

const COLUMNS = [
  'seq',
  'id',
  'occurredAt',
  'actorUserId',
  'action',
  'outcome',
  'targetType',
  'targetId',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'prevHash',
  'hash',
] as const;

function toFilter(q: AuditFilterQuery): AuditFilter {
  return {
    action: q.action,
    actorUserId: q.actorUserId,
    targetType: q.targetType,
    targetId: q.targetId,
    outcome: q.outcome,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

export function auditEventDto(e: AuditEvent) {
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorUserId: e.actorUserId,
    action: e.action,
    outcome: e.outcome,
    targetType: e.targetType,
    targetId: e.targetId,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    details: e.details ? (JSON.parse(e.details) as unknown) : null,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  @Get('events')
  @RequirePermission(Permission.AuditRead)
  @ApiOkResponse({ description: 'The institution audit events, newest first: { items, nextCursor }' })
  async events(@Query() query: AuditListQuery) {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const rows = await this.audit.list(
      toFilter(query),
      limit + 1,
      query.cursor ? Number(query.cursor) : undefined,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(auditEventDto),
      nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
    };
  }

  @Get('export')
  @RequirePermission(Permission.AuditExport)
  @ApiOkResponse({ description: 'Streams the filtered log oldest first as CSV or a JSON array.' })
  async export(@Query() query: AuditExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const format = query.format ?? 'csv';
    const tenantId = this.context.tenantId;
    await this.audit.record({
      action: 'audit.export',
      details: { format, filter: { ...query, format: undefined } },
    });
    const batches = this.audit.batches(tenantId, toFilter(query));
    async function* lines(): AsyncGenerator<string> {
      if (format === 'csv') yield csvRow([...COLUMNS]);
      else yield '[';
      let first = true;
      for await (const batch of batches) {
        for (const e of batch) {
          const dto = auditEventDto(e);
          if (format === 'csv') yield csvRow(COLUMNS.map((c) => dto[c]));
          else {
            yield `${first ? '' : ','}\n${JSON.stringify(dto)}`;
            first = false;
          }
        }
      }
      if (format === 'json') yield '\n]\n';
    }
    const stamp = new Date().toISOString().slice(0, 10);
    await reply
      .header(
        'content-type',
        format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      )
      .header('content-disposition', `attachment; filename="audit-${stamp}.${format}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  }

  @Get('verify')
  @RequirePermission(Permission.AuditRead)
  @ApiOkResponse({ description: '{ ok: true, checked } or { ok: false, firstBrokenSeq, reason, checked }' })
  verify() {
    return this.audit.verify();
  }
}
