import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { EverySchoolJob } from '../../institutions/every-school-job';
import { InstitutionsService } from '../../institutions/institutions.service';
import { PrivacyErasureService } from './privacy-erasure.service';

/** Executes every school's erasures whose 48-hour notice has run out, hourly where background work runs. */
@Injectable()
export class PrivacyErasureScheduler extends EverySchoolJob {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    context: RequestContext,
    institutions: InstitutionsService,
    private readonly erasures: PrivacyErasureService,
  ) {
    super('privacy erasure', 50_000, config, context, institutions);
  }

  protected runForSchool() {
    return this.erasures.executeDue();
  }
}
