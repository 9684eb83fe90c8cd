import { afterEach, describe, expect, it } from 'vitest';
import { formatMoney, formatSchoolDate as formatFeeDate } from '../features/fees/money';
import { formatBytes, formatDate, formatDateTime, formatNumber } from './format';
import { createI18n } from './i18n';
import { formatSchoolDate, weekdayName } from './school-date';

afterEach(() => {
  createI18n('en');
});

describe('formats in Indian conventions in both languages', () => {
  it('groups digits the Indian way, with the rupee sign, in English', () => {
    createI18n('en');
    expect(formatMoney(12_345_650, 'INR')).toBe('₹1,23,456.50');
    expect(formatNumber(1_234_567)).toBe('12,34,567');
  });

  it('groups digits the Indian way, with the rupee sign, in Hindi', () => {
    createI18n('hi');
    expect(formatMoney(12_345_650, 'INR')).toBe('₹1,23,456.50');
    expect(formatNumber(1_234_567)).toBe('12,34,567');
  });

  it('shows sizes in the largest unit, one decimal under ten', () => {
    createI18n('en');
    expect([0, 999, 1024, 1536, 340 * 1024, 5 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '999 B',
      '1.0 KB',
      '1.5 KB',
      '340 KB',
      '5.0 GB',
    ]);
  });

  it('follows a language change of the running app', async () => {
    const i18n = createI18n('en');
    expect(formatSchoolDate('2025-06-02')).toBe('2 Jun 2025');
    await i18n.changeLanguage('hi');
    expect(formatSchoolDate('2025-06-02')).toBe('2 जून 2025');
    expect(weekdayName('2025-06-02')).toBe('सोमवार');
    expect(formatFeeDate('2025-06-02')).toBe('2 जून 2025');
  });

  it("shows times in the school's time zone in either language", () => {
    createI18n('en');
    // 09:30 UTC is 3:00 pm in Kolkata.
    expect(formatDateTime('2025-06-02T09:30:00Z', 'Asia/Kolkata')).toBe('2 Jun 2025, 3:00 pm');
    expect(formatDate('2025-06-02T20:00:00Z', 'Asia/Kolkata')).toBe('3 Jun 2025');
    createI18n('hi');
    expect(formatDateTime('2025-06-02T09:30:00Z', 'Asia/Kolkata')).toBe('2 जून 2025, 3:00 pm');
  });
});
