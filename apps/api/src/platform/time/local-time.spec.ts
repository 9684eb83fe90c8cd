import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, localDate, localTime, monthRange, weekdayOf } from './local-time';

describe('local time', () => {
  it('reads the school day and wall-clock time in the institution time zone', () => {
    const at = new Date('2026-11-22T20:00:00Z'); // 01:30 on the 23rd in Kolkata
    expect(localDate('Asia/Kolkata', at)).toBe('2026-11-23');
    expect(localTime('Asia/Kolkata', at)).toBe('01:30');
    expect(localDate('UTC', at)).toBe('2026-11-22');
  });

  it('walks dates and months across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(monthRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(weekdayOf('2026-11-22')).toBe(0);
  });
});
