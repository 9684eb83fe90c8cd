import type { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicRun } from './periodic-run';

const logger = () => ({ error: vi.fn() }) as unknown as Logger & { error: ReturnType<typeof vi.fn> };

describe('PeriodicRun', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first pass after its delay, then every period, one pass at a time', async () => {
    let release: () => void = () => undefined;
    const pass = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const run = new PeriodicRun(logger(), 'job', pass);
    run.start(1_000, 300);
    await vi.advanceTimersByTimeAsync(300);
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000); // still running: the period skips, no second pass at once
    expect(pass).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pass).toHaveBeenCalledTimes(2);
    release();
    await run.stop();
  });

  it('never runs the first pass once stopped, so nothing touches a closed database', async () => {
    const pass = vi.fn(() => Promise.resolve());
    const run = new PeriodicRun(logger(), 'job', pass);
    run.start(60_000, 30_000);
    await run.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(pass).not.toHaveBeenCalled();
    expect(run.active).toBe(false);
  });

  it('waits for a pass still running when stopped', async () => {
    let release: () => void = () => undefined;
    const pass = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const run = new PeriodicRun(logger(), 'job', pass);
    run.start(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    let stopped = false;
    const stopping = run.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('logs a failed pass by its error name, not as an unhandled rejection', async () => {
    const log = logger();
    const run = new PeriodicRun(log, 'fee job', () => Promise.reject(new TypeError('secret detail')));
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      run.start(1_000);
      await vi.advanceTimersByTimeAsync(1_000);
      await run.stop();
      vi.useRealTimers();
      await new Promise((resolve) => setImmediate(resolve));
      expect(log.error).toHaveBeenCalledWith('fee job failed: TypeError');
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
