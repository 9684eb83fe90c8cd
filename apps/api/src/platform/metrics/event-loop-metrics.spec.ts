import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_LOOP_MAX_WINDOW_MS, EventLoopMetrics, SlidingMax } from './event-loop-metrics';

/** The value of one sample line, e.g. `name{a="b"} 3`. */
async function sample(registry: Registry, selector: string): Promise<number | undefined> {
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${selector} `));
  return line === undefined ? undefined : Number(line.slice(selector.length + 1));
}

function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a synchronous stretch, like a long better-sqlite3 query
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SlidingMax', () => {
  it('keeps the largest value of the window and lets it age out afterwards', () => {
    let now = 0;
    const max = new SlidingMax(60_000, 6, () => now);
    max.observe(0.2);
    now = 5_000;
    max.observe(3);
    max.observe(0.5);
    now = 30_000;
    expect(max.max()).toBe(3);
    now = 64_000; // the slot holding 3 is now older than the window
    expect(max.max()).toBe(0);
    max.observe(0.7);
    now = 64_000 + 10 * 60_000; // idle for a long time: every slot is cleared
    expect(max.max()).toBe(0);
  });
});

describe('EventLoopMetrics', () => {
  let metrics: EventLoopMetrics | undefined;
  afterEach(() => metrics?.stop());

  it('observes how late each probe tick ran', async () => {
    let now = 1_000;
    const registry = new Registry();
    metrics = new EventLoopMetrics(registry, () => now, 20);
    metrics.start();
    metrics.stop();
    now += 20;
    metrics.probe(); // on time
    now += 520;
    metrics.probe(); // half a second late
    expect(await sample(registry, 'shala_event_loop_delay_seconds_count')).toBe(2);
    expect(await sample(registry, 'shala_event_loop_delay_seconds_bucket{le="0.25"}')).toBe(1);
    expect(await sample(registry, 'shala_event_loop_delay_seconds_bucket{le="0.5"}')).toBe(2);
    expect(await sample(registry, 'shala_event_loop_delay_seconds_sum')).toBeCloseTo(0.5, 6);
    expect(await sample(registry, 'shala_event_loop_delay_max_seconds')).toBeCloseTo(0.5, 6);
    now += EVENT_LOOP_MAX_WINDOW_MS + 1;
    expect(await sample(registry, 'shala_event_loop_delay_max_seconds')).toBe(0);
  });

  it('reports a real stall of the loop, and nothing while the probe is off', async () => {
    const registry = new Registry();
    metrics = new EventLoopMetrics(registry);
    blockFor(150);
    await pause(60);
    expect(await sample(registry, 'shala_event_loop_delay_seconds_count')).toBe(0);
    expect(await sample(registry, 'shala_event_loop_delay_max_seconds')).toBe(0);

    metrics.start();
    await pause(60);
    const busyBefore = (await sample(registry, 'shala_event_loop_busy_seconds_total')) ?? NaN;
    blockFor(150);
    await pause(60);
    expect(await sample(registry, 'shala_event_loop_delay_max_seconds')).toBeGreaterThanOrEqual(0.1);
    const above = await sample(registry, 'shala_event_loop_delay_seconds_bucket{le="0.1"}');
    const all = await sample(registry, 'shala_event_loop_delay_seconds_count');
    expect(all! - above!).toBeGreaterThanOrEqual(1); // at least one observation above 100 ms
    expect(await sample(registry, 'shala_event_loop_busy_seconds_total')).toBeGreaterThanOrEqual(
      busyBefore + 0.14,
    );
  });
});
