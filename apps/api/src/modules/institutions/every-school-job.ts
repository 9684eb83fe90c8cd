import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../../platform/config/app-config';
import { PeriodicRun } from '../../platform/scheduling/periodic-run';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { InstitutionsService } from './institutions.service';

const EVERY_MS = 60 * 60 * 1000;

/**
 * A daily job run for every school once an hour, in the process that does background work: the worker
 * (`dist/worker.js`), or the API when it delivers messages in-process (the embedded default). Each school
 * runs in its own tenant; one school's failure is logged (its error's name only: no PII) and the others go
 * on. The jobs are idempotent per school and day, so hourly runs and several processes do the work once.
 */
export abstract class EverySchoolJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly timer: PeriodicRun;
  private running = false;

  protected constructor(
    private readonly label: string,
    /** The first pass after start-up, staggered so jobs do not all start at once. */
    private readonly firstRunMs: number,
    private readonly config: AppConfig,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
  ) {
    this.logger = new Logger(new.target.name);
    this.timer = new PeriodicRun(this.logger, label, () => this.runAll());
  }

  /** The job for the current tenant's school. */
  protected abstract runForSchool(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (!this.config.notifications.workerInProcess) return;
    this.timer.start(EVERY_MS, this.firstRunMs);
  }

  /** Stops the timers and waits for a pass still running, before the database closes. */
  onModuleDestroy(): Promise<void> {
    return this.timer.stop();
  }

  /** Whether this process runs the job (the worker process, or the API when it delivers in-process). */
  get active(): boolean {
    return this.timer.active;
  }

  async runAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const schools = await this.context.runWithoutTenant(() => this.institutions.listSchools());
      for (const school of schools) {
        try {
          await this.context.runAsTenant(school.id, () => this.runForSchool());
        } catch (error) {
          this.logger.error(`${this.label} failed for ${school.slug}: ${(error as Error).name}`);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
