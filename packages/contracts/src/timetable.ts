/**
 * Timetable (issue 16 items 1-4): the bell schedule per weekday, each section's weekly grid (subject,
 * teacher, room per working day and period), a teacher's day, and one-day substitutions. A timetable
 * period number is the attendance register's period number.
 */

/** 0 = Sunday .. 6 = Saturday, as the attendance settings' weekly off days. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const BELL_SLOT_KINDS = ['period', 'break'] as const;
export type BellSlotKind = (typeof BELL_SLOT_KINDS)[number];

/** A slot of a day's bell schedule: a numbered period or a break, local HH:MM times. */
export interface BellSlot {
  kind: BellSlotKind;
  /** 1.. in order for periods (the register's period number); null for breaks. */
  period: number | null;
  label: string | null;
  start: string;
  end: string;
}

export interface BellDay {
  weekday: Weekday;
  slots: BellSlot[];
}

/** GET/PUT /timetable/settings: the bell schedule of each weekday taught, and each teacher's load limits. */
export interface TimetableSettings {
  days: BellDay[];
  /** null: no limit. */
  maxPeriodsPerDay: number | null;
  maxPeriodsPerWeek: number | null;
}

/** PUT body: slots without numbers (periods are numbered in order). */
export interface SaveTimetableSettings {
  days: {
    weekday: number;
    slots: { kind: BellSlotKind; label?: string | null; start: string; end: string }[];
  }[];
  maxPeriodsPerDay?: number | null;
  maxPeriodsPerWeek?: number | null;
}

export interface TimetableCellInput {
  weekday: number;
  period: number;
  subjectId: string;
  teacherUserId: string;
  room?: string | null;
}

export interface TimetableCell {
  id: string;
  sectionId: string;
  sectionName: string;
  weekday: Weekday;
  period: number;
  subjectId: string;
  subjectName: string;
  teacherUserId: string;
  teacherName: string;
  room: string | null;
}

export interface SectionTimetable {
  sectionId: string;
  sectionName: string;
  academicYearId: string;
  cells: TimetableCell[];
}

export interface TeacherTimetable {
  teacherUserId: string;
  teacherName: string;
  academicYearId: string;
  cells: TimetableCell[];
}

/** PUT /timetable/sections/:id: the section's whole grid, replaced in one transaction. */
export interface SaveSectionTimetable {
  cells: TimetableCellInput[];
}

export const TIMETABLE_CLASH_KINDS = [
  'teacher_double_booked',
  'room_double_booked',
  'teacher_not_assigned',
  'teacher_over_daily_max',
  'teacher_over_weekly_max',
  'no_such_period',
] as const;
export type TimetableClashKind = (typeof TIMETABLE_CLASH_KINDS)[number];

/** A 422's details carry one of these per clash (field: `cells.<i>`), besides `field` and `message`. */
export interface TimetableClash {
  kind: TimetableClashKind;
  weekday: number;
  period: number;
  sectionId: string;
  teacherUserId: string | null;
  room: string | null;
  /** The other section of a double booking. */
  otherSectionId: string | null;
  message: string;
}

/** One period of a teacher's day: their own, or one they cover for an absent colleague. */
export interface MyDayPeriod {
  period: number;
  start: string | null;
  end: string | null;
  sectionId: string;
  sectionName: string;
  subjectId: string;
  subjectName: string;
  room: string | null;
  /** Set when the caller covers this period as a substitute. */
  substitutionId: string | null;
  /** Set when the caller's own period is covered by someone else today. */
  coveredBy: string | null;
}

export interface MyDay {
  date: string;
  weekday: Weekday;
  workingDay: boolean;
  /** The school takes period-wise attendance: each period links to its register. */
  periodAttendance: boolean;
  periods: MyDayPeriod[];
}

export interface SubstituteCandidate {
  userId: string;
  name: string;
  /** Periods the candidate already teaches that day (timetable and substitutions). */
  periodsThatDay: number;
}

export interface AbsentTeacherPeriod {
  period: number;
  sectionId: string;
  sectionName: string;
  subjectId: string;
  subjectName: string;
  /** Free teachers, fewest periods that day first. */
  candidates: SubstituteCandidate[];
  /** The confirmed substitution of this period, if any. */
  substitution: SubstitutionView | null;
}

export interface SubstitutionProposal {
  date: string;
  absentTeacherUserId: string;
  periods: AbsentTeacherPeriod[];
}

export interface ConfirmSubstitution {
  date: string;
  absentTeacherUserId: string;
  period: number;
  substituteUserId: string;
}

export interface SubstitutionView {
  id: string;
  date: string;
  period: number;
  sectionId: string;
  subjectId: string;
  absentTeacherUserId: string;
  substituteUserId: string;
  substituteName: string;
  confirmedAt: string;
}
