import {
  MONTH_RULE,
  daysInMonth,
  epochDayOf,
  formatEpochDay,
  isCalendarMonth,
  parseEpochDay,
} from './calendar-date';

/**
 * One formatter per time zone and kind, made on first use: making an Intl.DateTimeFormat costs far more
 * than formatting with one, and "today" is read on most requests. Bounded by the IANA zones (about 600).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'date' | 'time', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format =
      kind === 'date'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-GB', {
            timeZone,
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          });
    formatters.set(key, format);
  }
  return format;
}

/** The calendar date 'YYYY-MM-DD' at `at` in an IANA time zone (a school day is a local date). */
export function localDate(timeZone: string, at: Date): string {
  return formatter('date', timeZone).format(at);
}

/** The local wall-clock time 'HH:MM' at `at` in a time zone. */
export function localTime(timeZone: string, at: Date): string {
  const parts = formatter('time', timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

/** 0 = Sunday .. 6 = Saturday for a local date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The date `days` after (or before) `date`; a RangeError rather than a result that is not YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const day = parseEpochDay(date);
  if (day === null) throw new RangeError(`${JSON.stringify(date)} is not a date YYYY-MM-DD`);
  if (!Number.isSafeInteger(days)) throw new RangeError(`${days} is not a whole number of days`);
  return formatEpochDay(day + days);
}

/** Days from `from` to `to` (negative when `to` is earlier); no iteration, whatever the distance. */
export function daysBetween(from: string, to: string): number {
  const a = parseEpochDay(from);
  const b = parseEpochDay(to);
  if (a === null || b === null)
    throw new RangeError(`${JSON.stringify([from, to])} are not dates YYYY-MM-DD`);
  return b - a;
}

/** The most dates `datesBetween` lists unless a caller asks for fewer: two years, beyond any report range. */
export const MAX_DATES_BETWEEN = 731;

/**
 * Every date from `from` to `to` inclusive (none when `to` is earlier). Counted, not compared as strings,
 * so it always ends; both ends must be calendar dates (1900-01-01..2199-12-31) and the range at most
 * `maxDates` long, or it throws a RangeError: callers check user ranges first and answer 400.
 */
export function datesBetween(from: string, to: string, maxDates = MAX_DATES_BETWEEN): string[] {
  const first = epochDayOf(from);
  const count = epochDayOf(to) - first + 1;
  if (count <= 0) return [];
  if (count > maxDates) throw new RangeError(`${from}..${to} spans ${count} dates, more than ${maxDates}`);
  return Array.from({ length: count }, (_, i) => formatEpochDay(first + i));
}

/** First and last date of a calendar month 'YYYY-MM' (1900-01..2199-12, or a RangeError). */
export function monthRange(month: string): { from: string; to: string } {
  if (!isCalendarMonth(month)) throw new RangeError(`${JSON.stringify(month)} is not ${MONTH_RULE}`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}
