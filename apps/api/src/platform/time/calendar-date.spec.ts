import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DATE,
  MAX_EPOCH_DAY,
  MIN_DATE,
  MIN_EPOCH_DAY,
  epochDayOf,
  formatEpochDay,
  isCalendarDate,
  isCalendarMonth,
  isInstantInRange,
  parseEpochDay,
} from './calendar-date';

/** A 'YYYY-MM-DD' for any four-digit year, written by Date (setUTCFullYear reads years 0-99 as written). */
function viaDate(year: number, month: number, day: number): { text: string; epochDay: number } {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  const text = `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  return { text, epochDay: Math.round(d.getTime() / 86_400_000) };
}

const anyWritableDate = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => viaDate(year, month, day));

describe('[APP-01] the calendar-date type', () => {
  it('counts epoch days exactly as Date does, for every four-digit year, and writes them back', () => {
    fc.assert(
      fc.property(anyWritableDate, ({ text, epochDay }) => {
        expect(parseEpochDay(text)).toBe(epochDay);
        expect(formatEpochDay(epochDay)).toBe(text);
      }),
    );
    expect(parseEpochDay('1970-01-01')).toBe(0);
    expect(formatEpochDay(MIN_EPOCH_DAY)).toBe(MIN_DATE);
    expect(formatEpochDay(MAX_EPOCH_DAY)).toBe(MAX_DATE);
  });

  it('accepts real dates from 1900-01-01 to 2199-12-31 and nothing else', () => {
    for (const ok of [MIN_DATE, MAX_DATE, '2000-02-29', '2026-11-20', '2196-02-29'])
      expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of [
      '1899-12-31',
      '2200-01-01',
      '9999-12-31',
      '0001-01-01',
      '0000-00-00',
      '+010000-01-01',
      '2100-02-29', // 2100 is not a leap year
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-1-1',
      ' 2026-01-01',
      '2026-01-01T00:00:00Z',
      20260101,
      null,
      undefined,
    ])
      expect(isCalendarDate(bad), String(bad)).toBe(false);
  });

  it('accepts months from 1900-01 to 2199-12 and nothing else', () => {
    for (const ok of ['1900-01', '2199-12', '2026-11']) expect(isCalendarMonth(ok), ok).toBe(true);
    for (const bad of [
      '9999-12',
      '0000-00',
      '1899-12',
      '2200-01',
      '2026-13',
      '2026-00',
      '2026-1',
      '+10000-01',
      202611,
    ])
      expect(isCalendarMonth(bad), String(bad)).toBe(false);
  });

  it('accepts instants within the calendar range only', () => {
    expect(isInstantInRange(new Date('1900-01-01T00:00:00Z'))).toBe(true);
    expect(isInstantInRange(new Date('2199-12-31T23:59:59.999Z'))).toBe(true);
    expect(isInstantInRange(new Date('1899-12-31T23:59:59.999Z'))).toBe(false);
    expect(isInstantInRange(new Date('2200-01-01T00:00:00Z'))).toBe(false);
    expect(isInstantInRange(new Date('not a date'))).toBe(false);
  });

  it('refuses to count a date outside the calendar (a programming error past the edge)', () => {
    expect(epochDayOf('2026-11-20')).toBe(parseEpochDay('2026-11-20'));
    for (const bad of ['9999-12-31', '1899-12-31', 'x']) expect(() => epochDayOf(bad)).toThrow(RangeError);
    expect(() => formatEpochDay(parseEpochDay('9999-12-31')! + 1)).toThrow(RangeError);
    expect(() => formatEpochDay(Number.NaN)).toThrow(RangeError);
  });
});
