import type { AttendanceCounts } from '@shala/contracts';
import { AttendanceStatus } from './entities/attendance.entities';

/** The day's or the range's marks counted by status (the wire type of @shala/contracts). */
export type Counts = AttendanceCounts;

export function countStatuses(statuses: AttendanceStatus[]): Counts {
  const c: Counts = { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: statuses.length };
  for (const s of statuses) {
    if (s === 'half_day') c.halfDay++;
    else c[s]++;
  }
  return c;
}

/**
 * Attendance rule: late counts as present, half-day as half, and excused days (approved leave) leave the
 * denominator. Returns a percentage with one decimal, or null when nothing counts.
 */
export function attendancePercent(c: Omit<Counts, 'total'>): number | null {
  const considered = c.present + c.absent + c.late + c.halfDay;
  if (considered === 0) return null;
  return Math.round(((c.present + c.late + c.halfDay * 0.5) / considered) * 1000) / 10;
}
