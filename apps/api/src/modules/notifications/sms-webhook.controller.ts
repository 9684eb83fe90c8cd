import { Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiView } from '../../platform/http/api-view';
import { webhookRawBody } from '../../platform/http/webhook-raw-body';
import { Public } from '../../platform/security/route-policy.decorators';
import { SmsWebhookService } from './sms-webhook.service';

/**
 * SMS delivery reports from the gateway, one URL per institution (GET .../channels sms webhookUrl).
 * Public: the gateway cannot sign in; the HMAC of the timestamped raw body authenticates it (APP-07).
 */
@ApiTags('notifications')
@Controller('notifications/webhooks/sms')
export class SmsWebhookController {
  constructor(private readonly webhooks: SmsWebhookService) {}

  @Post(':institutionId')
  @Public()
  @HttpCode(200)
  @ApiHeader({ name: 'x-dlr-timestamp', required: true, description: 'Unix seconds when the gateway signed' })
  @ApiHeader({
    name: 'x-dlr-signature',
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" under the school\'s SMS webhookSecret>',
  })
  @ApiView('SmsWebhookResult', {
    description:
      'MSG91 webhook v2 shape (form field data = JSON array of { requestId, report: [{ date, number, status, desc, failedReason }] }); ' +
      'X-Dlr-Timestamp and X-Dlr-Signature: sha256=HMAC-SHA256(webhook secret, "<timestamp>.<raw body>"); ' +
      'answers { reports, applied, duplicates, ignored }; 401 on a bad signature or a timestamp over 5 minutes old',
  })
  receive(
    @Param('institutionId', ParseUUIDPipe) institutionId: string,
    @Req() request: FastifyRequest,
    @Headers('x-dlr-timestamp') timestamp: string | undefined,
    @Headers('x-dlr-signature') signature: string | undefined,
  ) {
    return this.webhooks.receive(institutionId, webhookRawBody(request), timestamp, signature);
  }
}
