import { intlLocale } from '../../../app/i18n/language';

/** Pure date helpers for the calendar screens; dates are the school's local 'YYYY-MM-DD'. */

const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** 'YYYY-MM' of a date, and the month `n` months away. */
export const monthOf = (date: string) => date.slice(0, 7);
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return iso(d).slice(0, 7);
}

/** The weeks (Monday first) covering a month, each a list of 7 dates. */
export function monthWeeks(month: string): string[][] {
  const first = `${month}-01`;
  const weekday = (utc(first).getUTCDay() + 6) % 7; // Monday 0
  let day = addDays(first, -weekday);
  const weeks: string[][] = [];
  do {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  } while (monthOf(day) === month);
  return weeks;
}

export function monthName(month: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    utc(`${month}-01`),
  );
}

/** Short weekday names, Monday first. */
export function weekdayNames(): string[] {
  const fmt = new Intl.DateTimeFormat(intlLocale(), { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => fmt.format(utc(addDays('2024-01-01', i)))); // a Monday
}

/** Whether an item covering startsOn..endsOn falls on a date. */
export const onDate = (item: { startsOn: string; endsOn: string }, date: string) =>
  item.startsOn <= date && item.endsOn >= date;
