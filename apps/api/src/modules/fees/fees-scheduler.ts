import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { RequestContext } from '../../platform/tenancy/request-context';
import { InstitutionsService } from '../institutions/institutions.service';
import { FeesJobsService } from './fees-jobs.service';

const EVERY_MS = 60 * 60 * 1000;

/**
 * Runs the daily fee job (late fees, reminders) for every school once an hour in the process that
 * delivers messages: the worker (`dist/worker.js`), or the API on the embedded default. The job is idempotent, so hourly runs and runs in
 * several processes book each late fee and send each reminder once.
 */
@Injectable()
export class FeesScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FeesScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly jobs: FeesJobsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.notifications.workerInProcess) return;
    this.timer = setInterval(() => void this.runAll(), EVERY_MS);
    this.timer.unref();
    setTimeout(() => void this.runAll(), 30_000).unref();
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
          await this.context.runAsTenant(school.id, () => this.jobs.runDaily());
        } catch (error) {
          this.logger.error(`fee job failed for ${school.slug}: ${(error as Error).message}`);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
