import { intlLocale } from './i18n/language';

/** Intl formatters are costly to build (a register formats a date per row): one per locale and kind. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, create: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let cached = formatters.get(key);
  if (!cached) {
    cached = create();
    formatters.set(key, cached);
  }
  return cached;
}

/** Today's date in the school's time zone, YYYY-MM-DD (the API's local dates). */
export function schoolToday(timeZone: string, now: Date = new Date()): string {
  try {
    return formatter(
      `today|${timeZone}`,
      () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
    ).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A local date as people read it: 2 Jun 2025 (no time zone shift: it is already the school's date). */
export function formatSchoolDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  const locale = intlLocale();
  return formatter(
    `date|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(y, m - 1, d)));
}

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** A local date's weekday in full: Monday (no time zone shift: it is already the school's date). */
export function weekdayName(date: string): string {
  const locale = intlLocale();
  return formatter(
    `weekday|${locale}`,
    () => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
  ).format(new Date(`${date}T00:00:00Z`));
}
