import { Controller, Get, HttpCode, Inject, Res, VERSION_NEUTRAL, Version } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { HealthStatus, LivenessStatus } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiView } from '../http/api-view';
import { Public } from '../security/route-policy.decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@SkipThrottle({ api: true })
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Public()
  @Version(VERSION_NEUTRAL)
  @Get('live')
  @HttpCode(200)
  @ApiView('LivenessStatus', { description: 'The process is running.' })
  live(): LivenessStatus {
    return { status: 'ok' };
  }

  @Public()
  @Version(VERSION_NEUTRAL)
  @Get('ready')
  @ApiView('HealthStatus', { description: 'The database (and Redis, when configured) answer.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatus> {
    const status = await this.health.readiness();
    if (status.status !== 'ok') reply.status(503);
    return status;
  }
}
