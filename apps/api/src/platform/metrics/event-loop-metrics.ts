import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How often the probe timer asks "how late am I?". Each tick is one observation. */
export const EVENT_LOOP_PROBE_MS = 20;
/** The max gauge covers this much recent time, kept as `MAX_SLOTS` slots so old peaks age out. */
export const EVENT_LOOP_MAX_WINDOW_MS = 60_000;
const MAX_SLOTS = 6;

export const EVENT_LOOP_DELAY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/**
 * The largest value seen in the last `windowMs`, in `slots` rotating slots: a peak ages out between
 * windowMs - windowMs/slots and windowMs after it was seen, whoever scrapes and however often.
 */
export class SlidingMax {
  private readonly slots: number[];
  private readonly slotMs: number;
  private current = 0;
  private slotStart: number;

  constructor(
    windowMs: number,
    slots: number,
    private readonly now: () => number,
  ) {
    this.slots = new Array<number>(slots).fill(0);
    this.slotMs = windowMs / slots;
    this.slotStart = now();
  }

  private rotate(): void {
    const now = this.now();
    const steps = Math.floor((now - this.slotStart) / this.slotMs);
    if (steps <= 0) return;
    for (let i = 0; i < Math.min(steps, this.slots.length); i++) {
      this.current = (this.current + 1) % this.slots.length;
      this.slots[this.current] = 0;
    }
    this.slotStart += steps * this.slotMs;
  }

  observe(value: number): void {
    this.rotate();
    if (value > this.slots[this.current]!) this.slots[this.current] = value;
  }

  max(): number {
    this.rotate();
    return Math.max(...this.slots);
  }
}

/**
 * Event-loop health for operators (issue 17): a probe timer every EVENT_LOOP_PROBE_MS measures how late
 * it fires, which is how long the loop was busy or blocked before it could run a timer (and answer a
 * request, a health check, a scrape).
 *
 * - `shala_event_loop_delay_seconds` (histogram): every probe's lateness, for rates and quantiles
 *   (`histogram_quantile(0.99, rate(..._bucket[5m]))`); one 8 s stall is one observation in the 10 s bucket.
 * - `shala_event_loop_delay_max_seconds` (gauge): the longest delay of the last minute.
 * - `shala_event_loop_busy_seconds_total` (counter): time the loop spent running callbacks rather than
 *   waiting for I/O; `rate()` of it is the loop's utilisation (1 = saturated). Busy near 1 with small
 *   delays is a loaded process; large delays with modest utilisation is something blocking.
 *
 * A stall in progress cannot be scraped (the scrape waits for the same loop); it shows up once it ends.
 */
export class EventLoopMetrics {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private readonly delay: Histogram;
  private readonly peak: SlidingMax;

  constructor(
    registry: Registry,
    private readonly now: () => number = () => performance.now(),
    private readonly probeMs = EVENT_LOOP_PROBE_MS,
  ) {
    this.delay = new Histogram({
      name: 'shala_event_loop_delay_seconds',
      help: `How late a ${probeMs} ms probe timer fired: time the event loop could not run timers or answer requests.`,
      buckets: EVENT_LOOP_DELAY_BUCKETS,
      registers: [registry],
    });
    const peak = (this.peak = new SlidingMax(EVENT_LOOP_MAX_WINDOW_MS, MAX_SLOTS, now));
    new Gauge({
      name: 'shala_event_loop_delay_max_seconds',
      help: 'The longest event-loop delay seen in the last minute.',
      registers: [registry],
      collect() {
        this.set(peak.max());
      },
    });
    new Counter({
      name: 'shala_event_loop_busy_seconds_total',
      help: 'Time the event loop spent running callbacks (not waiting for I/O); rate() is its utilisation.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(performance.eventLoopUtilization().active / 1000);
      },
    });
  }

  /** Starts the probe; it never keeps the process alive. */
  start(): void {
    if (this.timer) return;
    this.last = this.now();
    this.timer = setInterval(() => this.probe(), this.probeMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One probe tick: records how much later than `probeMs` after the previous tick it ran. */
  probe(): void {
    const now = this.now();
    const late = Math.max(0, now - this.last - this.probeMs) / 1000;
    this.last = now;
    this.delay.observe(late);
    this.peak.observe(late);
  }
}
