import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/app-config';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { PeriodicRun } from '../../../platform/scheduling/periodic-run';
import { Clock } from '../../../platform/time/clock';
import { InstitutionPurge } from './institution-purge';
import { OffboardingRepository } from './offboarding.repository';
import { OffboardingService } from './offboarding.service';

const EVERY_MS = 60 * 60 * 1000;

/**
 * The scheduled purge: once an hour, in the process that runs background work, every terminated school
 * whose retention period is over and that is not purged yet is purged. The same pass purges a school again
 * when a restored backup brought its rows back (its offboarding row says "not purged" and the date is past),
 * so a restore cannot revive a purged school for longer than an hour, during which it cannot sign in.
 */
@Injectable()
export class OffboardingPurgeJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OffboardingPurgeJob.name);
  private readonly timer = new PeriodicRun(this.logger, 'scheduled purge', () => this.runDue());
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly offboarding: OffboardingService,
    private readonly rows: OffboardingRepository,
    private readonly purger: InstitutionPurge,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.notifications.workerInProcess) return;
    this.timer.start(EVERY_MS, 90_000);
  }

  /** Stops the timers and waits for a pass still running, before the database closes. */
  onModuleDestroy(): Promise<void> {
    return this.timer.stop();
  }

  /** Purges every due school; answers the ids purged. */
  async runDue(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const purged: string[] = [];
    try {
      const platform = await this.context.runWithoutTenant(() => this.offboarding.platform());
      if (!platform) return [];
      await this.context.runAsTenant(platform.id, async () => {
        for (const row of await this.rows.duePurges(this.clock.now())) {
          try {
            await this.purger.purge(row, null);
            purged.push(row.institutionId);
          } catch (error) {
            this.logger.error(`purge of ${row.institutionSlug} failed: ${(error as Error).name}`);
          }
        }
      });
    } finally {
      this.running = false;
    }
    return purged;
  }
}
