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
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CIRCULAR_ATTACHMENT_TYPE, Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { ApiFile, ApiNoBody, ApiView } from '../../platform/http/api-view';
import { RawBody } from '../../platform/http/raw-body.decorator';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { CircularAttachmentsService } from './circular-attachments.service';
import { CircularReadingService } from './circular-reading.service';
import { CircularsService } from './circulars.service';
import {
  AttachmentQuery,
  CircularInputDto,
  CircularListQuery,
  CircularRecipientsQuery,
  ScheduleCircularDto,
} from './dto/circulars.dto';

/** Circulars (issue 16 item 5): notices to families and staff, their reading and acknowledgement. */
@ApiTags('circulars')
@ApiBearerAuth()
@Controller('circulars')
export class CircularsController {
  constructor(
    private readonly publishing: CircularsService,
    private readonly reading: CircularReadingService,
    private readonly files: CircularAttachmentsService,
  ) {}

  @Get()
  @RequirePermission(Permission.CircularsRead)
  @ApiView('CircularListItem', {
    page: true,
    description:
      'The circulars addressed to the caller, newest first: a family those for the whole school and their children\u2019s classes and sections (with their own read and acknowledgement times); staff those for staff and the whole school; publishers every circular with counts (filters status and audience)',
  })
  list(@Query() query: CircularListQuery) {
    return this.reading.list(query);
  }

  @Post()
  @RequirePermission(Permission.CircularsPublish)
  @ApiView('CircularView', { status: 201, description: 'A new draft; 400 names each bad field; audited' })
  create(@Body() body: CircularInputDto) {
    return this.publishing.create(body);
  }

  @Get(':id')
  @RequirePermission(Permission.CircularsRead)
  @ApiView('CircularListItem', {
    description:
      'One circular: publishers see any with counts; readers one addressed to them (404 otherwise)',
  })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.reading.get(id);
  }

  @Put(':id')
  @RequirePermission(Permission.CircularsPublish)
  @ApiView('CircularView', {
    description: 'Changes a draft or scheduled circular; 409 CIRCULAR_NOT_EDITABLE once published',
  })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: CircularInputDto) {
    return this.publishing.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.CircularsPublish)
  @ApiNoBody()
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.publishing.remove(id);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @RequirePermission(Permission.CircularsPublish)
  @ApiView('CircularView', {
    description: 'Publishes it at publishAt (422 CIRCULAR_PUBLISH_AT_PAST unless in the future); audited',
  })
  schedule(@Param('id', ParseUUIDPipe) id: string, @Body() body: ScheduleCircularDto) {
    return this.publishing.schedule(id, body.publishAt);
  }

  @Post(':id/unschedule')
  @HttpCode(200)
  @RequirePermission(Permission.CircularsPublish)
  @ApiView('CircularView', { description: 'A scheduled circular goes back to being a draft' })
  unschedule(@Param('id', ParseUUIDPipe) id: string) {
    return this.publishing.unschedule(id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermission(Permission.CircularsPublish)
  @ApiView('CircularView', {
    description:
      'Publishes it now: families see it, guardians who opted in for circulars get a message; audited',
  })
  publish(@Param('id', ParseUUIDPipe) id: string) {
    return this.publishing.publish(id);
  }

  @Get(':id/recipients')
  @RequirePermission(Permission.CircularsPublish)
  @ApiView('CircularRecipientsPage', {
    description:
      'Counts (addressed, read, acknowledged), the total the filter keeps and a page of the guardians addressed (by guardian id: limit 1..200, cursor = nextCursor; 400 naming a bad limit, cursor or pending); pending=acknowledged lists who has not acknowledged, pending=read who has not read',
  })
  recipients(@Param('id', ParseUUIDPipe) id: string, @Query() query: CircularRecipientsQuery) {
    return this.publishing.recipients(id, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @RequirePermission(Permission.CircularsRead)
  @ApiView('CircularReaderView', {
    description: 'The caller opened it: a guardian\u2019s first opening is their read receipt',
  })
  read(@Param('id', ParseUUIDPipe) id: string) {
    return this.reading.markRead(id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequirePermission(Permission.CircularsRead)
  @ApiView('CircularReaderView', {
    description:
      'A guardian acknowledges it (once); 422 CIRCULAR_ACK_NOT_REQUIRED when it asks for none; 403 for a non-guardian',
  })
  acknowledge(@Param('id', ParseUUIDPipe) id: string) {
    return this.reading.acknowledge(id);
  }

  @Get(':id/attachment')
  @RequirePermission(Permission.CircularsRead)
  @ApiFile(
    CIRCULAR_ATTACHMENT_TYPE,
    'The circular\u2019s PDF; 404 when it has none or is not addressed to the caller',
  )
  async attachment(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.reading.attachment(id);
    const ascii = file.fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/"/g, '');
    await reply
      .header('content-type', CIRCULAR_ATTACHMENT_TYPE)
      .header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      )
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.data);
  }

  @Put(':id/attachment')
  @RequirePermission(Permission.CircularsPublish)
  @ApiConsumes(CIRCULAR_ATTACHMENT_TYPE)
  @ApiView('CircularView', {
    description:
      'Sets the PDF from the raw application/pdf body (<= 5 MB: 413 beyond; 415 when the bytes are not a PDF); audited',
  })
  setAttachment(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AttachmentQuery,
    @RawBody() body: unknown,
  ) {
    if (!Buffer.isBuffer(body))
      throw new ValidationFailedError([{ field: 'attachment', message: 'send the file as application/pdf' }]);
    return this.files.set(id, body, query.fileName);
  }

  @Delete(':id/attachment')
  @RequirePermission(Permission.CircularsPublish)
  @ApiView('CircularView', { description: 'Removes the PDF of a draft or scheduled circular' })
  removeAttachment(@Param('id', ParseUUIDPipe) id: string) {
    return this.files.remove(id);
  }
}
