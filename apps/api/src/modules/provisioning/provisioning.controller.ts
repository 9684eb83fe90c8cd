import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { InstitutionStatusDto, ProvisionInstitutionDto } from './dto/provision.dto';
import { FirstAdminInvitations } from './first-admin-invitations.service';
import { ProvisioningService } from './provisioning.service';

@ApiTags('platform')
@ApiBearerAuth()
@Controller('platform/institutions')
export class ProvisioningController {
  constructor(
    private readonly provisioning: ProvisioningService,
    private readonly firstAdmins: FirstAdminInvitations,
  ) {}

  @Post()
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('ProvisionInstitutionResponse', { status: 201 })
  provision(@Body() body: ProvisionInstitutionDto) {
    return this.provisioning.provision(body);
  }

  @Get()
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('PlatformInstitutionDto', { page: true })
  list() {
    return this.provisioning.list();
  }

  @Get(':id/admin-invitations')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('PlatformAdminInvitationList')
  adminInvitations(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.firstAdmins.list(id);
  }

  @Post(':id/admin-invitations/:userId')
  @HttpCode(202)
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('PlatformAdminInvitation', {
    status: 202,
    description: 'a new link by email; the previous one no longer works',
  })
  resendAdminInvitation(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ) {
    return this.firstAdmins.resend(id, userId);
  }

  @Delete(':id/admin-invitations/:userId')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('PlatformAdminInvitation', { description: 'the link no longer works; the account stays invited' })
  revokeAdminInvitation(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ) {
    return this.firstAdmins.revoke(id, userId);
  }

  @Patch(':id')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('InstitutionDto')
  setStatus(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: InstitutionStatusDto) {
    return this.provisioning.setStatus(id, body.status);
  }
}
