import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { ChannelSettingsService } from './channel-settings.service';
import { EmailChannelDto, PreferencesDto, SmsChannelDto, WhatsAppChannelDto } from './dto/notifications.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class ChannelsController {
  constructor(private readonly channels: ChannelSettingsService) {}

  @Get('channels')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('ChannelView', {
    page: true,
    description:
      '{ items }: email, sms, whatsapp: enabled, ready, problems, settings, secrets as { set } only, SMS and WhatsApp webhookUrl',
  })
  async list() {
    return { items: await this.channels.list(), nextCursor: null };
  }

  @Put('channels/email')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('ChannelView')
  email(@Body() dto: EmailChannelDto) {
    return this.channels.update('email', {
      enabled: dto.enabled,
      settings: { fromName: dto.fromName, fromAddress: dto.fromAddress, replyTo: dto.replyTo },
      secrets: {},
    });
  }

  @Put('channels/sms')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('ChannelView', { description: '422 when enabling without entity id, sender header or API key' })
  sms(@Body() dto: SmsChannelDto) {
    return this.channels.update('sms', {
      enabled: dto.enabled,
      settings: { entityId: dto.entityId, senderHeader: dto.senderHeader },
      secrets: { apiKey: dto.apiKey, webhookSecret: dto.webhookSecret },
    });
  }

  @Put('channels/whatsapp')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('ChannelView', {
    description: '422 when enabling without phone number id, access token, app secret or verify token',
  })
  whatsapp(@Body() dto: WhatsAppChannelDto) {
    return this.channels.update('whatsapp', {
      enabled: dto.enabled,
      settings: { phoneNumberId: dto.phoneNumberId, businessAccountId: dto.businessAccountId },
      secrets: { accessToken: dto.accessToken, appSecret: dto.appSecret, verifyToken: dto.verifyToken },
    });
  }

  @Get('settings')
  @RequirePermission(Permission.NotificationsRead)
  @ApiView('SendingPreferences', {
    description: '{ quietHours: { start, end } | null, defaultLanguage, timeZone }',
  })
  preferences() {
    return this.channels.getPreferences();
  }

  @Put('settings')
  @RequirePermission(Permission.NotificationsManage)
  @ApiView('SendingPreferences')
  setPreferences(@Body() dto: PreferencesDto) {
    return this.channels.setPreferences({
      quietHours: dto.quietHours ? { start: dto.quietHours.start, end: dto.quietHours.end } : null,
      defaultLanguage: dto.defaultLanguage,
    });
  }
}
