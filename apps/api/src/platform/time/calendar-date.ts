/**
 * The calendar-date type (issue 17 item 1): a local date 'YYYY-MM-DD' or month 'YYYY-MM' within
 * 1900-01-01..2199-12-31. Every date, month and timestamp a route accepts is checked against these bounds at
 * the edge (platform/http/validators.ts), so day arithmetic never sees year 9999 or '+010000-01-01'.
 *
 * Dates are counted as epoch days (days since 1970-01-01) with integer arithmetic on the proleptic
 * Gregorian calendar, not through `Date`: `Date.UTC` reads years 0-99 as 1900-1999, and
 * `toISOString()` writes years past 9999 as '+010000-...', which sorts before '9999-12-31'.
 */

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2199-12-31';
export const MIN_MONTH = '1900-01';
export const MAX_MONTH = '2199-12';
/** The instants a timestamp may name: [1900-01-01T00:00:00Z, 2200-01-01T00:00:00Z). */
export const MIN_INSTANT_MS = Date.UTC(MIN_YEAR, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(MAX_YEAR + 1, 0, 1) - 1;

/** How each type is described in a 400, so a caller sees the rule and the range in one line. */
export const DATE_RULE = `a date YYYY-MM-DD from ${MIN_DATE} to ${MAX_DATE}`;
export const MONTH_RULE = `a month YYYY-MM from ${MIN_MONTH} to ${MAX_MONTH}`;
export const TIMESTAMP_RULE = `an ISO-8601 timestamp from ${MIN_DATE}T00:00:00Z to ${MAX_DATE}T23:59:59Z`;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_SHAPE = /^(\d{4})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Epoch day of a civil date (H. Hinnant's days_from_civil; exact for every year of the proleptic calendar). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of an epoch day (days_from_civil inverted). */
function civilFromDays(epochDay: number): [number, number, number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The first and last epoch day a 'YYYY-MM-DD' string can spell (0000-01-01 and 9999-12-31). */
const FIRST_WRITABLE_DAY = daysFromCivil(0, 1, 1);
const LAST_WRITABLE_DAY = daysFromCivil(9999, 12, 31);
export const MIN_EPOCH_DAY = daysFromCivil(MIN_YEAR, 1, 1);
export const MAX_EPOCH_DAY = daysFromCivil(MAX_YEAR, 12, 31);

/**
 * The epoch day of a real date written 'YYYY-MM-DD' (any four-digit year), or null when the text is not
 * one: '2015-02-30', '2015-13-01' and '+010000-01-01' are not dates.
 */
export function parseEpochDay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = DATE_SHAPE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** 'YYYY-MM-DD' for an epoch day; a RangeError when the day has no four-digit year (never '+010000-...'). */
export function formatEpochDay(epochDay: number): string {
  if (!Number.isSafeInteger(epochDay) || epochDay < FIRST_WRITABLE_DAY || epochDay > LAST_WRITABLE_DAY)
    throw new RangeError(`epoch day ${epochDay} cannot be written as YYYY-MM-DD`);
  const [y, m, d] = civilFromDays(epochDay);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A real date 'YYYY-MM-DD' within 1900-01-01..2199-12-31: the one calendar-date type the API accepts. */
export function isCalendarDate(value: unknown): value is string {
  const day = parseEpochDay(value);
  return day !== null && day >= MIN_EPOCH_DAY && day <= MAX_EPOCH_DAY;
}

/** A month 'YYYY-MM' within 1900-01..2199-12. */
export function isCalendarMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = MONTH_SHAPE.exec(value);
  if (!m) return false;
  const [year, month] = [Number(m[1]), Number(m[2])];
  return month >= 1 && month <= 12 && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** An instant within the calendar range (for ISO-8601 timestamps once their syntax is checked). */
export function isInstantInRange(at: Date): boolean {
  const ms = at.getTime();
  return !Number.isNaN(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

/** The epoch day of a calendar date, or a RangeError (a programming error: the edge lets no other through). */
export function epochDayOf(date: string): number {
  const day = parseEpochDay(date);
  if (day === null || day < MIN_EPOCH_DAY || day > MAX_EPOCH_DAY)
    throw new RangeError(`${JSON.stringify(date)} is not ${DATE_RULE}`);
  return day;
}
