import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { CreatePrivacyRequestDto, PrivacyListQuery, PrivacyTransitionDto } from './dto/privacy.dto';
import { PrivacyRequestsService } from './privacy-requests.service';
import { PrivacyTransparencyService } from './privacy-transparency.service';

async function sendZip(reply: FastifyReply, file: { fileName: string; body: Buffer }): Promise<void> {
  await reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

/** Data-subject requests raised by staff, their archives, and the transparency pages (PRV-02, PRV-05). */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy')
export class PrivacyController {
  constructor(
    private readonly requests: PrivacyRequestsService,
    private readonly transparency: PrivacyTransparencyService,
  ) {}

  @Post('requests')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyRequestView', {
    status: 201,
    description:
      'Records a request about a student, guardian or staff member, due 30 days after receipt; an access request starts its archive; audited',
  })
  create(@Body() body: CreatePrivacyRequestDto) {
    return this.requests.create('staff', body);
  }

  @Get('requests')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyRequestView', {
    page: true,
    description: '{ items }: newest first; ?status=, ?overdue=true',
  })
  async list(@Query() query: PrivacyListQuery) {
    return { items: await this.requests.list('staff', query), nextCursor: null };
  }

  @Get('requests/:id')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyRequestView', { description: 'One request of the school' })
  one(@Param('id', ParseUUIDPipe) id: string) {
    return this.requests.one('staff', id);
  }

  @Post('requests/:id/transitions')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyRequestView', {
    description:
      'open -> in_progress -> completed | refused (a refusal needs `reason`); 409 otherwise; audited',
  })
  transition(@Param('id', ParseUUIDPipe) id: string, @Body() body: PrivacyTransitionDto) {
    return this.requests.transition(id, body);
  }

  @Post('requests/:id/archive')
  @HttpCode(202)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyArchiveView', {
    status: 202,
    description: "(Re)makes an access request's archive; only the staff member who raised the request may",
  })
  startArchive(@Param('id', ParseUUIDPipe) id: string) {
    return this.requests.startArchiveOf('staff', id);
  }

  @Get('requests/:id/archive')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyArchiveView', { description: "The archive's progress and expiry (the requester's only)" })
  archive(@Param('id', ParseUUIDPipe) id: string) {
    return this.requests.archiveView('staff', id);
  }

  @Get('requests/:id/archive/download')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiFile(
    'application/zip',
    'The archive: JSON and CSV per table and a manifest; the requester only; audited',
  )
  async download(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    await sendZip(reply, await this.requests.archiveZip('staff', id));
  }

  @Get('sub-processors')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('SubProcessorsView', { description: 'The sub-processors of this installation and school' })
  subProcessors() {
    return this.transparency.subProcessors();
  }

  @Get('records-of-processing')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('RecordsOfProcessingView', {
    description: 'Purpose, categories of data and subjects, retention and recipients per table',
  })
  recordsOfProcessing() {
    return this.transparency.recordsOfProcessing();
  }
}

/** A parent's own requests (for themselves or their children) and their archives. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/my-requests')
export class MyPrivacyController {
  constructor(private readonly requests: PrivacyRequestsService) {}

  @Post()
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('PrivacyRequestView', {
    status: 201,
    description: 'A parent asks about themselves (guardian) or a child (student); anyone else answers 404',
  })
  create(@Body() body: CreatePrivacyRequestDto) {
    return this.requests.create('parent', body);
  }

  @Get()
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('PrivacyRequestView', { page: true, description: '{ items }: the requests the parent raised' })
  async list(@Query() query: PrivacyListQuery) {
    return { items: await this.requests.list('parent', query), nextCursor: null };
  }

  @Get(':id')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('PrivacyRequestView', { description: "One of the parent's requests" })
  one(@Param('id', ParseUUIDPipe) id: string) {
    return this.requests.one('parent', id);
  }

  @Post(':id/archive')
  @HttpCode(202)
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('PrivacyArchiveView', { status: 202, description: 'Makes the archive again (after it expired)' })
  startArchive(@Param('id', ParseUUIDPipe) id: string) {
    return this.requests.startArchiveOf('parent', id);
  }

  @Get(':id/archive')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('PrivacyArchiveView', { description: "The archive's progress and expiry" })
  archive(@Param('id', ParseUUIDPipe) id: string) {
    return this.requests.archiveView('parent', id);
  }

  @Get(':id/archive/download')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiFile('application/zip', 'The archive; audited')
  async download(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    await sendZip(reply, await this.requests.archiveZip('parent', id));
  }
}
