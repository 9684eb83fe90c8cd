import { intlLocale } from '../../app/i18n/language';

/** A money figure from integer paise, always with its currency: ₹1,250.00. */
export function formatMoney(paise: number, currency: string): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency }).format(paise / 100);
}

/** A date-only value (YYYY-MM-DD) as the school reads it, without shifting it through a time zone. */
export function formatSchoolDate(value: string | null | undefined, timeZone?: string): string {
  if (!value) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  try {
    return new Intl.DateTimeFormat(intlLocale(), {
      dateStyle: 'medium',
      timeZone: dateOnly ? 'UTC' : timeZone,
    }).format(date);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
}
