import type { ErrorDetail } from '@shala/contracts';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { ATTENDANCE_STATUSES, AttendanceStatus } from './entities/attendance.entities';
import { SettingsView } from './school-calendar';

/** The register's period: 0 for daily attendance, 1 to periodsPerDay for period-wise attendance. */
export function checkPeriod(settings: SettingsView, period: number | undefined): number {
  if (settings.mode === 'daily') {
    if (period && period !== 0)
      throw new ValidationFailedError([
        { field: 'period', message: 'this institution takes daily attendance; leave period out' },
      ]);
    return 0;
  }
  if (!period || period < 1 || period > settings.periodsPerDay) {
    throw new ValidationFailedError([
      {
        field: 'period',
        message: `period-wise attendance: give a period from 1 to ${settings.periodsPerDay}`,
      },
    ]);
  }
  return period;
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set(ATTENDANCE_STATUSES);

/** Each student at most once, each status one of the known ones; every offending mark named. */
export function checkMarks(marks: { studentId: string; status: AttendanceStatus }[]): void {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  // A loop, not a flatMap: a 40-student register would build 40 empty arrays on every save.
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    if (seen.has(m.studentId)) details.push({ field: `marks.${i}.studentId`, message: 'appears twice' });
    else {
      seen.add(m.studentId);
      if (!KNOWN_STATUSES.has(m.status))
        details.push({
          field: `marks.${i}.status`,
          message: `must be one of ${ATTENDANCE_STATUSES.join(', ')}`,
        });
    }
  }
  if (details.length) throw new ValidationFailedError(details);
}
