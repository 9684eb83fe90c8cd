import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../../platform/http/api-view';
import { RequirePermission } from '../../../platform/security/route-policy.decorators';
import {
  AnswerGrievanceDto,
  CreateGrievanceDto,
  GrievanceListQuery,
  UpdateGrievanceOfficerDto,
} from './dto/grievances.dto';
import { GrievancesService } from './grievances.service';

/** The school's grievances and its grievance officer (issue 13 item 9). */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy')
export class GrievancesController {
  constructor(private readonly grievances: GrievancesService) {}

  @Get('grievances')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('GrievanceView', { page: true, description: '{ items }: newest first; ?status=, ?overdue=true' })
  async list(@Query() query: GrievanceListQuery) {
    return { items: await this.grievances.list('staff', query), nextCursor: null };
  }

  @Get('grievances/:id')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('GrievanceView', { description: 'One grievance of the school' })
  one(@Param('id', ParseUUIDPipe) id: string) {
    return this.grievances.one('staff', id);
  }

  @Post('grievances/:id/answer')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('GrievanceView', {
    description: 'open -> answered (or closed with `close: true`); 409 when not open; audited',
  })
  answer(@Param('id', ParseUUIDPipe) id: string, @Body() body: AnswerGrievanceDto) {
    return this.grievances.answer(id, body);
  }

  @Get('grievance-officer')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('GrievanceOfficerView', { description: 'The grievance officer and the response period in days' })
  officer() {
    return this.grievances.officer();
  }

  @Put('grievance-officer')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('GrievanceOfficerView', {
    description:
      'Names the grievance officer; responseDays 1..90 applies to grievances raised after; audited',
  })
  updateOfficer(@Body() body: UpdateGrievanceOfficerDto) {
    return this.grievances.updateOfficer(body);
  }
}

/** A parent's own grievances, and whom they go to. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/my-grievances')
export class MyGrievancesController {
  constructor(private readonly grievances: GrievancesService) {}

  @Post()
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('GrievanceView', {
    status: 201,
    description:
      "Raises a grievance, optionally about one of the parent's children (anyone else's answers 404); due after the school's response period; audited",
  })
  raise(@Body() body: CreateGrievanceDto) {
    return this.grievances.raise(body);
  }

  @Get()
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('GrievanceView', {
    page: true,
    description: '{ items }: the grievances the parent raised, with answers',
  })
  async list(@Query() query: GrievanceListQuery) {
    return { items: await this.grievances.list('parent', query), nextCursor: null };
  }

  @Get('officer')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('GrievanceOfficerView', { description: "The school's grievance officer and response period" })
  officer() {
    return this.grievances.officer();
  }
}
