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
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiNoBody, ApiView } from '../../platform/http/api-view';
import { Public, RequirePermission } from '../../platform/security/route-policy.decorators';
import { CalendarEventsService } from './calendar-events.service';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarItemsService } from './calendar-items.service';
import { CalendarEventDto, CalendarRangeQuery } from './dto/calendar.dto';

/** The school calendar: events, holidays and exam days for a range; the events the school manages. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly items: CalendarItemsService,
    private readonly events: CalendarEventsService,
  ) {}

  @Get('items')
  @RequirePermission(Permission.CalendarRead)
  @ApiView('CalendarItemView', {
    page: true,
    description:
      'Events, holidays (from attendance) and exam days (from the exam schedule) from..to (at most 366 days), by date; a parent sees whole-school items and those of their children\u2019s classes',
  })
  list(@Query() query: CalendarRangeQuery) {
    return this.items.list(query);
  }

  @Post('events')
  @RequirePermission(Permission.CalendarManage)
  @ApiView('CalendarItemView', { status: 201, description: 'Adds an event; audited' })
  create(@Body() body: CalendarEventDto) {
    return this.events.create(body);
  }

  @Put('events/:id')
  @RequirePermission(Permission.CalendarManage)
  @ApiView('CalendarItemView', { description: 'Changes an event (its whole shape); audited' })
  change(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: CalendarEventDto) {
    return this.events.change(id, body);
  }

  @Delete('events/:id')
  @HttpCode(204)
  @RequirePermission(Permission.CalendarManage)
  @ApiNoBody('Removed; audited')
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.events.remove(id);
  }
}

/** The school's iCalendar feed: the admin's controls, and the public feed behind its secret URL. */
@ApiTags('calendar')
@Controller('calendar/feed')
export class CalendarFeedController {
  constructor(private readonly feed: CalendarFeedService) {}

  @Get()
  @ApiBearerAuth()
  @RequirePermission(Permission.CalendarManage)
  @ApiView('CalendarFeedView', {
    description: 'Whether the school has a live feed (its URL is never shown again)',
  })
  status() {
    return this.feed.status();
  }

  @Post()
  @ApiBearerAuth()
  @RequirePermission(Permission.CalendarManage)
  @ApiView('CalendarFeedView', {
    status: 201,
    description:
      'Creates the feed, or rotates it (the old URL stops at once); answers the new path once; audited',
  })
  issue() {
    return this.feed.issue();
  }

  @Delete()
  @HttpCode(204)
  @ApiBearerAuth()
  @RequirePermission(Permission.CalendarManage)
  @ApiNoBody('Revokes the feed (its URL answers 404); 404 when there is none')
  async revoke(): Promise<void> {
    await this.feed.revoke();
  }

  @Get(':token.ics')
  @Public()
  @ApiParam({ name: 'token', description: 'the secret token of the feed URL' })
  @ApiFile(
    'text/calendar',
    'The school\u2019s whole-school events and holidays as iCalendar (RFC 5545); no sign-in, the per-IP API limit; 404 for a wrong, rotated or revoked token',
  )
  async ics(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const body = await this.feed.render(token);
    await reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .header('content-disposition', 'inline; filename="calendar.ics"')
      .send(body);
  }
}
