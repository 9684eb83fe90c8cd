/** Request and response bodies of attendance (/api/v1/attendance): registers, reports, leave, settings. */

export const MARK_STATUSES = ['present', 'absent', 'late', 'excused', 'half_day'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

/** How many of a group were marked each way; `total` counts every mark. */
export interface AttendanceCounts {
  present: number;
  absent: number;
  late: number;
  excused: number;
  halfDay: number;
  total: number;
}

export interface RegisterRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
  status: MarkStatus | null;
  note: string | null;
  source: string | null;
  onLeave: boolean;
}

/** GET attendance/sections/:sectionId/days/:date. `period` is 0 in daily mode. */
export interface RegisterView {
  sectionId: string;
  date: string;
  period: number;
  workingDay: boolean;
  nonWorkingReason: string | null;
  locked: boolean;
  marked: boolean;
  rows: RegisterRow[];
  summary: AttendanceCounts;
}

export interface SaveRegisterRequest {
  marks: { studentId: string; status: MarkStatus; note?: string }[];
  period?: number;
  subjectId?: string;
  reason?: string;
}

/** What a save answers: the day's counts after it, without echoing the register back. */
export interface SaveRegisterResult {
  sectionId: string;
  date: string;
  period: number;
  locked: boolean;
  changed: number;
  override: boolean;
  summary: AttendanceCounts;
}

export interface DaySummarySection {
  sectionId: string;
  className: string;
  sectionName: string;
  marked: boolean;
  counts: AttendanceCounts;
  percent: number | null;
  absentees: { studentId: string; fullName: string; note: string | null }[];
}

export interface DaySummary {
  date: string;
  /** False on a weekly off, a holiday or outside the academic year: nothing counts that day. */
  workingDay: boolean;
  nonWorkingReason: string | null;
  totals: AttendanceCounts;
  percent: number | null;
  sectionsMarked: number;
  sections: DaySummarySection[];
}

export interface UnmarkedSections {
  date: string;
  workingDay: boolean;
  nonWorkingReason: string | null;
  sections: { sectionId: string; className: string; sectionName: string }[];
}

/** One letter per day in the month register: present, absent, late, excused, half day. */
export type DayLetter = 'P' | 'A' | 'L' | 'E' | 'H';

export interface SectionMonthRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
  days: Record<string, DayLetter | null>;
  counts: AttendanceCounts;
  percent: number | null;
}

export interface SectionMonth {
  sectionId: string;
  month: string;
  workingDays: string[];
  /** How many working days have at least one mark. */
  markedDays: number;
  rows: SectionMonthRow[];
}

export interface ChronicAbsentee {
  studentId: string;
  fullName: string;
  admissionNo: string;
  className: string | null;
  sectionName: string | null;
  sectionId: string | null;
  counts: Omit<AttendanceCounts, 'total'>;
  percent: number | null;
}

export interface ChronicAbsenteesReport {
  from: string;
  to: string;
  threshold: number;
  items: ChronicAbsentee[];
  nextCursor: string | null;
}

export type LeaveStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface LeaveRequestView {
  id: string;
  studentId: string;
  studentName: string;
  fromDate: string;
  toDate: string;
  reason: string;
  status: LeaveStatus;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface StudentCalendar {
  studentId: string;
  from: string;
  to: string;
  days: { date: string; status: MarkStatus | null; note: string | null; onLeave: boolean }[];
  summary: AttendanceCounts & {
    workingDays: number;
    /** The days the percentage is over: working days marked present, late, half day or absent. */
    countedDays: number;
    /** Of those, the days attended: late counts as present, a half day as half (may end in .5). */
    attendedDays: number;
    percent: number | null;
  };
}

export type AttendanceMode = 'daily' | 'period';

export interface AttendanceSettings {
  mode: AttendanceMode;
  periodsPerDay: number;
  /** Local time HH:MM after which a day is locked. */
  cutoffTime: string;
  /** Weekdays off, 0 = Sunday .. 6 = Saturday. */
  weeklyOffDays: number[];
  chronicThresholdPercent: number;
}

/** PUT attendance/settings: only the fields sent change. */
export type AttendanceSettingsUpdate = Partial<AttendanceSettings>;

export interface Holiday {
  id: string;
  date: string;
  name: string;
}
