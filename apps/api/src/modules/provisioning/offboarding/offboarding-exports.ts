import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../../../platform/time/clock';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { sealExport } from './export-container';
import { InstitutionExport } from './institution-export';
import { OffboardingRepository } from './offboarding.repository';
import { ExportRunningError } from './offboarding.errors';

export interface ExportTarget {
  platformId: string;
  institution: { id: string; slug: string; name: string };
}

/**
 * Runs a terminated school's export in the background of this process: the school's tables in its own
 * tenant context, progress and the encrypted file on the platform's offboarding row. The passphrase lives
 * only in memory for the run; a restart loses a running export (the view then shows it failed after
 * EXPORT_RUN_LIMIT_MS) and the operator starts it again with the passphrase.
 */
@Injectable()
export class OffboardingExports {
  private readonly logger = new Logger(OffboardingExports.name);
  private readonly running = new Set<string>();

  constructor(
    private readonly context: RequestContext,
    private readonly exporter: InstitutionExport,
    private readonly rows: OffboardingRepository,
    private readonly clock: Clock,
  ) {}

  isRunning(institutionId: string): boolean {
    return this.running.has(institutionId);
  }

  /** Starts the export; `finished` settles when it is done or failed (tests and the demo wait on it). */
  start(target: ExportTarget, passphrase: string): { finished: Promise<void> } {
    const id = target.institution.id;
    if (this.running.has(id)) throw new ExportRunningError();
    this.running.add(id);
    const finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(target, passphrase))
      .finally(() => this.running.delete(id));
    return { finished };
  }

  private onPlatform<T>(target: ExportTarget, fn: () => Promise<T>): Promise<T> {
    return this.context.runAsTenant(target.platformId, fn);
  }

  private async run(target: ExportTarget, passphrase: string): Promise<void> {
    const id = target.institution.id;
    const started = this.clock.now();
    try {
      const { zip } = await this.context.runAsTenant(id, () =>
        this.exporter.build(target.institution, started, (done, total) =>
          this.onPlatform(target, () => this.rows.patch(id, { exportDone: done, exportTotal: total })).then(
            () => undefined,
          ),
        ),
      );
      const file = await sealExport(zip, passphrase);
      await this.onPlatform(target, () =>
        this.rows.patch(id, {
          exportStatus: 'done',
          exportFile: file,
          exportBytes: file.length,
          exportSha256: createHash('sha256').update(file).digest('hex'),
          exportFinishedAt: this.clock.now(),
        }),
      );
    } catch (error) {
      this.logger.error(`export of ${target.institution.slug} failed: ${(error as Error).name}`);
      await this.onPlatform(target, () =>
        this.rows.patch(id, { exportStatus: 'failed', exportFinishedAt: this.clock.now() }),
      ).catch(() => undefined);
    }
  }
}
