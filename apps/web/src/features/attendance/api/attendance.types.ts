/** Local types of the attendance API until they move to @shala/contracts. */
export const MARK_STATUSES = ['present', 'absent', 'late', 'excused', 'half_day'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

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

export interface Register {
  sectionId: string;
  date: string;
  period: number | null;
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

export interface SaveRegisterResponse {
  sectionId: string;
  date: string;
  period: number | null;
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
  workingDay?: boolean;
  nonWorkingReason?: string | null;
  totals: AttendanceCounts;
  percent: number | null;
  sectionsMarked: number;
  sections: DaySummarySection[];
}

export interface UnmarkedSections {
  workingDay: boolean;
  nonWorkingReason: string | null;
  sections: { sectionId: string; className: string; sectionName: string }[];
}

export type DayLetter = 'P' | 'A' | 'L' | 'E' | 'H';

export interface SectionMonth {
  workingDays: string[];
  markedDays: string[] | number;
  rows: {
    studentId: string;
    fullName: string;
    admissionNo: string;
    rollNo: number | null;
    days: Record<string, DayLetter | null>;
    percent: number | null;
  }[];
}

export interface ChronicAbsentee {
  studentId: string;
  fullName: string;
  admissionNo: string;
  className: string;
  sectionName: string;
  percent: number;
}

export type LeaveStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface LeaveRequest {
  id: string;
  studentId: string;
  studentName: string;
  fromDate: string;
  toDate: string;
  reason: string;
  status: LeaveStatus;
  decidedBy: string | null;
  decisionNote: string | null;
}

export interface StudentCalendar {
  days: { date: string; status: MarkStatus | null; note: string | null; onLeave: boolean }[];
  summary: {
    workingDays: number;
    present: number;
    absent: number;
    late: number;
    excused: number;
    halfDay: number;
    total: number;
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
