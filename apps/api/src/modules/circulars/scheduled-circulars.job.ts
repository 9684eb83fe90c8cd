import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { RequestContext } from '../../platform/tenancy/request-context';
import { PeriodicRun } from '../../platform/scheduling/periodic-run';
import { Clock } from '../../platform/time/clock';
import { InstitutionsService } from '../institutions/institutions.service';
import { CircularPublisher } from './circular-publisher';
import { CircularsRepository } from './circulars.repository';

/** How often scheduled circulars are looked for: a circular goes out within this of its time. */
export const SCHEDULE_POLL_MS = 60_000;
const BATCH = 20;

/**
 * Publishes scheduled circulars when their time comes, in the process that does background work (the
 * worker, or the API when it delivers in-process; see EverySchoolJob). Each school in its own tenant, by
 * the index on (tenant, status, publish_at); one school's or circular's failure is logged (its error's
 * name only) and the rest go on. Publishing is a compare-and-set, so two processes never publish twice.
 */
@Injectable()
export class ScheduledCircularsJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ScheduledCircularsJob.name);
  private readonly timer = new PeriodicRun(this.logger, 'scheduled circulars', () => this.runAll());
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly circulars: CircularsRepository,
    private readonly publisher: CircularPublisher,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.notifications.workerInProcess) return;
    this.timer.start(SCHEDULE_POLL_MS);
  }

  /** Stops the timer and waits for a pass still running, before the database closes. */
  onModuleDestroy(): Promise<void> {
    return this.timer.stop();
  }

  /** One pass over every school; answers how many circulars it published. */
  async runAll(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let published = 0;
    try {
      const schools = await this.context.runWithoutTenant(() => this.institutions.listSchools());
      for (const school of schools) {
        try {
          published += await this.context.runAsTenant(school.id, () => this.runForSchool());
        } catch (error) {
          this.logger.error(`scheduled circulars failed for ${school.slug}: ${(error as Error).name}`);
        }
      }
    } finally {
      this.running = false;
    }
    return published;
  }

  /** Publishes the current school's due circulars; answers how many. */
  async runForSchool(): Promise<number> {
    let published = 0;
    for (const circular of await this.circulars.due(this.clock.now(), BATCH)) {
      try {
        await this.publisher.publish(circular, circular.createdByUserId);
        published += 1;
      } catch (error) {
        this.logger.error(`publishing scheduled circular ${circular.id} failed: ${(error as Error).name}`);
      }
    }
    return published;
  }
}
