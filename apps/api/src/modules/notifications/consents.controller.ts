import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { ConsentsService } from './consents.service';
import { MyConsentsDto, StaffConsentsDto } from './dto/notifications.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get('my-consents')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('GuardianConsentsView', {
    page: true,
    description:
      "{ items }: the signed-in parent's own guardian records, each with its consent per channel and purpose",
  })
  async mine() {
    return { items: await this.consents.listMine(), nextCursor: null };
  }

  @Get('my-consents/:guardianId')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('GuardianConsentsView', {
    description: "the parent's own guardian record (any other answers 404)",
  })
  getMine(@Param('guardianId', ParseUUIDPipe) guardianId: string) {
    return this.consents.getMine(guardianId);
  }

  @Put('my-consents/:guardianId')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('ConsentsChanged', {
    description: 'records the changes (source parent_app); withdrawals cancel unsent messages',
  })
  changeMine(@Param('guardianId', ParseUUIDPipe) guardianId: string, @Body() dto: MyConsentsDto) {
    return this.consents.changeMine(guardianId, dto.changes);
  }

  @Get('guardians/:guardianId/consents')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('GuardianConsentsHistory', { description: "a guardian's consents and their recorded history" })
  forStaff(@Param('guardianId', ParseUUIDPipe) guardianId: string) {
    return this.consents.forStaff(guardianId);
  }

  @Put('guardians/:guardianId/consents')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('ConsentsChanged', {
    description: 'records consent given or withdrawn at the school (source and optional note)',
  })
  changeAsStaff(@Param('guardianId', ParseUUIDPipe) guardianId: string, @Body() dto: StaffConsentsDto) {
    return this.consents.changeAsStaff(guardianId, dto.changes, dto.source, dto.note ?? null);
  }
}
