import type { Logger } from '@nestjs/common';

/**
 * A background pass repeated on a timer (the hourly school jobs, the scheduled circulars, the purge), with
 * the shutdown they need: `stop()` clears both timers, the first run's too, and waits for a pass still
 * running, so no pass touches the database after the app closed it. A pass that fails is logged by its
 * error's name only (no PII), never left as an unhandled rejection.
 */
export class PeriodicRun {
  private interval: NodeJS.Timeout | null = null;
  private firstRun: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly label: string,
    private readonly pass: () => Promise<unknown>,
  ) {}

  /** Runs the pass every `everyMs`, and once after `firstRunMs` when given. */
  start(everyMs: number, firstRunMs?: number): void {
    this.interval = setInterval(() => this.tick(), everyMs);
    this.interval.unref();
    if (firstRunMs !== undefined) {
      this.firstRun = setTimeout(() => this.tick(), firstRunMs);
      this.firstRun.unref();
    }
  }

  /** Whether the timers run (this process does the background work). */
  get active(): boolean {
    return this.interval !== null;
  }

  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    if (this.firstRun) clearTimeout(this.firstRun);
    this.interval = null;
    this.firstRun = null;
    await this.inFlight;
  }

  private tick(): void {
    if (this.inFlight) return;
    this.inFlight = this.pass()
      .catch((error: unknown) => this.logger.error(`${this.label} failed: ${(error as Error)?.name}`))
      .finally(() => (this.inFlight = null));
  }
}
