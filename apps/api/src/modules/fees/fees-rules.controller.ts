import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
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
  @ApiView('LateFeeRule', { page: true })
  async lateFeeRules() {
    return { items: await this.jobs.listLateFeeRules(), nextCursor: null };
  }

  @Post('late-fee-rules')
  @RequirePermission(Permission.FeesSetup)
  @ApiView('LateFeeRule', { status: 201 })
  createLateFeeRule(@Body() body: LateFeeRuleDto) {
    return this.jobs.createLateFeeRule(body);
  }

  @Get('reminder-rules')
  @RequirePermission(Permission.FeesRead)
  @ApiView('ReminderRule', { page: true })
  async reminderRules() {
    return { items: await this.jobs.listReminderRules(), nextCursor: null };
  }

  @Post('reminder-rules')
  @RequirePermission(Permission.FeesSetup)
  @ApiView('ReminderRule', { status: 201 })
  createReminderRule(@Body() body: ReminderRuleDto) {
    return this.jobs.createReminderRule(body);
  }

  @Post('jobs/daily')
  @HttpCode(200)
  @RequirePermission(Permission.FeesSetup)
  @ApiView('DailyRunResult', {
    description: 'Runs late fees and reminders now (idempotent; the scheduler runs it too)',
  })
  runDaily(@Body() body: DailyRunDto) {
    return this.jobs.runDaily(body.asOf);
  }
}
