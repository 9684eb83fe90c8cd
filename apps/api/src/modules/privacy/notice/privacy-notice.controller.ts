import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiView } from '../../../platform/http/api-view';
import { Authenticated, Public, RequirePermission } from '../../../platform/security/route-policy.decorators';
import { AcceptPrivacyNoticeDto, PrivacyNoticeDraftDto } from './privacy-notice.dto';
import { PrivacyNoticeService } from './privacy-notice.service';
import { PublicPrivacyPageService } from './public-privacy-page.service';

/** The school's privacy notice: versions, the draft, publishing (issue 13 item 8). */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/notices')
export class PrivacyNoticeController {
  constructor(private readonly notices: PrivacyNoticeService) {}

  @Get()
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyNoticeView', {
    page: true,
    description: '{ items }: every version, newest first; `current` marks the version in force',
  })
  async list() {
    return { items: await this.notices.versions(), nextCursor: null };
  }

  @Post()
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyNoticeView', {
    status: 201,
    description: 'Starts the next version as a draft; 409 PRIVACY_NOTICE_DRAFT_EXISTS while one is a draft',
  })
  create(@Body() body: PrivacyNoticeDraftDto) {
    return this.notices.createDraft(body);
  }

  @Patch(':id')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyNoticeView', {
    description: "Changes a draft's text; 409 PRIVACY_NOTICE_NOT_A_DRAFT for a published version",
  })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() body: PrivacyNoticeDraftDto) {
    return this.notices.editDraft(id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('PrivacyNoticeView', {
    description:
      'The draft becomes the version in force, unchanged for good; parents accept it at their next sign-in; audited',
  })
  publish(@Param('id', ParseUUIDPipe) id: string) {
    return this.notices.publish(id);
  }
}

/** The signed-in user's view of the notice in force, and their acceptance of it. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('me/privacy-notice')
export class MyPrivacyNoticeController {
  constructor(private readonly notices: PrivacyNoticeService) {}

  @Get()
  @Authenticated()
  @ApiView('MyPrivacyNoticeView', {
    description: 'The version in force, when the caller accepted it, and whether they must before going on',
  })
  mine() {
    return this.notices.mine();
  }

  @Post('accept')
  @HttpCode(200)
  @Authenticated()
  @ApiView('MyPrivacyNoticeView', {
    description: 'Accepts the version in force (409 PRIVACY_NOTICE_NOT_CURRENT for any other); audited once',
  })
  accept(@Body() body: AcceptPrivacyNoticeDto) {
    return this.notices.accept(body.version);
  }
}

/** The public privacy page of a school: no sign-in, the per-IP API limit (AZ-01 lists it as public). */
@ApiTags('privacy')
@Controller('public/schools')
export class PublicPrivacyController {
  constructor(private readonly page: PublicPrivacyPageService) {}

  @Get(':slug/privacy')
  @Public()
  @ApiView('PublicPrivacyPage', {
    description:
      "A school's notice in force, records of processing and sub-processors; no personal data; 404 for an unknown school",
  })
  async privacy(@Param('slug') slug: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.page.page(slug);
    reply.header('cache-control', 'public, max-age=300');
    return page;
  }
}
