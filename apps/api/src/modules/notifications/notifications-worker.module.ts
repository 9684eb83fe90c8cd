import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { NotificationsRetention } from './notifications-retention.service';
import { OutboxWorker } from './outbox-worker.service';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Runs the outbox worker for as long as the application runs: drains while there is work, polls every
 * NOTIFICATIONS_POLL_MS when idle, purges the platform's old account messages daily (PRV-04; schools' delivery
 * records follow their retention policy, privacy/retention). On shutdown (SIGTERM) it
 * finishes the message in hand, gives back the rest of its claim, and only then lets the database close.
 */
@Injectable()
export class NotificationsWorkerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NotificationsWorker');
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastPurge = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly worker: OutboxWorker,
    private readonly retention: NotificationsRetention,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  get running(): boolean {
    return this.loop !== null && !this.stopping;
  }

  private async run(): Promise<void> {
    this.logger.log(`notifications worker started (poll every ${this.config.notifications.pollMs} ms)`);
    while (!this.stopping) {
      let busy = false;
      try {
        if (Date.now() - this.lastPurge >= DAY_MS) {
          this.lastPurge = Date.now();
          await this.retention.purgePlatform();
        }
        const report = await this.worker.drainOnce({ shouldStop: () => this.stopping });
        busy = report.claimed > 0;
      } catch (error) {
        this.logger.error(`outbox pass failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!busy && !this.stopping)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.notifications.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
    this.logger.log('notifications worker stopped');
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }
}

/** The outbox worker loop; imported by the API in the embedded default and by the worker process. */
@Module({ providers: [NotificationsWorkerRunner], exports: [NotificationsWorkerRunner] })
export class NotificationsWorkerModule {}
