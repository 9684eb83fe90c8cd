import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../../platform/http/api-view';
import { RequirePermission } from '../../../platform/security/route-policy.decorators';
import { UpdateRetentionPolicyDto } from './dto/retention.dto';
import { RetentionPolicyService } from './retention.service';

/** The school's retention policy and the reports of the retention job (issue 13 item 6, PRV-04). */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionPolicyService) {}

  @Get()
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('RetentionPolicyView', {
    description:
      'The periods the retention job applies: the school\u2019s choice, else the installation default',
  })
  get() {
    return this.retention.view();
  }

  @Put()
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('RetentionPolicyView', {
    description:
      'Sets the school\u2019s periods (null: installation default); logs of processing below one year (DPDP Rules 2025) answer 400 naming the field; audited',
  })
  update(@Body() body: UpdateRetentionPolicyDto) {
    return this.retention.update(body);
  }

  @Get('runs')
  @RequirePermission(Permission.PrivacyRequestsManage)
  @ApiView('RetentionRunView', {
    page: true,
    description: '{ items }: the latest passes of the retention job, newest first, with what each deleted',
  })
  async runs() {
    return { items: await this.retention.latestRuns(), nextCursor: null };
  }
}
