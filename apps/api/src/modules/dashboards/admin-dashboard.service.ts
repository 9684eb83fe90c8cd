import { Injectable } from '@nestjs/common';
import { type AdminDashboard, Permission } from '@shala/contracts';
import { RequestContext } from '../../platform/tenancy/request-context';
import { LeaveRequestsRepository } from '../attendance/attendance.repository';
import { AttendanceReportsService } from '../attendance/attendance-reports.service';
import { SchoolCalendar } from '../attendance/school-calendar';
import { addDays } from '../../platform/time/local-time';
import { FeeInvoicesRepository, FeePaymentsRepository } from '../fees/fees.repository';
import { CurrentInstitution } from '../institutions/current-institution';
import { OutboxRepository } from '../notifications/outbox.repository';
import { StudentDirectory } from '../students/student-directory';
import { SchoolWideOnlyError } from './dashboards.errors';

/**
 * The admin's morning, one card per question, each a single indexed statement (or the summary table the
 * list itself reads), and each equal to the list it links to. A card needs the permission of its list;
 * without it the card is null.
 */
@Injectable()
export class AdminDashboardService {
  constructor(
    private readonly context: RequestContext,
    private readonly institution: CurrentInstitution,
    private readonly students: StudentDirectory,
    private readonly attendance: AttendanceReportsService,
    private readonly calendar: SchoolCalendar,
    private readonly leave: LeaveRequestsRepository,
    private readonly payments: FeePaymentsRepository,
    private readonly invoices: FeeInvoicesRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  private can(permission: Permission): boolean {
    return this.context.permissions.includes(permission);
  }

  async dashboard(): Promise<AdminDashboard> {
    if ((await this.students.scope()).kind !== 'all') throw new SchoolWideOnlyError();
    const [date, currency] = await Promise.all([this.institution.today(), this.institution.currency()]);
    const month = date.slice(0, 7);
    const [students, attendance, fees, leave, messages] = await Promise.all([
      this.can(Permission.StudentsRead) ? this.studentsCard() : null,
      this.can(Permission.AttendanceRead) ? this.attendanceCard(date) : null,
      this.can(Permission.FeesRead) ? this.feesCard(date, month) : null,
      this.can(Permission.AttendanceRead) ? this.leave.countWithStatus('pending') : null,
      this.can(Permission.NotificationsManage) ? this.outbox.countWithStatus('dead') : null,
    ]);
    return {
      date,
      month,
      currency,
      students,
      attendance,
      fees,
      leave: leave === null ? null : { pending: leave },
      messages: messages === null ? null : { undelivered: messages },
    };
  }

  private async studentsCard(): Promise<AdminDashboard['students']> {
    return { active: await this.students.countWithStatus('active') };
  }

  /** From the per-section day summaries, as GET /attendance/summary and /attendance/unmarked read them. */
  private async attendanceCard(date: string): Promise<AdminDashboard['attendance']> {
    const day = await this.attendance.dayFigures(date);
    return {
      ...day,
      previous: day.workingDay && day.percent !== null ? null : await this.previousDay(date),
    };
  }

  /** The last working day in the month before `date`, and its figure (Monday morning shows Saturday's). */
  private async previousDay(date: string): Promise<{ date: string; percent: number | null } | null> {
    const previous = (await this.calendar.workingDays(addDays(date, -31), addDays(date, -1))).at(-1);
    if (!previous) return null;
    return { date: previous, percent: (await this.attendance.dayFigures(previous)).percent };
  }

  private async feesCard(date: string, month: string): Promise<AdminDashboard['fees']> {
    const [today, thisMonth, overdue] = await Promise.all([
      this.payments.completedTotals(date, date),
      this.payments.completedTotals(`${month}-01`, date),
      this.invoices.overdueTotals(date),
    ]);
    return {
      collectedToday: today.amount,
      paymentsToday: today.count,
      collectedThisMonth: thisMonth.amount,
      paymentsThisMonth: thisMonth.count,
      overdueStudents: overdue.students,
      overdueAmount: overdue.amount,
    };
  }
}
