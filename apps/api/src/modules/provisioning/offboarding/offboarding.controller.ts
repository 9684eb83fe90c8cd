import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiView } from '../../../platform/http/api-view';
import { RequirePermission } from '../../../platform/security/route-policy.decorators';
import { RestartInstitutionExportDto, TerminateInstitutionDto } from './dto/offboarding.dto';
import { OffboardingService } from './offboarding.service';

/** The operator's offboarding of a school (issue 13 item 5, PRV-03). */
@ApiTags('platform')
@ApiBearerAuth()
@Controller('platform')
export class OffboardingController {
  constructor(private readonly offboarding: OffboardingService) {}

  @Post('institutions/:id/offboarding')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('OffboardingView', {
    status: 201,
    description:
      'Terminates the school (typed confirmation of its name): sign-ins and sessions stop at once; starts the encrypted export; schedules the purge after retentionDays (30..90, default 90); audited',
  })
  async terminate(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: TerminateInstitutionDto) {
    return (await this.offboarding.terminate(id, body)).view;
  }

  @Get('institutions/:id/offboarding')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('OffboardingView', { description: 'Termination, export progress and purge date' })
  view(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.offboarding.view(id);
  }

  @Post('institutions/:id/offboarding/export')
  @HttpCode(202)
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('OffboardingView', {
    status: 202,
    description: 'Makes the export again with a passphrase; audited',
  })
  async restartExport(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RestartInstitutionExportDto,
  ) {
    return (await this.offboarding.restartExport(id, body.passphrase)).view;
  }

  @Get('institutions/:id/offboarding/export')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiFile(
    'application/octet-stream',
    'The encrypted export (scrypt + AES-256-GCM container; scripts/decrypt-export.mjs opens it); audited',
  )
  async download(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.offboarding.download(id);
    await reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body);
  }

  @Post('institutions/:id/offboarding/purge')
  @HttpCode(200)
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('DeletionCertificateView', {
    description:
      'Purges the school now if its retention period is over (409 before): every row, its data keys and delivery records; answers the deletion certificate; audited',
  })
  purge(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.offboarding.purge(id);
  }

  @Get('offboarding')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('OffboardingView', { page: true, description: 'Every terminated school and its purge date' })
  schedule() {
    return this.offboarding.schedule();
  }

  @Get('offboarding/certificates')
  @RequirePermission(Permission.PlatformInstitutionsManage)
  @ApiView('DeletionCertificateView', { page: true, description: 'Deletion certificates, newest first' })
  certificates() {
    return this.offboarding.listCertificates();
  }
}
