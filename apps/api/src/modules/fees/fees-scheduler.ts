import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { RequestContext } from '../../platform/tenancy/request-context';
import { EverySchoolJob } from '../institutions/every-school-job';
import { InstitutionsService } from '../institutions/institutions.service';
import { FeesJobsService } from './fees-jobs.service';

/** The daily fee job (late fees, reminders) for every school, hourly where background work runs. */
@Injectable()
export class FeesScheduler extends EverySchoolJob {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    context: RequestContext,
    institutions: InstitutionsService,
    private readonly jobs: FeesJobsService,
  ) {
    super('fee job', 30_000, config, context, institutions);
  }

  protected runForSchool() {
    return this.jobs.runDaily();
  }
}
