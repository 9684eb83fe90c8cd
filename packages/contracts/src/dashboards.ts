import type { MyDay } from './timetable';
/**
 * Role dashboards (issue 14 item 1): each answers one person's first question of the morning. Every
 * number equals the list its card links to (the same filters, the same scope); money is in minor units
 * of `currency`. A card the caller lacks the permission for is `null`, never zero.
 */
import type { HealthStatus } from './api';
import type { MarkStatus } from './attendance';
import type { PaymentMethod } from './fees';

/** The school as a whole, for admins: each card links to its list. */
export interface AdminDashboard {
  /** The institution's local date the numbers are for. */
  date: string;
  /** The month (YYYY-MM) of `date`, for this month's collections. */
  month: string;
  currency: string;
  /** Active students: GET /students?status=active (students.read). */
  students: { active: number } | null;
  /** Today's attendance: GET /attendance/summary and /attendance/unmarked (attendance.read). */
  attendance: {
    workingDay: boolean;
    percent: number | null;
    sectionsMarked: number;
    sectionsUnmarked: number;
    /**
     * The last working day before today with its percentage (GET /attendance/summary?date=), given when
     * today has no figure yet: a weekly off, a holiday, or nothing marked so far. Null otherwise, or when the
     * year has no earlier working day.
     */
    previous: { date: string; percent: number | null } | null;
  } | null;
  /**
   * Completed payments (GET /fees/payments?status=completed&from=&to=) today and this month, and dues
   * overdue as the defaulters report counts them (GET /fees/defaulters) (fees.read).
   */
  fees: {
    collectedToday: number;
    paymentsToday: number;
    collectedThisMonth: number;
    paymentsThisMonth: number;
    overdueStudents: number;
    overdueAmount: number;
  } | null;
  /** Leave requests awaiting a decision: GET /attendance/leave-requests?status=pending (attendance.read). */
  leave: { pending: number } | null;
  /**
   * Messages given up on after every attempt, which need someone to fix a channel or an address:
   * GET /notifications/dead-letters (notifications.manage). A failed attempt that will be retried is not one.
   */
  messages: { undelivered: number } | null;
}

/** One of a teacher's sections today: marked or not, and how many are present. */
export interface TeacherDashboardSection {
  sectionId: string;
  className: string;
  sectionName: string;
  marked: boolean;
  present: number;
  total: number;
  percent: number | null;
}

/** A teacher's morning: their sections' registers today and the leave waiting for them. */
/** A marks sheet the teacher still owes: the section has sat the paper and the sheet is not submitted. */
export interface TeacherMarksPending {
  assessmentId: string;
  assessmentName: string;
  paperId: string;
  subjectId: string;
  subjectName: string;
  sectionId: string;
  /** "Class 5 A". */
  sectionName: string;
  /** Nothing entered yet, or entered and not submitted. */
  status: 'pending' | 'entered';
}
export interface TeacherDashboard {
  date: string;
  workingDay: boolean;
  nonWorkingReason: string | null;
  sections: TeacherDashboardSection[];
  /** Pending leave requests of students in the teacher's sections (GET /attendance/leave-requests?status=pending). */
  pendingLeave: number;
  /** Marks sheets of the subjects they teach whose exam is over and that are not submitted (GET /exams/assessments/{id}/progress). */
  marksPending: TeacherMarksPending[];
  /** My timetable today (GET /timetable/my-day): each period links to its register when period-wise. */
  timetable: MyDay;
}

/** One child's card for a family (or a student's own). */
export interface FamilyDashboardChild {
  studentId: string;
  fullName: string;
  admissionNo: string;
  className: string | null;
  sectionName: string | null;
  /** Today's daily mark (null: not marked yet, or not a working day). */
  today: { status: MarkStatus | null; workingDay: boolean; onLeave: boolean };
  /** This month up to today (GET /attendance/students/{id}/calendar). */
  month: { workingDays: number; percent: number | null };
  /** The earliest unpaid invoice (GET /fees/students/{id}/dues). */
  nextDue: { invoiceId: string; label: string; dueDate: string; outstanding: number } | null;
  outstanding: number;
  overdue: number;
  /** The latest published term result (GET /exams/students/{id}/results). */
  latestResult: { termId: string; termName: string; percentage: number | null; grade: string | null } | null;
}

export interface FamilyDashboard {
  date: string;
  month: string;
  currency: string;
  children: FamilyDashboardChild[];
}

/** Collections grouped by payment method or by the cashier who received them. */
export interface DayCloseGroup {
  key: string;
  label: string;
  amount: number;
  count: number;
}

/** An accountant's morning: today's collections and what is overdue. */
export interface AccountantDashboard {
  date: string;
  currency: string;
  collectedToday: number;
  paymentsToday: number;
  byMethod: DayCloseGroup[];
  byCashier: DayCloseGroup[];
  overdueStudents: number;
  overdueAmount: number;
}

/** One payment on the day-close report. */
export interface DayClosePayment {
  paymentId: string;
  receiptNo: string;
  studentId: string;
  fullName: string;
  admissionNo: string;
  method: PaymentMethod;
  reference: string | null;
  amount: number;
  status: 'completed' | 'reversed';
  cashier: string | null;
}

/** The day's takings, for the cash drawer and the bank deposit (GET /fees/day-close). */
export interface DayCloseReport {
  date: string;
  currency: string;
  institutionName: string;
  /** Completed payments only; reversed ones are listed but not counted. */
  collected: number;
  payments: number;
  reversedAmount: number;
  reversedCount: number;
  byMethod: DayCloseGroup[];
  byCashier: DayCloseGroup[];
  items: DayClosePayment[];
}

/** One school, as the platform operator sees it (no student data: counts only, TEN-05). */
export interface OperatorSchoolRow {
  id: string;
  slug: string;
  name: string;
  status: string;
  students: number;
  users: number;
  /** The latest audit event's time, or null for a school nobody has used. */
  lastActivityAt: string | null;
  /**
   * Estimated bytes of the school's data (its rows' share of every tenant table's data and indexes),
   * measured once a day by the background job; null before the first measurement.
   */
  storageBytes: number | null;
  /** The school's local date of that measurement, or null. */
  storageMeasuredOn: string | null;
}

/** The operator's morning: the system's health and every school. Operators only. */
export interface OperatorDashboard {
  system: HealthStatus;
  schools: OperatorSchoolRow[];
}
