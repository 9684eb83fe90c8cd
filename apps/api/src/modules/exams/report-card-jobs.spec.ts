import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../platform/time/clock';
import {
  JOB_TTL_MS,
  type JobWork,
  MAX_KEPT_PER_TENANT,
  MAX_RUNNING_PER_TENANT,
  ReportCardJobs,
} from './report-card-jobs';

const A = { tenantId: 'tenant-a', userId: 'user-a' };
const B = { tenantId: 'tenant-b', userId: 'user-b' };

function setup() {
  let now = Date.parse('2026-10-05T10:00:00Z');
  const clock = { now: () => new Date(now) } as Clock;
  return { jobs: new ReportCardJobs(clock), advance: (ms: number) => (now += ms) };
}

const files = (names: string[]): JobWork => ({
  total: names.length,
  render: async (i) => ({ fileName: names[i]!, body: Buffer.from(`%PDF- ${names[i]}`) }),
});

/** Work that waits until released, to hold a job in the running state. */
function held(): { work: JobWork; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return {
    work: { total: 1, render: async () => (await gate, { fileName: 'x.pdf', body: Buffer.from('x') }) },
    release: () => release(),
  };
}

describe('report-card jobs', () => {
  it('zips one file per card, renaming a repeated name', async () => {
    const { jobs } = setup();
    const { jobId, finished } = jobs.start(A, files(['1-Asha.pdf', '2-अनन्या.pdf', '1-Asha.pdf']));
    expect(jobs.view(A, jobId)).toMatchObject({ status: 'running', total: 3 });
    await finished;
    expect(jobs.view(A, jobId)).toEqual({ jobId, status: 'done', done: 3, total: 3 });
    const zip = unzipSync(jobs.zip(A, jobId));
    expect(Object.keys(zip).sort()).toEqual(['1-Asha (2).pdf', '1-Asha.pdf', '2-अनन्या.pdf']);
  });

  it("answers another school's or another user's job id with 404", async () => {
    const { jobs } = setup();
    const { jobId, finished } = jobs.start(A, files(['1-Asha.pdf']));
    await finished;
    expect(() => jobs.view(B, jobId)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => jobs.zip(B, jobId)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => jobs.view({ tenantId: B.tenantId, userId: A.userId }, jobId)).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(() => jobs.view({ tenantId: A.tenantId, userId: 'another-teacher' }, jobId)).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(jobs.view(A, jobId).status).toBe('done');
  });

  it('runs at most N jobs at once per school (429 beyond), other schools unaffected', async () => {
    const { jobs } = setup();
    const holds = Array.from({ length: MAX_RUNNING_PER_TENANT }, () => held());
    const started = holds.map((h) => jobs.start(A, h.work));
    expect(() => jobs.start(A, files(['a.pdf']))).toThrow(expect.objectContaining({ status: 429 }));
    await jobs.start(B, files(['b.pdf'])).finished;
    holds[0]!.release();
    await started[0]!.finished;
    await jobs.start(A, files(['a.pdf'])).finished;
    holds.slice(1).forEach((h) => h.release());
    await Promise.all(started.map((s) => s.finished));
  });

  it('keeps at most N jobs per school, dropping the oldest finished one', async () => {
    const { jobs, advance } = setup();
    const ids: string[] = [];
    for (let i = 0; i <= MAX_KEPT_PER_TENANT; i++) {
      const { jobId, finished } = jobs.start(A, files([`${i}.pdf`]));
      await finished;
      ids.push(jobId);
      advance(1000);
    }
    expect(() => jobs.view(A, ids[0]!)).toThrow(expect.objectContaining({ status: 404 }));
    for (const id of ids.slice(1)) expect(jobs.view(A, id).status).toBe('done');
  });

  it('forgets a job and its ZIP once the TTL has passed', async () => {
    const { jobs, advance } = setup();
    const { jobId, finished } = jobs.start(A, files(['1.pdf']));
    await finished;
    advance(JOB_TTL_MS);
    expect(jobs.view(A, jobId).status).toBe('done');
    advance(1);
    expect(() => jobs.zip(A, jobId)).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('yields to the event loop between cards', async () => {
    const { jobs } = setup();
    const order: string[] = [];
    const work: JobWork = {
      total: 3,
      render: async (i) => {
        order.push(`card ${i}`);
        setImmediate(() => order.push(`other ${i}`));
        return { fileName: `${i}.pdf`, body: Buffer.from('x') };
      },
    };
    await jobs.start(A, work).finished;
    // Each card's neighbour on the event loop ran before the next card started.
    expect(order.slice(0, 5)).toEqual(['card 0', 'other 0', 'card 1', 'other 1', 'card 2']);
  });

  it('marks a job failed when a card cannot be rendered, and has no ZIP for it', async () => {
    const { jobs } = setup();
    const { jobId, finished } = jobs.start(A, {
      total: 2,
      render: async (i) => {
        if (i === 1) throw new Error('boom');
        return { fileName: '0.pdf', body: Buffer.from('x') };
      },
    });
    await finished;
    expect(jobs.view(A, jobId)).toMatchObject({ status: 'failed', done: 1 });
    expect(() => jobs.zip(A, jobId)).toThrow(expect.objectContaining({ status: 409 }));
  });
});
