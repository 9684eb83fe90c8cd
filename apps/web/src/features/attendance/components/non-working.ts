import { useAttendanceText } from '../i18n';
import { weekdayName } from '../../../app/school-date';

/**
 * The API's reason a date is not a working day ('weekly off', 'holiday: Diwali', 'outside the academic
 * year 2026-27'), as a sentence part people read; anything else is shown as it came.
 */
export function useNonWorkingText(): (date: string, reason: string | null) => string {
  const t = useAttendanceText();
  return (date, reason) => {
    if (!reason) return '';
    if (reason === 'weekly off') {
      return t('marking.reasons.weeklyOff', { weekday: weekdayName(date) });
    }
    const holiday = /^holiday: (.+)$/.exec(reason);
    if (holiday) return t('marking.reasons.holiday', { name: holiday[1] ?? '' });
    const outside = /^outside the academic year (.+)$/.exec(reason);
    if (outside) return t('marking.reasons.outsideYear', { year: outside[1] ?? '' });
    return reason;
  };
}
