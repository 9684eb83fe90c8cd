import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { InstitutionStatusDto, ProvisionInstitutionDto } from './dto/provision.dto';
import { ProvisioningService } from './provisioning.service';

@ApiTags('platform')
@ApiBearerAuth()
@Controller('platform/institutions')
export class ProvisioningController {
  constructor(private readonly provisioning: ProvisioningService) {}

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

  @Patch(':id')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('InstitutionDto')
  setStatus(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: InstitutionStatusDto) {
    return this.provisioning.setStatus(id, body.status);
  }
}
