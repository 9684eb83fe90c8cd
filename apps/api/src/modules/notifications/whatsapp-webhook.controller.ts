import {
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiFile, ApiView } from '../../platform/http/api-view';
import { webhookRawBody } from '../../platform/http/webhook-raw-body';
import { Public } from '../../platform/security/route-policy.decorators';
import { WebhookVerifyQuery } from './dto/notifications.dto';
import { WhatsAppWebhookService } from './whatsapp-webhook.service';

/**
 * WhatsApp Cloud API callbacks, one URL per institution (GET .../settings channels webhookUrl). Public:
 * Meta cannot sign in; the verify token and the body's HMAC authenticate it instead (APP-07).
 */
@ApiTags('notifications')
@Controller('notifications/webhooks/whatsapp')
export class WhatsAppWebhookController {
  constructor(private readonly webhooks: WhatsAppWebhookService) {}

  @Get(':institutionId')
  @Public()
  @Header('content-type', 'text/plain; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiFile('text/plain')
  verify(@Param('institutionId', ParseUUIDPipe) institutionId: string, @Query() query: WebhookVerifyQuery) {
    return this.webhooks.verify(
      institutionId,
      query['hub.mode'],
      query['hub.verify_token'],
      query['hub.challenge'],
    );
  }

  @Post(':institutionId')
  @Public()
  @HttpCode(200)
  @ApiView('WhatsAppWebhookResult')
  receive(
    @Param('institutionId', ParseUUIDPipe) institutionId: string,
    @Req() request: FastifyRequest,
    @Headers('x-hub-signature-256') signature: string | undefined,
  ) {
    return this.webhooks.receive(institutionId, webhookRawBody(request), signature);
  }
}
