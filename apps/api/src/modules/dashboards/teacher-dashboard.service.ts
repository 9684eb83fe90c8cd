import { Injectable } from '@nestjs/common';
import type { TeacherDashboard } from '@shala/contracts';
import { AttendanceReportsService } from '../attendance/attendance-reports.service';
import { LeaveService } from '../attendance/leave.service';
import { MarksPendingService } from '../exams/marks-pending.service';
import { StudentDirectory } from '../students/student-directory';
import { RequestContext } from '../../platform/tenancy/request-context';
import { SubstitutionsService } from '../timetable/substitutions.service';
import { StaffOnlyDashboardError } from './dashboards.errors';

/** Longest pending-leave list the card counts (the leave list's own page). */
const LEAVE_LIST_LIMIT = 100;

/**
 * A teacher's morning: their sections' registers today (one tap to each) and the leave waiting for them,
 * both read exactly as the attendance screens read them, so the numbers match.
 */
@Injectable()
export class TeacherDashboardService {
  constructor(
    private readonly students: StudentDirectory,
    private readonly attendance: AttendanceReportsService,
    private readonly leave: LeaveService,
    private readonly marks: MarksPendingService,
    private readonly timetable: SubstitutionsService,
    private readonly context: RequestContext,
  ) {}

  async dashboard(): Promise<TeacherDashboard> {
    if ((await this.students.scope()).kind === 'students') throw new StaffOnlyDashboardError();
    const [day, pending] = await Promise.all([
      this.attendance.daySections(),
      this.leave.list('pending', LEAVE_LIST_LIMIT),
    ]);
    const marksPending = this.context.userId ? await this.marks.of(this.context.userId, day.date) : [];
    const timetable = await this.timetable.myDay(day.date);
    return {
      date: day.date,
      workingDay: day.workingDay,
      nonWorkingReason: day.nonWorkingReason,
      sections: day.sections.map((s) => ({
        sectionId: s.sectionId,
        className: s.className,
        sectionName: s.sectionName,
        marked: s.marked,
        present: s.counts.present + s.counts.late + s.counts.halfDay,
        total: s.counts.total,
        percent: s.percent,
      })),
      pendingLeave: pending.length,
      marksPending,
      timetable,
    };
  }
}
