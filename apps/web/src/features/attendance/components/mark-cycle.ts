import { MARK_STATUSES, type MarkStatus, type RegisterRow } from '@shala/contracts';

/** One tap moves a student to the next status: present → absent → late → excused → half day → present. */
export function nextStatus(status: MarkStatus): MarkStatus {
  const index = MARK_STATUSES.indexOf(status);
  return MARK_STATUSES[(index + 1) % MARK_STATUSES.length] ?? 'present';
}

/** The key that sets a status directly (P, A, L, E, H), or null. */
export function statusForKey(key: string): MarkStatus | null {
  switch (key.toLowerCase()) {
    case 'p':
      return 'present';
    case 'a':
      return 'absent';
    case 'l':
      return 'late';
    case 'e':
      return 'excused';
    case 'h':
      return 'half_day';
    default:
      return null;
  }
}

/** What a row starts as: its saved mark, else excused for approved leave, else present. */
export function initialStatus(row: RegisterRow): MarkStatus {
  return row.status ?? (row.onLeave ? 'excused' : 'present');
}

export function countMarks(marks: Record<string, MarkStatus>) {
  const counts = { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: 0 };
  for (const status of Object.values(marks)) {
    counts.total += 1;
    if (status === 'half_day') counts.halfDay += 1;
    else counts[status] += 1;
  }
  return counts;
}
