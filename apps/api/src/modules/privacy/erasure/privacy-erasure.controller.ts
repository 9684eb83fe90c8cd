import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../../platform/http/api-view';
import { RequirePermission } from '../../../platform/security/route-policy.decorators';
import { PrivacyRestrictionService } from '../restriction/privacy-restriction.service';
import { CompleteCorrectionDto, ScheduleErasureDto } from './privacy-erasure.dto';
import { PrivacyErasureService } from './privacy-erasure.service';

/** Acting on a request: erasure (48-hour notice), restriction (apply / lift) and correction (PRV-02). */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/requests/:id')
export class PrivacyErasureController {
  constructor(
    private readonly erasures: PrivacyErasureService,
    private readonly restrictions: PrivacyRestrictionService,
  ) {}

  @Get('erasure')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyErasureView', { description: "The request's erasure: scheduled, executed or cancelled" })
  erasure(@Param('id', ParseUUIDPipe) id: string) {
    return this.erasures.view(id);
  }

  @Post('erasure')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyErasureView', {
    status: 201,
    description:
      "Schedules an in-progress erasure request's erasure 48 hours ahead and notices the family through the outbox; `confirmation` must be the subject's full name or admission number; audited",
  })
  schedule(@Param('id', ParseUUIDPipe) id: string, @Body() body: ScheduleErasureDto) {
    return this.erasures.schedule(id, body);
  }

  @Post('erasure/cancel')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyErasureView', { description: 'Cancels a scheduled erasure (409 once executed); audited' })
  cancel(@Param('id', ParseUUIDPipe) id: string) {
    return this.erasures.cancel(id);
  }

  @Post('erasure/execute')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyErasureView', {
    description:
      'Executes a scheduled erasure whose 48-hour notice has run out (409 before; the hourly job does it otherwise); audited',
  })
  execute(@Param('id', ParseUUIDPipe) id: string) {
    return this.erasures.execute(id);
  }

  @Get('restriction')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyRestrictionView', {
    description: "Whether the restriction request's subject is restricted",
  })
  restriction(@Param('id', ParseUUIDPipe) id: string) {
    return this.restrictions.view(id);
  }

  @Post('restriction')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyRestrictionView', {
    description:
      'Applies an in-progress restriction request: no messages but account ones, left out of exports; completes the request; audited',
  })
  restrict(@Param('id', ParseUUIDPipe) id: string) {
    return this.restrictions.apply(id);
  }

  @Post('restriction/lift')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyRestrictionView', { description: 'Lifts the restriction; audited' })
  lift(@Param('id', ParseUUIDPipe) id: string) {
    return this.restrictions.lift(id);
  }

  @Post('correction')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyRequestView', {
    description:
      'Completes an in-progress correction request with what was corrected (made on the student or guardian edit screen); audited',
  })
  correct(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteCorrectionDto) {
    return this.restrictions.completeCorrection(id, body.note);
  }
}
