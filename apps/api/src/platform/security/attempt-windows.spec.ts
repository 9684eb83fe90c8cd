import { describe, expect, it } from 'vitest';
import { MemoryAttemptWindows } from './throttling';

describe('attempt windows (in memory)', () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('[AUT-07] slides: an attempt stops counting exactly one window after it was made, not at a fixed edge', async () => {
    const time = clock();
    const windows = new MemoryAttemptWindows(time.now);
    const hit = (id: string) => windows.hit('k', id, 10_000, 3);
    expect((await hit('a')).allowed).toBe(true); // t = 0
    time.advance(4_000);
    expect((await hit('b')).allowed).toBe(true); // t = 4 s
    time.advance(4_000);
    expect((await hit('c')).allowed).toBe(true); // t = 8 s
    time.advance(1_000);
    // t = 9 s: full; room again when the oldest (t = 0) leaves at 10 s.
    expect(await hit('d')).toEqual({ allowed: false, count: 3, retryAfterMs: 1_000 });
    time.advance(1_001);
    expect((await hit('e')).allowed).toBe(true); // t = 10.001 s: a, and only a, has left
    // A fixed 10 s window would now be empty; the sliding one still holds b, c and e.
    expect(await hit('f')).toMatchObject({ allowed: false, count: 3 });
    expect(await windows.count('k', 10_000)).toBe(3);
  });

  it('[AUT-07] takes back an attempt that succeeded, so only failures use up the limit', async () => {
    const windows = new MemoryAttemptWindows(clock().now);
    for (let i = 0; i < 5; i++) {
      expect((await windows.hit('k', `ok-${i}`, 60_000, 2)).allowed).toBe(true);
      await windows.forget('k', `ok-${i}`);
    }
    expect((await windows.hit('k', 'bad-1', 60_000, 2)).allowed).toBe(true);
    expect((await windows.hit('k', 'bad-2', 60_000, 2)).allowed).toBe(true);
    expect((await windows.hit('k', 'bad-3', 60_000, 2)).allowed).toBe(false);
  });

  it('[AUT-07] claims a single-use value once until it expires', async () => {
    const time = clock();
    const windows = new MemoryAttemptWindows(time.now);
    expect(await windows.claimOnce('pow:x', 5_000)).toBe(true);
    expect(await windows.claimOnce('pow:x', 5_000)).toBe(false);
    expect(await windows.claimOnce('pow:y', 5_000)).toBe(true);
    time.advance(5_001);
    expect(await windows.claimOnce('pow:x', 5_000)).toBe(true);
  });
});
