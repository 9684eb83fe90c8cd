/** Times of delivery: retry backoff and quiet hours. Pure functions, unit-tested beside this file. */

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with jitter: the n-th failed attempt (1-based) waits between half and all of
 * base * 2^(n-1), capped at maxMs, so workers retrying after a provider outage spread out.
 */
export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Seconds since local midnight at `at` in an IANA time zone. */
function localSecondsOfDay(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return get('hour') * 3600 + get('minute') * 60 + get('second');
}

/**
 * When the institution's quiet window (local 'HH:MM' start and end, possibly across midnight) ends, if
 * `at` falls inside it; otherwise null. start == end means no window.
 */
export function quietUntil(
  window: { start: string; end: string } | null,
  timeZone: string,
  at: Date,
): Date | null {
  if (!window || window.start === window.end) return null;
  const start = minutesOf(window.start) * 60;
  const end = minutesOf(window.end) * 60;
  const now = localSecondsOfDay(timeZone, at);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const wait = (end - now + 86_400) % 86_400;
  return new Date(Math.floor(at.getTime() / 1000) * 1000 + wait * 1000);
}

/** The UTC instant a local date begins in a time zone (for date filters on the delivery log). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // The zone's offset at that moment: local wall time read back as if it were UTC, minus the instant.
  const offsetAt = (instant: Date) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(instant);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    const asUtc = Date.parse(
      `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}Z`,
    );
    return asUtc - instant.getTime();
  };
  const guess = new Date(utcMidnight.getTime() - offsetAt(utcMidnight));
  return new Date(utcMidnight.getTime() - offsetAt(guess));
}
