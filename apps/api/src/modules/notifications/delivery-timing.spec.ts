import { describe, expect, it } from 'vitest';
import { quietUntil, retryDelayMs, startOfLocalDay } from './delivery-timing';

describe('retry backoff', () => {
  const policy = { baseMs: 1000, maxMs: 60_000 };

  it('doubles with each attempt, between half and all of the ceiling, and stops at the cap', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4000);
    expect(retryDelayMs(20, policy, () => 1)).toBe(60_000);
  });

  it('spreads retries of the same attempt (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, policy)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(4000);
  });
});

describe('quiet hours', () => {
  const window = { start: '21:00', end: '07:00' };
  // Asia/Kolkata is UTC+05:30.
  it('holds a message inside a window across midnight until the window ends, in the school time zone', () => {
    const at = new Date('2026-07-10T17:00:00Z'); // 22:30 IST
    expect(quietUntil(window, 'Asia/Kolkata', at)?.toISOString()).toBe('2026-07-11T01:30:00.000Z'); // 07:00 IST
    const early = new Date('2026-07-11T00:00:00Z'); // 05:30 IST
    expect(quietUntil(window, 'Asia/Kolkata', early)?.toISOString()).toBe('2026-07-11T01:30:00.000Z');
  });

  it('lets a message through outside the window, and when there is no window', () => {
    expect(quietUntil(window, 'Asia/Kolkata', new Date('2026-07-10T06:00:00Z'))).toBeNull(); // 11:30 IST
    expect(quietUntil(window, 'Asia/Kolkata', new Date('2026-07-11T01:30:00Z'))).toBeNull(); // 07:00 IST
    expect(quietUntil(null, 'Asia/Kolkata', new Date())).toBeNull();
    expect(quietUntil({ start: '13:00', end: '14:00' }, 'UTC', new Date('2026-07-10T13:15:00Z'))).toEqual(
      new Date('2026-07-10T14:00:00Z'),
    );
  });

  it('finds the UTC start of a local day', () => {
    expect(startOfLocalDay('2026-07-10', 'Asia/Kolkata').toISOString()).toBe('2026-07-09T18:30:00.000Z');
    expect(startOfLocalDay('2026-07-10', 'UTC').toISOString()).toBe('2026-07-10T00:00:00.000Z');
  });
});
