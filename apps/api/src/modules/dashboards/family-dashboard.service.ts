import { Injectable } from '@nestjs/common';
import type { FamilyDashboard, FamilyDashboardChild } from '@shala/contracts';
import { AttendanceReportsService } from '../attendance/attendance-reports.service';
import { ResultsService } from '../exams/results.service';
import { FeesReportsService } from '../fees/fees-reports.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { StudentDirectory } from '../students/student-directory';
import { FamilyOnlyError } from './dashboards.errors';

/**
 * A card per child for a parent (a student: their own), each read through the same services as the
 * screens it links to: the attendance calendar, the dues, the published results. The caller's scope
 * names the children, so a family never sees anyone else's (AZ-03).
 */
@Injectable()
export class FamilyDashboardService {
  constructor(
    private readonly institution: CurrentInstitution,
    private readonly students: StudentDirectory,
    private readonly attendance: AttendanceReportsService,
    private readonly fees: FeesReportsService,
    private readonly results: ResultsService,
  ) {}

  async dashboard(): Promise<FamilyDashboard> {
    const scope = await this.students.scope();
    if (scope.kind !== 'students') throw new FamilyOnlyError();
    const [date, currency, directory, sections] = await Promise.all([
      this.institution.today(),
      this.institution.currency(),
      this.students.directory(scope.studentIds),
      this.students.sectionDirectory(),
    ]);
    const month = date.slice(0, 7);
    const children: FamilyDashboardChild[] = [];
    for (const studentId of scope.studentIds) {
      const entry = directory.get(studentId);
      if (!entry) continue;
      const section = entry.sectionId ? sections.get(entry.sectionId) : undefined;
      children.push({
        studentId,
        fullName: entry.fullName,
        admissionNo: entry.admissionNo,
        className: section?.className ?? null,
        sectionName: section?.sectionName ?? null,
        ...(await this.childCards(studentId, date, month)),
      });
    }
    children.sort((a, b) => a.fullName.localeCompare(b.fullName));
    return { date, month, currency, children };
  }

  private async childCards(
    studentId: string,
    date: string,
    month: string,
  ): Promise<
    Pick<FamilyDashboardChild, 'today' | 'month' | 'nextDue' | 'outstanding' | 'overdue' | 'latestResult'>
  > {
    const [calendar, dues, results] = await Promise.all([
      this.attendance.studentCalendar(studentId, `${month}-01`, date),
      this.fees.duesOf(studentId),
      this.results.studentResults(studentId),
    ]);
    const today = calendar.days.find((d) => d.date === date);
    const unpaid = dues.invoices
      .filter((i) => i.outstanding > 0)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
    const next = unpaid[0];
    const published = results.items.filter((r) => r.published);
    const latest = published.sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '')).at(-1);
    return {
      today: {
        status: today?.status ?? null,
        workingDay: today !== undefined,
        onLeave: today?.onLeave ?? false,
      },
      month: { workingDays: calendar.summary.workingDays, percent: calendar.summary.percent },
      nextDue: next
        ? { invoiceId: next.id, label: next.label, dueDate: next.dueDate, outstanding: next.outstanding }
        : null,
      outstanding: dues.outstanding,
      overdue: dues.overdue,
      latestResult: latest
        ? {
            termId: latest.termId,
            termName: latest.termName,
            percentage: latest.percentage,
            grade: latest.grade,
          }
        : null,
    };
  }
}
