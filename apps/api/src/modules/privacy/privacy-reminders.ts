import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { CurrentInstitution } from '../institutions/current-institution';
import { EverySchoolJob } from '../institutions/every-school-job';
import { InstitutionProfiles } from '../institutions/institution-profiles.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { OutboxService } from '../notifications/outbox.service';
import { GrievancesRepository } from './grievances/grievances.repository';
import { PrivacyRequestsRepository } from './privacy.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Requests and grievances due within this many days are in the reminder. */
export const REMINDER_HORIZON_DAYS = 7;

export type ReminderOutcome =
  | { sent: true; count: number; overdue: number; grievances: number; overdueGrievances: number }
  | { sent: false; reason: 'nothing_due' | 'no_contact' | 'already_sent' };

/**
 * The daily reminder (issue 13 items 1 and 9): when the school has data-subject requests or open grievances
 * due within 7 days or overdue, one email a day to its privacy contact (the school's contact email on its profile) through
 * the outbox. Idempotent per school and local day, so hourly runs and several processes send it once.
 */
@Injectable()
export class PrivacyReminders {
  constructor(
    private readonly db: Database,
    private readonly requests: PrivacyRequestsRepository,
    private readonly grievances: GrievancesRepository,
    private readonly profiles: InstitutionProfiles,
    private readonly institution: CurrentInstitution,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async runDaily(): Promise<ReminderOutcome> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + REMINDER_HORIZON_DAYS * DAY_MS);
    const due = await this.requests.dueBefore(horizon);
    const dueGrievances = await this.grievances.openDueBefore(horizon);
    if (due.length === 0 && dueGrievances.length === 0) return { sent: false, reason: 'nothing_due' };
    const profile = await this.profiles.get();
    const contact = profile.email?.trim();
    if (!contact) return { sent: false, reason: 'no_contact' };
    const pastDue = (dueAt: Date) => new Date(dueAt).getTime() < now.getTime();
    const counts = {
      count: due.length,
      overdue: due.filter((r) => pastDue(r.dueAt)).length,
      grievances: dueGrievances.length,
      overdueGrievances: dueGrievances.filter((g) => pastDue(g.dueAt)).length,
    };
    const today = await this.institution.today();
    const { created } = await this.db.transaction(() =>
      this.outbox.enqueue({
        channel: 'email',
        template: 'privacy_requests_due',
        recipient: contact,
        variables: { ...counts, school: profile.name },
        idempotencyKey: `privacy-due:${today}`,
      }),
    );
    return created ? { sent: true, ...counts } : { sent: false, reason: 'already_sent' };
  }
}

/** The reminder for every school, hourly where background work runs (like the fee job). */
@Injectable()
export class PrivacyScheduler extends EverySchoolJob {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    context: RequestContext,
    institutions: InstitutionsService,
    private readonly reminders: PrivacyReminders,
  ) {
    super('privacy reminder', 45_000, config, context, institutions);
  }

  protected runForSchool() {
    return this.reminders.runDaily();
  }
}
