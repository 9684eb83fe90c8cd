import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../../platform/http/api-view';
import { RequirePermission } from '../../../platform/security/route-policy.decorators';
import {
  AddIncidentEventDto,
  CloseIncidentDto,
  CreatePlatformIncidentDto,
  CreateSchoolIncidentDto,
} from './dto/incidents.dto';
import { IncidentsService } from './incidents.service';

/** The school's breach and incident register (issue 13 item 10): its own, and operators' naming it. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('IncidentView', {
    status: 201,
    description:
      "Records the school's own incident; the clocks run from detectedAt; notices to the school's admins are queued in the outbox (`notice` says whether a channel is set up); audited",
  })
  create(@Body() body: CreateSchoolIncidentDto) {
    return this.incidents.create('school', body);
  }

  @Get()
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('IncidentView', {
    page: true,
    description: "{ items }: the school's incidents and operators' incidents affecting it, newest first",
  })
  async list() {
    return { items: await this.incidents.list('school'), nextCursor: null };
  }

  @Get(':id')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('IncidentView', { description: 'One incident with its clocks and timeline' })
  one(@Param('id', ParseUUIDPipe) id: string) {
    return this.incidents.one('school', id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('IncidentView', {
    description:
      "Appends a note, containment, mitigation or a notification (stops that clock); 409 when closed or the operator's; audited",
  })
  addEvent(@Param('id', ParseUUIDPipe) id: string, @Body() body: AddIncidentEventDto) {
    return this.incidents.addEvent('school', id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('IncidentView', { description: 'Closes with the root cause (required); 409 when closed; audited' })
  close(@Param('id', ParseUUIDPipe) id: string, @Body() body: CloseIncidentDto) {
    return this.incidents.close('school', id, body);
  }
}

/** The operator's register of incidents spanning schools (issue 13 item 10). */
@ApiTags('platform')
@ApiBearerAuth()
@Controller('platform/incidents')
export class PlatformIncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('IncidentView', {
    status: 201,
    description:
      "Records an incident affecting the named schools; each school sees it (not the others' names); notices to their admins are queued in the outbox; audited",
  })
  create(@Body() body: CreatePlatformIncidentDto) {
    return this.incidents.create('platform', body);
  }

  @Get()
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('IncidentView', { page: true, description: "{ items }: the operator's incidents, newest first" })
  async list() {
    return { items: await this.incidents.list('platform'), nextCursor: null };
  }

  @Get(':id')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('IncidentView', { description: 'One incident with its affected schools, clocks and timeline' })
  one(@Param('id', ParseUUIDPipe) id: string) {
    return this.incidents.one('platform', id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('IncidentView', {
    description:
      'Appends a note, containment, mitigation or a notification (stops that clock); 409 when closed; audited',
  })
  addEvent(@Param('id', ParseUUIDPipe) id: string, @Body() body: AddIncidentEventDto) {
    return this.incidents.addEvent('platform', id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('IncidentView', { description: 'Closes with the root cause (required); 409 when closed; audited' })
  close(@Param('id', ParseUUIDPipe) id: string, @Body() body: CloseIncidentDto) {
    return this.incidents.close('platform', id, body);
  }
}
