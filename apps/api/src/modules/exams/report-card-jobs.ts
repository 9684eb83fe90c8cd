import { Injectable, Logger } from '@nestjs/common';
import type { ReportCardJobStatus, ReportCardJobView } from '@shala/contracts';
import { zipSync } from 'fflate';
import { v7 as uuidv7 } from 'uuid';
import { NotFoundError } from '../../platform/errors/domain-error';
import { Clock } from '../../platform/time/clock';
import { ReportJobNotReadyError, ReportJobsBusyError } from './exams.errors';

/** How long a job (and its ZIP) is kept after it started. */
export const JOB_TTL_MS = 15 * 60 * 1000;
/** Jobs rendering at once per school; one more answers 429. */
export const MAX_RUNNING_PER_TENANT = 2;
/** Jobs (running or finished, with their ZIPs) kept per school; the oldest finished one makes room. */
export const MAX_KEPT_PER_TENANT = 5;

/** Who a job belongs to: the school, and the staff member who started it (only they see it). */
export interface JobOwner {
  tenantId: string;
  userId: string | null;
}

interface Job {
  tenantId: string;
  userId: string | null;
  id: string;
  status: ReportCardJobStatus;
  done: number;
  total: number;
  startedAt: number;
  zip: Buffer | null;
}

/** The work of a job: `total` files, the i-th made by `render(i)`. */
export interface JobWork {
  total: number;
  render(i: number): Promise<{ fileName: string; body: Buffer }>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Report-card jobs, in the memory of this API process (a multi-replica deployment routes a school's job
 * calls to one replica; see README). Bounded: each job is keyed by tenant and id, so another school's id
 * is not found (nor another user's: a job is its starter's); a school runs at most MAX_RUNNING_PER_TENANT at once and keeps at most MAX_KEPT_PER_TENANT;
 * every job is dropped JOB_TTL_MS after it started (swept on each call). Cards render one after another,
 * yielding to the event loop between them, so requests keep being served while a section renders.
 */
@Injectable()
export class ReportCardJobs {
  private readonly logger = new Logger(ReportCardJobs.name);
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly clock: Clock) {}

  /** Starts a job and answers its id at once; the work goes on in the background. */
  start(owner: JobOwner, work: JobWork): { jobId: string; finished: Promise<void> } {
    const { tenantId, userId } = owner;
    if (!tenantId) throw new Error('A report-card job needs a tenant');
    this.sweep();
    const own = [...this.jobs.values()].filter((j) => j.tenantId === tenantId);
    if (own.filter((j) => j.status === 'running').length >= MAX_RUNNING_PER_TENANT)
      throw new ReportJobsBusyError(MAX_RUNNING_PER_TENANT);
    const finished = own.filter((j) => j.status !== 'running').sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 0; own.length - i >= MAX_KEPT_PER_TENANT && i < finished.length; i++)
      this.jobs.delete(this.key(tenantId, finished[i]!.id));
    const job: Job = {
      tenantId,
      userId,
      id: uuidv7(),
      status: 'running',
      done: 0,
      total: work.total,
      startedAt: this.clock.now().getTime(),
      zip: null,
    };
    this.jobs.set(this.key(tenantId, job.id), job);
    return { jobId: job.id, finished: this.run(job, work) };
  }

  /** The job's progress; another school's (or an expired) job is not found. */
  view(owner: JobOwner, jobId: string): ReportCardJobView {
    const job = this.find(owner, jobId);
    return { jobId: job.id, status: job.status, done: job.done, total: job.total };
  }

  /** The finished job's ZIP. */
  zip(owner: JobOwner, jobId: string): Buffer {
    const job = this.find(owner, jobId);
    if (job.status !== 'done' || !job.zip) throw new ReportJobNotReadyError(job.status);
    return job.zip;
  }

  private find(owner: JobOwner, jobId: string): Job {
    this.sweep();
    const job = this.jobs.get(this.key(owner.tenantId, jobId));
    if (!job || job.tenantId !== owner.tenantId || job.userId !== owner.userId)
      throw new NotFoundError('The report-card job');
    return job;
  }

  private key(tenantId: string, jobId: string): string {
    return `${tenantId}:${jobId}`;
  }

  /** Drops jobs older than the TTL (a running one too: its result would be dropped on arrival). */
  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [key, job] of this.jobs) if (now - job.startedAt > JOB_TTL_MS) this.jobs.delete(key);
  }

  private async run(job: Job, work: JobWork): Promise<void> {
    try {
      const files: Record<string, [Uint8Array, { level: 0 }]> = {};
      for (let i = 0; i < work.total; i++) {
        await nextTurn();
        const { fileName, body } = await work.render(i);
        files[uniqueName(files, fileName)] = [body, { level: 0 }];
        job.done = i + 1;
      }
      // PDFs are compressed already: stored entries, no second deflate.
      job.zip = Buffer.from(zipSync(files));
      job.status = 'done';
    } catch (error) {
      job.status = 'failed';
      this.logger.error(
        `report-card job ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** `name.pdf`, or `name (2).pdf` when a file of that name is already in the archive. */
function uniqueName(files: Record<string, unknown>, name: string): string {
  if (!(name in files)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) if (!(`${stem} (${n})${ext}` in files)) return `${stem} (${n})${ext}`;
}
