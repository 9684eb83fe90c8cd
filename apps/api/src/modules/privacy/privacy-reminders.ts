import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { CurrentInstitution } from '../institutions/current-institution';
import { InstitutionProfiles } from '../institutions/institution-profiles.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { OutboxService } from '../notifications/outbox.service';
import { PrivacyRequestsRepository } from './privacy.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Requests due within this many days are in the reminder. */
export const REMINDER_HORIZON_DAYS = 7;
const EVERY_MS = 60 * 60 * 1000;

export type ReminderOutcome =
  | { sent: true; count: number; overdue: number }
  | { sent: false; reason: 'nothing_due' | 'no_contact' | 'already_sent' };

/**
 * The daily reminder (issue 13 item 1): when the school has data-subject requests due within 7 days or
 * overdue, one email a day to its privacy contact (the school's contact email on its profile) through
 * the outbox. Idempotent per school and local day, so hourly runs and several processes send it once.
 */
@Injectable()
export class PrivacyReminders {
  constructor(
    private readonly db: Database,
    private readonly requests: PrivacyRequestsRepository,
    private readonly profiles: InstitutionProfiles,
    private readonly institution: CurrentInstitution,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async runDaily(): Promise<ReminderOutcome> {
    const now = this.clock.now();
    const due = await this.requests.dueBefore(new Date(now.getTime() + REMINDER_HORIZON_DAYS * DAY_MS));
    if (due.length === 0) return { sent: false, reason: 'nothing_due' };
    const profile = await this.profiles.get();
    const contact = profile.email?.trim();
    if (!contact) return { sent: false, reason: 'no_contact' };
    const overdue = due.filter((r) => new Date(r.dueAt).getTime() < now.getTime()).length;
    const today = await this.institution.today();
    const { created } = await this.db.transaction(() =>
      this.outbox.enqueue({
        channel: 'email',
        template: 'privacy_requests_due',
        recipient: contact,
        variables: { count: due.length, overdue, school: profile.name },
        idempotencyKey: `privacy-due:${today}`,
      }),
    );
    return created ? { sent: true, count: due.length, overdue } : { sent: false, reason: 'already_sent' };
  }
}

/** Runs the reminder for every school once an hour where messages are delivered in-process (like fees). */
@Injectable()
export class PrivacyScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PrivacyScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly reminders: PrivacyReminders,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.notifications.workerInProcess) return;
    this.timer = setInterval(() => void this.runAll(), EVERY_MS);
    this.timer.unref();
    setTimeout(() => void this.runAll(), 45_000).unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Whether this process runs the job (the worker process, or the API when it delivers in-process). */
  get active(): boolean {
    return this.timer !== null;
  }

  async runAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const schools = await this.context.runWithoutTenant(() => this.institutions.listSchools());
      for (const school of schools) {
        try {
          await this.context.runAsTenant(school.id, () => this.reminders.runDaily());
        } catch (error) {
          this.logger.error(`privacy reminder failed for ${school.slug}: ${(error as Error).name}`);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
