import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { DailyRunDto, LateFeeRuleDto, ReminderRuleDto } from './dto/fees.dto';
import { FeesJobsService } from './fees-jobs.service';

@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees')
export class FeesRulesController {
  constructor(private readonly jobs: FeesJobsService) {}

  @Get('late-fee-rules')
  @RequirePermission(Permission.FeesRead)
  async lateFeeRules() {
    return { items: await this.jobs.listLateFeeRules(), nextCursor: null };
  }

  @Post('late-fee-rules')
  @RequirePermission(Permission.FeesSetup)
  createLateFeeRule(@Body() body: LateFeeRuleDto) {
    return this.jobs.createLateFeeRule(body);
  }

  @Get('reminder-rules')
  @RequirePermission(Permission.FeesRead)
  async reminderRules() {
    return { items: await this.jobs.listReminderRules(), nextCursor: null };
  }

  @Post('reminder-rules')
  @RequirePermission(Permission.FeesSetup)
  createReminderRule(@Body() body: ReminderRuleDto) {
    return this.jobs.createReminderRule(body);
  }

  @Post('jobs/daily')
  @HttpCode(200)
  @RequirePermission(Permission.FeesSetup)
  @ApiOkResponse({ description: 'Runs late fees and reminders now (idempotent; the scheduler runs it too)' })
  runDaily(@Body() body: DailyRunDto) {
    return this.jobs.runDaily(body.asOf);
  }
}
