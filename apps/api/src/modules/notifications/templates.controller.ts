import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, type TemplateContent } from '@shala/contracts';
import { ApiNoBody, ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { CreateTemplateDto, TemplateContentDto } from './dto/notifications.dto';
import { TemplatesService } from './templates.service';

const contentOf = (dto: TemplateContentDto): TemplateContent => ({
  email: dto.email ?? null,
  sms: dto.sms
    ? {
        body: dto.sms.body,
        dltTemplateId: dto.sms.dltTemplateId ?? null,
        dltTemplate: dto.sms.dltTemplate ?? null,
      }
    : null,
  whatsapp: dto.whatsapp ?? null,
});

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get('template-kinds')
  @RequirePermission(Permission.NotificationsRead)
  @ApiView('TemplateKind', {
    page: true,
    description:
      '{ items }: each message kind with its purpose, declared variables, required variables, channels and built-in wording',
  })
  kinds() {
    return { items: this.templates.kinds(), nextCursor: null };
  }

  @Get('templates')
  @RequirePermission(Permission.NotificationsRead)
  @ApiView('TemplateView', {
    page: true,
    description:
      "{ items, nextCursor }: the institution's templates (kinds without one use the built-in wording)",
  })
  async list() {
    return { items: await this.templates.list(), nextCursor: null };
  }

  @Get('templates/:id')
  @RequirePermission(Permission.NotificationsRead)
  @ApiView('TemplateView')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.templates.get(id);
  }

  @Post('templates')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('TemplateView', {
    status: 201,
    description: '201 the template; 400 names undeclared or missing variables per field; 409 if it exists',
  })
  create(@Body() dto: CreateTemplateDto) {
    return this.templates.create({ name: dto.name, language: dto.language, ...contentOf(dto) });
  }

  @Put('templates/:id')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('TemplateView', {
    description: 'replaces the wording of every channel (an absent part: not sent there)',
  })
  replace(@Param('id', ParseUUIDPipe) id: string, @Body() dto: TemplateContentDto) {
    return this.templates.replace(id, contentOf(dto));
  }

  @Delete('templates/:id')
  @HttpCode(204)
  @RequirePermission(Permission.NotificationsManage)
  @ApiNoBody()
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.templates.remove(id);
  }
}
