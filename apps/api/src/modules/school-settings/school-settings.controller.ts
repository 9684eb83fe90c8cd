import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { ApiFile, ApiNoBody, ApiView } from '../../platform/http/api-view';
import { RawBody } from '../../platform/http/raw-body.decorator';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { UpdateSchoolProfileDto } from './dto/school-profile.dto';
import { SchoolSettingsService } from './school-settings.service';

/** `"<sha256>"` as an HTTP entity tag. */
const quoted = (etag: string) => `"${etag}"`;

@ApiTags('institution')
@ApiBearerAuth()
@Controller('institution')
export class SchoolSettingsController {
  constructor(private readonly settings: SchoolSettingsService) {}

  @Get('profile')
  @RequirePermission(Permission.InstitutionRead)
  @ApiView('InstitutionProfile', {
    description: "The school's name, time zone, address, contact, receipt footer and logo",
  })
  profile() {
    return this.settings.profile();
  }

  @Patch('profile')
  @RequirePermission(Permission.InstitutionSettingsWrite)
  @ApiView('InstitutionProfile', {
    description: 'Changes the fields sent; 400 names each bad field; audited',
  })
  updateProfile(@Body() body: UpdateSchoolProfileDto) {
    return this.settings.updateProfile(body);
  }

  @Get('logo')
  @RequirePermission(Permission.InstitutionRead)
  @ApiFile(
    ['image/png', 'image/jpeg'],
    'The school logo; 304 when If-None-Match holds its ETag; 404 when none',
  )
  async logo(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const etag = await this.settings.logoEtag();
    // private: the logo is served to signed-in users only; no-cache: revalidate with the ETag each time.
    if (etag && ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === quoted(etag))) {
      void reply.status(304).header('etag', quoted(etag)).header('cache-control', 'private, no-cache').send();
      return;
    }
    const logo = await this.settings.logo();
    void reply
      .status(200)
      .header('content-type', logo.contentType)
      .header('etag', quoted(logo.sha256))
      .header('cache-control', 'private, no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(logo.data);
  }

  @Put('logo')
  @RequirePermission(Permission.InstitutionSettingsWrite)
  @ApiConsumes('image/png', 'image/jpeg')
  @ApiView('InstitutionProfile', {
    description:
      'Sets the logo from the raw PNG or JPEG body (<= 256 KB; the bytes are checked, not the type); audited',
  })
  setLogo(@RawBody() body: unknown) {
    if (!Buffer.isBuffer(body))
      throw new ValidationFailedError([
        { field: 'logo', message: 'send the image as image/png or image/jpeg' },
      ]);
    return this.settings.setLogo(body);
  }

  @Delete('logo')
  @HttpCode(204)
  @RequirePermission(Permission.InstitutionSettingsWrite)
  @ApiNoBody('The logo is removed; 404 when there was none; audited')
  async removeLogo(): Promise<void> {
    await this.settings.removeLogo();
  }
}
