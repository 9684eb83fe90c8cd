import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiView } from '../../platform/http/api-view';
import { Public, RequirePermission } from '../../platform/security/route-policy.decorators';
import { CreateOrderDto, FamilyOrderDto } from './dto/fees.dto';
import { FeesOnlineService } from './fees-online.service';
import { feesWebhookRawBody } from './fees-webhook-raw-body';

@ApiTags('fees')
@Controller('fees')
export class FeesOnlineController {
  constructor(private readonly online: FeesOnlineService) {}

  @Post('students/:studentId/online-orders')
  @ApiBearerAuth()
  @RequirePermission(Permission.FeesPay)
  @ApiView('OnlineOrder', {
    status: 201,
    description:
      'An order with the provider and what its checkout needs (checkout.sandboxCheckout only where the sandbox exists); 422 FEES_ONLINE_PAYMENTS_NOT_SET_UP when the school has no payment gateway ready',
  })
  createOrder(@Param('studentId', new ParseUUIDPipe()) studentId: string, @Body() body: CreateOrderDto) {
    return this.online.createOrder(studentId, body.amount);
  }

  @Post('family/online-orders')
  @ApiBearerAuth()
  @RequirePermission(Permission.FeesPay)
  @ApiView('OnlineOrder', {
    status: 201,
    description:
      "One order paying several of the caller's own children (404 for any other child), each amount at most that child's dues; the capture books one payment and receipt per child (see parts)",
  })
  createFamilyOrder(@Body() body: FamilyOrderDto) {
    return this.online.createFamilyOrder(body.children);
  }

  @Get('online-orders/:id')
  @ApiBearerAuth()
  @RequirePermission(Permission.FeesRead)
  @ApiView('OnlineOrder')
  order(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.online.order(id);
  }

  @Post('online-orders/:id/sandbox-checkout')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequirePermission(Permission.FeesPay)
  @ApiView('OnlineOrder', {
    description:
      'Sandbox only (development and test with demo mode; 404 elsewhere): the payer who opened the order pays it through the signed webhook; answers the order. 404 for anyone else.',
  })
  sandboxCheckout(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.online.sandboxCheckout(id);
  }

  /** Provider callbacks, one URL per institution. Public: the HMAC of the raw body authenticates (APP-07). */
  @Post('webhooks/:provider/:institutionId')
  @Public()
  @HttpCode(200)
  @ApiView('PaymentWebhookOutcome')
  webhook(
    @Param('provider') provider: string,
    @Param('institutionId', new ParseUUIDPipe()) institutionId: string,
    @Req() request: FastifyRequest,
    @Headers('x-razorpay-signature') signature: string | undefined,
    @Headers('x-razorpay-event-id') eventId: string | undefined,
  ) {
    return this.online.receiveWebhook(
      provider,
      institutionId,
      feesWebhookRawBody(request),
      signature,
      eventId,
    );
  }
}
