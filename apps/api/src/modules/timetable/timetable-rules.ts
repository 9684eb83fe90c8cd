import type { TimetableClash } from '@shala/contracts';

/**
 * The timetable's clash rules as pure functions over plain cells, so the property tests can throw random
 * timetables at them (timetable-rules.spec.ts). The service feeds them the year's whole timetable with a
 * write applied, and refuses the write (422) when `clashesOf` names any clash of a written cell.
 */

export interface Cell {
  sectionId: string;
  weekday: number;
  period: number;
  subjectId: string;
  teacherUserId: string;
  room: string | null;
}

export interface Assignment {
  sectionId: string;
  subjectId: string;
  teacherUserId: string;
}

export interface Limits {
  maxPeriodsPerDay: number | null;
  maxPeriodsPerWeek: number | null;
}

/** The bell schedule's periods: weekday -> the period numbers taught that day. */
export type PeriodsByWeekday = ReadonlyMap<number, ReadonlySet<number>>;

const slotKey = (c: Pick<Cell, 'weekday' | 'period'>) => `${c.weekday}:${c.period}`;
/** A room name compared without case and surrounding space: "Lab 1" and "lab 1 " are one room. */
export const roomKey = (room: string | null): string | null => {
  const r = room?.trim().toLowerCase();
  return r ? r : null;
};

const clash = (
  kind: TimetableClash['kind'],
  cell: Cell,
  message: string,
  other: Cell | null = null,
): TimetableClash => ({
  kind,
  weekday: cell.weekday,
  period: cell.period,
  sectionId: cell.sectionId,
  teacherUserId: kind === 'room_double_booked' || kind === 'no_such_period' ? null : cell.teacherUserId,
  room: kind === 'room_double_booked' ? cell.room : null,
  otherSectionId: other?.sectionId ?? null,
  message,
});

/**
 * Every clash the cells `written` take part in, within `all` (the whole timetable after the write, which
 * includes `written`): a teacher or room in two sections in one period, a subject's teacher not assigned
 * to it in that section, a teacher above the day's or week's limit, a period the bell schedule lacks.
 * Clashes among cells not written are not reported (they were accepted under earlier rules).
 */
export function clashesOf(
  written: readonly Cell[],
  all: readonly Cell[],
  assignments: readonly Assignment[],
  limits: Limits,
  periods: PeriodsByWeekday,
): TimetableClash[] {
  const out: TimetableClash[] = [];
  const assigned = new Set(assignments.map((a) => `${a.sectionId}|${a.subjectId}|${a.teacherUserId}`));
  const bySlot = new Map<string, Cell[]>();
  const perDay = new Map<string, number>();
  const perWeek = new Map<string, number>();
  for (const c of all) {
    const k = slotKey(c);
    bySlot.set(k, [...(bySlot.get(k) ?? []), c]);
    const d = `${c.teacherUserId}|${c.weekday}`;
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
    perWeek.set(c.teacherUserId, (perWeek.get(c.teacherUserId) ?? 0) + 1);
  }
  for (const c of written) {
    if (!periods.get(c.weekday)?.has(c.period)) {
      out.push(
        clash('no_such_period', c, `The bell schedule has no period ${c.period} on weekday ${c.weekday}.`),
      );
      continue;
    }
    const same = (bySlot.get(slotKey(c)) ?? []).filter((o) => o.sectionId !== c.sectionId);
    const teacherOther = same.find((o) => o.teacherUserId === c.teacherUserId);
    if (teacherOther)
      out.push(
        clash(
          'teacher_double_booked',
          c,
          `Teacher ${c.teacherUserId} already teaches section ${teacherOther.sectionId} on weekday ${c.weekday}, period ${c.period}.`,
          teacherOther,
        ),
      );
    const room = roomKey(c.room);
    const roomOther = room === null ? undefined : same.find((o) => roomKey(o.room) === room);
    if (roomOther)
      out.push(
        clash(
          'room_double_booked',
          c,
          `Room ${c.room!.trim()} is already booked by section ${roomOther.sectionId} on weekday ${c.weekday}, period ${c.period}.`,
          roomOther,
        ),
      );
    if (!assigned.has(`${c.sectionId}|${c.subjectId}|${c.teacherUserId}`))
      out.push(
        clash(
          'teacher_not_assigned',
          c,
          `Teacher ${c.teacherUserId} is not assigned subject ${c.subjectId} in section ${c.sectionId} this year.`,
        ),
      );
    const day = perDay.get(`${c.teacherUserId}|${c.weekday}`) ?? 0;
    if (limits.maxPeriodsPerDay !== null && day > limits.maxPeriodsPerDay)
      out.push(
        clash(
          'teacher_over_daily_max',
          c,
          `Teacher ${c.teacherUserId} would teach ${day} periods on weekday ${c.weekday}; the limit is ${limits.maxPeriodsPerDay}.`,
        ),
      );
    const week = perWeek.get(c.teacherUserId) ?? 0;
    if (limits.maxPeriodsPerWeek !== null && week > limits.maxPeriodsPerWeek)
      out.push(
        clash(
          'teacher_over_weekly_max',
          c,
          `Teacher ${c.teacherUserId} would teach ${week} periods a week; the limit is ${limits.maxPeriodsPerWeek}.`,
        ),
      );
  }
  return out;
}

/** Every clash anywhere in a timetable (each cell counted as written): the property tests' oracle. */
export const allClashes = (
  all: readonly Cell[],
  assignments: readonly Assignment[],
  limits: Limits,
  periods: PeriodsByWeekday,
): TimetableClash[] => clashesOf(all, all, assignments, limits, periods);

/**
 * A section's cells after a write: `replace` swaps the section's whole grid, otherwise the written cells
 * take the place of the section's cells in the same weekday and period. Two written cells in one slot of
 * one section are the caller's mistake, named by index.
 */
export function applyWrite(
  existing: readonly Cell[],
  sectionId: string,
  written: readonly Cell[],
  replace: boolean,
): Cell[] {
  const slots = new Set(written.map(slotKey));
  const kept = existing.filter((c) => c.sectionId !== sectionId || (!replace && !slots.has(slotKey(c))));
  return [...kept, ...written];
}

/** Indexes of written cells repeating an earlier cell's weekday and period. */
export function duplicateSlots(written: readonly Pick<Cell, 'weekday' | 'period'>[]): number[] {
  const seen = new Set<string>();
  return written.flatMap((c, i) => {
    const k = slotKey(c);
    if (seen.has(k)) return [i];
    seen.add(k);
    return [];
  });
}

/**
 * Free teachers for an absent colleague's period, fewest periods that day first (then by name): teachers
 * not teaching in that period and not already covering it, and not the absent teacher.
 */
export function proposeSubstitutes<T extends { userId: string; name: string }>(
  teachers: readonly T[],
  busyInPeriod: ReadonlySet<string>,
  periodsThatDay: ReadonlyMap<string, number>,
  absentUserId: string,
): (T & { periodsThatDay: number })[] {
  return teachers
    .filter((t) => t.userId !== absentUserId && !busyInPeriod.has(t.userId))
    .map((t) => ({ ...t, periodsThatDay: periodsThatDay.get(t.userId) ?? 0 }))
    .sort((a, b) => a.periodsThatDay - b.periodsThatDay || a.name.localeCompare(b.name));
}

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
export const isHhMm = (v: unknown): v is string => typeof v === 'string' && HHMM.test(v);

export interface SlotInput {
  kind: 'period' | 'break';
  start: string;
  end: string;
}

/** Problems of one day's slots (start < end, HH:MM, no overlaps), each naming its field. */
export function bellDayProblems(
  slots: readonly SlotInput[],
  field: string,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  slots.forEach((s, i) => {
    if (!isHhMm(s.start))
      problems.push({ field: `${field}.${i}.start`, message: 'must be HH:MM (00:00-23:59)' });
    if (!isHhMm(s.end)) problems.push({ field: `${field}.${i}.end`, message: 'must be HH:MM (00:00-23:59)' });
    if (isHhMm(s.start) && isHhMm(s.end) && s.start >= s.end)
      problems.push({ field: `${field}.${i}.end`, message: 'must be after start' });
  });
  if (problems.length) return problems;
  const order = slots.map((s, i) => ({ ...s, i })).sort((a, b) => a.start.localeCompare(b.start));
  for (let k = 1; k < order.length; k++)
    if (order[k]!.start < order[k - 1]!.end)
      problems.push({
        field: `${field}.${order[k]!.i}.start`,
        message: `overlaps slot ${order[k - 1]!.i} (${order[k - 1]!.start}-${order[k - 1]!.end})`,
      });
  return problems;
}
