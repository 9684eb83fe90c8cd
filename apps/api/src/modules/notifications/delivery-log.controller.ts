import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { DeliveryLogService } from './delivery-log.service';
import { ListDeadLettersQuery, ListMessagesQuery } from './dto/notifications.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class DeliveryLogController {
  constructor(private readonly log: DeliveryLogService) {}

  @Get('messages')
  @RequirePermission(Permission.NotificationsRead)
  @ApiView('MessageView', {
    page: true,
    description:
      '{ items, nextCursor }: the delivery log, newest first; status queued|sending|sent|delivered|read|failed|dead|cancelled; recipients masked',
  })
  list(@Query() query: ListMessagesQuery) {
    return this.log.list(query);
  }

  @Get('messages/:id')
  @RequirePermission(Permission.NotificationsRead)
  @ApiView('MessageDetail', { description: 'one message with its timeline (events) and variable names' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.log.get(id);
  }

  @Post('messages/:id/retry')
  @HttpCode(200)
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('MessageDetail', { description: 'the dead message, queued again (409 unless it was dead)' })
  retry(@Param('id', ParseUUIDPipe) id: string) {
    return this.log.retry(id);
  }

  @Get('dead-letters')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('MessageView', {
    page: true,
    description: '{ items, nextCursor }: dead messages, newest first, with their reasons',
  })
  deadLetters(@Query() query: ListDeadLettersQuery) {
    return this.log.list(query, ['dead']);
  }
}
