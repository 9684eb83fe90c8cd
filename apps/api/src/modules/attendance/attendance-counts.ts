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
 * The days a percentage is made of. Attendance rule: late counts as present, half-day as half, and excused
 * days (approved leave) leave the denominator, as do days not marked. `attended` may end in .5.
 */
export function attendanceBasis(c: Omit<Counts, 'total'>): { attended: number; counted: number } {
  return {
    attended: c.present + c.late + c.halfDay * 0.5,
    counted: c.present + c.absent + c.late + c.halfDay,
  };
}

/** `attended` of `counted` as a percentage with one decimal, or null when nothing counts. */
export function attendancePercent(c: Omit<Counts, 'total'>): number | null {
  const { attended, counted } = attendanceBasis(c);
  if (counted === 0) return null;
  return Math.round((attended / counted) * 1000) / 10;
}
