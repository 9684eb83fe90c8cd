import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DATE, MIN_DATE } from './calendar-date';
import {
  MAX_DATES_BETWEEN,
  addDays,
  datesBetween,
  daysBetween,
  localDate,
  localTime,
  monthRange,
  weekdayOf,
} from './local-time';

const DAY_MS = 86_400_000;
const FIRST_MS = Date.UTC(1900, 0, 1);
const SPAN_DAYS = Math.round((Date.UTC(2199, 11, 31) - FIRST_MS) / DAY_MS);
/** The oracle: a date from `Date` (exact for four-digit years from 1900), not from the code under test. */
const dateAt = (offset: number) => new Date(FIRST_MS + offset * DAY_MS).toISOString().slice(0, 10);
/** Any calendar date 1900-01-01..2199-12-31, with its offset in days from 1900-01-01. */
const calendarDate = fc
  .integer({ min: 0, max: SPAN_DAYS })
  .map((offset) => ({ offset, date: dateAt(offset) }));
const YMD = /^\d{4}-\d{2}-\d{2}$/;

describe('local time', () => {
  it('reads the school day and wall-clock time in the institution time zone', () => {
    const at = new Date('2026-11-22T20:00:00Z'); // 01:30 on the 23rd in Kolkata
    expect(localDate('Asia/Kolkata', at)).toBe('2026-11-23');
    expect(localTime('Asia/Kolkata', at)).toBe('01:30');
    expect(localDate('UTC', at)).toBe('2026-11-22');
  });

  it('answers each time zone with its own date and time, in any order of calls', () => {
    const zones = ['Asia/Kolkata', 'America/Los_Angeles', 'UTC', 'Pacific/Kiritimati'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...zones), fc.integer({ min: 0, max: 4e12 }))),
        (calls) => {
          for (const [zone, ms] of calls) {
            const at = new Date(ms);
            const fresh = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);
            const wall = new Intl.DateTimeFormat('en-GB', {
              timeZone: zone,
              hour: '2-digit',
              minute: '2-digit',
              hourCycle: 'h23',
            }).format(at);
            expect(localDate(zone, at)).toBe(fresh);
            expect(localTime(zone, at)).toBe(wall);
          }
        },
      ),
    );
    expect(() => localDate('Mars/Olympus_Mons', new Date())).toThrow(RangeError);
  });

  it('walks dates and months across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29'); // 2000 is
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(monthRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(weekdayOf('2026-11-22')).toBe(0);
  });
});

describe('[APP-01] day arithmetic that cannot loop', () => {
  it('lists as many dates as the day difference plus one, each one day after the last', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: 0, max: MAX_DATES_BETWEEN - 1 }), (from, length) => {
        const to = dateAt(Math.min(SPAN_DAYS, from.offset + length));
        const dates = datesBetween(from.date, to);
        expect(dates.length).toBe(daysBetween(from.date, to) + 1);
        expect(dates[0]).toBe(from.date);
        expect(dates[dates.length - 1]).toBe(to);
        for (let i = 1; i < dates.length; i++) expect(dates[i]).toBe(dateAt(from.offset + i));
      }),
    );
  });

  it('lists nothing when the range ends before it starts', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, (a, b) => {
        fc.pre(a.offset > b.offset);
        expect(datesBetween(a.date, b.date)).toEqual([]);
      }),
    );
  });

  it('agrees with Date on adding days, round-trips, and counts the days it added', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -SPAN_DAYS, max: SPAN_DAYS }), (from, days) => {
        fc.pre(from.offset + days >= 0 && from.offset + days <= SPAN_DAYS);
        const later = addDays(from.date, days);
        expect(later).toBe(dateAt(from.offset + days));
        expect(addDays(later, -days)).toBe(from.date);
        expect(daysBetween(from.date, later)).toBe(days);
      }),
    );
  });

  it('never writes a date outside YYYY-MM-DD: past year 9999 or before year 0 it throws', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError); // once '+010000-01-01', sorted before 9999
    expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
    expect(addDays('2199-12-31', 1)).toBe('2200-01-01'); // an exclusive end past the range is still a date
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: -5_000_000, max: 5_000_000 }),
        (year, days) => {
          const from = `${String(year).padStart(4, '0')}-06-15`;
          try {
            expect(addDays(from, days)).toMatch(YMD);
          } catch (e) {
            expect(e).toBeInstanceOf(RangeError);
          }
        },
      ),
    );
    expect(() => addDays('not-a-date', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('stops at the bounds instead of walking past them: ranges outside the calendar or too long throw', () => {
    // The first line fails fast on the old string-comparing walk, before the walk itself could loop.
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    const started = Date.now();
    expect(datesBetween(MAX_DATE, MAX_DATE)).toEqual([MAX_DATE]);
    expect(datesBetween(MIN_DATE, MIN_DATE)).toEqual([MIN_DATE]);
    expect(datesBetween('2199-12-01', MAX_DATE)).toHaveLength(31);
    for (const [from, to] of [
      ['9999-12-31', '9999-12-31'],
      ['9999-12-30', '9999-12-31'],
      ['2026-11-20', '9999-12-30'],
      ['2199-12-31', '2200-01-01'],
      ['1899-12-31', '1900-01-01'],
      ['0001-01-01', '2026-01-01'],
      ['2026-01-01', '+010000-01-01'],
      [MIN_DATE, MAX_DATE], // in range, but far longer than the cap
    ] as const)
      expect(() => datesBetween(from, to), `${from}..${to}`).toThrow(RangeError);
    expect(datesBetween('2026-01-01', addDays('2026-01-01', MAX_DATES_BETWEEN - 1))).toHaveLength(
      MAX_DATES_BETWEEN,
    );
    expect(() => datesBetween('2026-01-01', addDays('2026-01-01', MAX_DATES_BETWEEN))).toThrow(RangeError);
    expect(() => datesBetween('2026-01-01', '2026-03-01', 31)).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives every calendar month its first and last day, and refuses months outside the calendar', () => {
    for (let year = 1900; year <= 2199; year++)
      for (let month = 1; month <= 12; month++) {
        const m = `${year}-${String(month).padStart(2, '0')}`;
        const { from, to } = monthRange(m);
        const next =
          month === 12 ? `${year + 1}-01-01` : `${m.slice(0, 5)}${String(month + 1).padStart(2, '0')}-01`;
        expect(from).toBe(`${m}-01`);
        expect(addDays(to, 1)).toBe(next);
      }
    for (const m of ['9999-12', '0000-00', '1899-12', '2200-01', '2026-13', '2026-00', '2026-1', '+10000-01'])
      expect(() => monthRange(m), m).toThrow(RangeError);
  });
});
