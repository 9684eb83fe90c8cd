import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { RazorpaySettingsDto } from './dto/fees-gateway.dto';
import { FeesGatewaySettingsService } from './fees-gateway-settings.service';

@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees/gateways')
export class FeesGatewayController {
  constructor(private readonly settings: FeesGatewaySettingsService) {}

  @Get('razorpay')
  @RequirePermission(Permission.FeesSetup)
  @ApiView('GatewaySettingsView', {
    description:
      "The institution's Razorpay account: { provider, enabled, ready, problems, keyId, secrets: { keySecret: { set }, webhookSecret: { set } }, webhookUrl, updatedAt }; secrets are never returned",
  })
  razorpay() {
    return this.settings.view();
  }

  @Put('razorpay')
  @RequirePermission(Permission.FeesSetup)
  @ApiView('GatewaySettingsView', {
    description: 'Saves the account (credentials write-only); answers as GET',
  })
  setRazorpay(@Body() body: RazorpaySettingsDto) {
    return this.settings.update(body);
  }
}
