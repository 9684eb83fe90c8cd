import { intlLocale } from '../../app/i18n/language';

/**
 * Intl formatters are costly to build (a fees page formats hundreds of figures: building one per figure
 * took ~50 ms of a phone's first render, Lighthouse's biggest single cost there), so one per locale and
 * options is kept.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A money figure from integer paise, always with its currency: ₹1,250.00. */
export function formatMoney(paise: number, currency: string): string {
  const locale = intlLocale();
  return cached(
    `money|${locale}|${currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency }),
  ).format(paise / 100);
}

/** A date-only value (YYYY-MM-DD) as the school reads it, without shifting it through a time zone. */
export function formatSchoolDate(value: string | null | undefined, timeZone?: string): string {
  if (!value) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const locale = intlLocale();
  const zone = dateOnly ? 'UTC' : timeZone;
  try {
    return cached(
      `date|${locale}|${zone ?? ''}`,
      () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }),
    ).format(date);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
}

/** Rupees typed by a person (12.50) as integer paise (1250). */
export function toPaise(rupees: number): number {
  return Math.round(rupees * 100);
}

/** Percent typed by a person (12.5) as basis points (1250). */
export function toBasisPoints(percentValue: number): number {
  return Math.round(percentValue * 100);
}
