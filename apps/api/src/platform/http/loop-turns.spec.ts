import { describe, expect, it } from 'vitest';
import { LoopTurns } from './loop-turns';

function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // one request's synchronous work (better-sqlite3 queries, serialisation)
  }
}

/** `n` requests arriving in one turn of the loop, each `ms` of synchronous work once let in. */
async function burst(turns: LoopTurns | null, n: number, ms: number, onStart: (i: number) => void) {
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const wait = turns?.enter();
      if (wait) await wait;
      onStart(i);
      blockFor(ms);
    }),
  );
}

describe('LoopTurns', () => {
  it('lets requests in at once while the loop has time to spare', () => {
    const turns = new LoopTurns(10);
    expect(turns.enter()).toBeNull();
    expect(turns.enter()).toBeNull();
  });

  it('keeps a burst from holding the loop: a timer runs between turns, and arrival order is kept', async () => {
    const order: number[] = [];
    let timerRanAfter = -1;
    setTimeout(() => (timerRanAfter = order.length), 0);
    await burst(new LoopTurns(10), 30, 3, (i) => order.push(i));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(timerRanAfter).toBeGreaterThan(0);
    expect(timerRanAfter).toBeLessThan(10); // about 10 ms of requests, not all 90 ms
  });

  it('without turns the same burst runs back to back before the timer (the mechanism switched off)', async () => {
    const order: number[] = [];
    let timerRanAfter = -1;
    setTimeout(() => (timerRanAfter = order.length), 0);
    await burst(null, 30, 3, (i) => order.push(i));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(timerRanAfter).toBe(30);
  });
});
