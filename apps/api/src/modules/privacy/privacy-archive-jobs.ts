import { Injectable, Logger } from '@nestjs/common';
import { PRIVACY_ARCHIVE_TTL_DAYS, type PrivacyArchiveView } from '@shala/contracts';
import { zipSync } from 'fflate';
import { Clock } from '../../platform/time/clock';
import { ArchiveJobsBusyError, ArchiveNotReadyError } from './privacy.errors';

/** How long a finished archive stays downloadable. */
export const ARCHIVE_TTL_MS = PRIVACY_ARCHIVE_TTL_DAYS * 24 * 60 * 60 * 1000;
/** A job still running this long after it started is given up. */
export const ARCHIVE_RUN_LIMIT_MS = 30 * 60 * 1000;
/** Archives being made at once per school; one more answers 429. */
export const MAX_RUNNING_PER_TENANT = 2;
/** Archives (running or finished) kept per school; the oldest finished one makes room. */
export const MAX_KEPT_PER_TENANT = 20;

/** Who may see an archive: the school, and the user who raised the request. */
export interface ArchiveOwner {
  tenantId: string;
  userId: string;
}

/** The work of a job: `total` steps (one per table), the i-th producing that table's files. */
export interface ArchiveWork {
  total: number;
  step(i: number): Promise<{ name: string; body: string }[]>;
}

interface Job {
  owner: ArchiveOwner;
  requestId: string;
  status: 'running' | 'done' | 'failed' | 'expired';
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
  zip: Buffer | null;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Access-archive jobs, one per request, in the memory of this API process (like the report-card jobs: a
 * multi-replica deployment routes a school's calls to one replica; a restart loses the archives, which
 * are simply made again). Keyed by tenant and request, so another school's request is not found; only
 * the requester sees the job; a school runs at most MAX_RUNNING_PER_TENANT at once and keeps at most
 * MAX_KEPT_PER_TENANT; a finished archive is dropped ARCHIVE_TTL_MS after it was made.
 */
@Injectable()
export class PrivacyArchiveJobs {
  private readonly logger = new Logger(PrivacyArchiveJobs.name);
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly clock: Clock) {}

  /** Starts (or restarts) the archive of a request; the work goes on in the background. */
  start(owner: ArchiveOwner, requestId: string, work: ArchiveWork): { finished: Promise<void> } {
    if (!owner.tenantId) throw new Error('An archive job needs a tenant');
    this.sweep();
    const key = this.key(owner.tenantId, requestId);
    const existing = this.jobs.get(key);
    if (existing?.status === 'running') return { finished: Promise.resolve() };
    const own = [...this.jobs.values()].filter((j) => j.owner.tenantId === owner.tenantId);
    if (own.filter((j) => j.status === 'running').length >= MAX_RUNNING_PER_TENANT)
      throw new ArchiveJobsBusyError(MAX_RUNNING_PER_TENANT);
    this.jobs.delete(key);
    const finished = own
      .filter((j) => j.status !== 'running' && j.requestId !== requestId)
      .sort((a, b) => a.startedAt - b.startedAt);
    const kept = own.length - (existing ? 1 : 0);
    for (let i = 0; kept - i >= MAX_KEPT_PER_TENANT && i < finished.length; i++)
      this.jobs.delete(this.key(owner.tenantId, finished[i]!.requestId));
    const job: Job = {
      owner,
      requestId,
      status: 'running',
      done: 0,
      total: work.total,
      startedAt: this.clock.now().getTime(),
      finishedAt: null,
      zip: null,
    };
    this.jobs.set(key, job);
    return { finished: this.run(job, work) };
  }

  /** The archive's progress; `none` when never made (or made by someone else), `expired` after the TTL. */
  view(owner: ArchiveOwner, requestId: string): PrivacyArchiveView {
    const job = this.find(owner, requestId);
    if (!job) return { requestId, status: 'none', done: 0, total: 0, expiresAt: null };
    return {
      requestId,
      status: job.status,
      done: job.done,
      total: job.total,
      expiresAt: job.finishedAt !== null ? new Date(job.finishedAt + ARCHIVE_TTL_MS).toISOString() : null,
    };
  }

  /** The finished archive. */
  zip(owner: ArchiveOwner, requestId: string): Buffer {
    const job = this.find(owner, requestId);
    if (!job) throw new ArchiveNotReadyError('not available');
    if (job.status !== 'done' || !job.zip) throw new ArchiveNotReadyError(job.status);
    return job.zip;
  }

  private find(owner: ArchiveOwner, requestId: string): Job | null {
    this.sweep();
    const job = this.jobs.get(this.key(owner.tenantId, requestId));
    if (!job || job.owner.tenantId !== owner.tenantId || job.owner.userId !== owner.userId) return null;
    return job;
  }

  private key(tenantId: string, requestId: string): string {
    return `${tenantId}:${requestId}`;
  }

  /** Empties archives past their TTL (they answer `expired`), and fails jobs running past the run limit. */
  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const job of this.jobs.values()) {
      if (job.finishedAt !== null && job.status !== 'expired' && now - job.finishedAt > ARCHIVE_TTL_MS) {
        job.status = 'expired';
        job.zip = null;
      } else if (job.status === 'running' && now - job.startedAt > ARCHIVE_RUN_LIMIT_MS) {
        job.status = 'failed';
        job.finishedAt = now;
      }
    }
  }

  private async run(job: Job, work: ArchiveWork): Promise<void> {
    try {
      const files: Record<string, Uint8Array> = {};
      for (let i = 0; i < work.total; i++) {
        await nextTurn();
        for (const file of await work.step(i)) files[file.name] = Buffer.from(file.body, 'utf8');
        job.done = i + 1;
      }
      if (job.status !== 'running') return; // given up meanwhile
      job.zip = Buffer.from(zipSync(files, { level: 6 }));
      job.status = 'done';
    } catch (error) {
      job.status = 'failed';
      this.logger.error(
        `privacy archive for request ${job.requestId} failed: ${error instanceof Error ? error.name : 'error'}`,
      );
    } finally {
      job.finishedAt ??= this.clock.now().getTime();
    }
  }
}
