import { Injectable } from '@nestjs/common';
import { DefaultRole, type LeaveRequestView } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../../platform/errors/domain-error';
import { Clock } from '../../platform/time/clock';
import { addDays, daysBetween } from '../../platform/time/local-time';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import { AttendanceErrorCode } from './attendance.errors';
import {
  AttendanceMarksRepository,
  DaySummariesRepository,
  LeaveRequestsRepository,
} from './attendance.repository';
import { countStatuses } from './attendance-counts';
import { LeaveRequest, LeaveStatus } from './entities/attendance.entities';
import { SchoolCalendar } from './school-calendar';

export const MAX_LEAVE_DAYS = 60;

type LeaveView = LeaveRequestView;

/**
 * Leave: a parent asks for a child over a range of days; the class teacher (or a teacher of the section, or
 * an admin) approves or rejects; approved leave turns the child's absences in the range into excused days.
 */
@Injectable()
export class LeaveService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly students: StudentDirectory,
    private readonly calendar: SchoolCalendar,
    private readonly leave: LeaveRequestsRepository,
    private readonly marks: AttendanceMarksRepository,
    private readonly summaries: DaySummariesRepository,
    private readonly audit: AuditService,
  ) {}

  private async views(rows: LeaveRequest[]): Promise<LeaveView[]> {
    const names = await this.students.directory([...new Set(rows.map((r) => r.studentId))]);
    return rows.map((r) => ({
      id: r.id,
      studentId: r.studentId,
      studentName: names.get(r.studentId)?.fullName ?? '',
      fromDate: r.fromDate,
      toDate: r.toDate,
      reason: r.reason,
      status: r.status,
      requestedBy: r.requestedBy,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionNote: r.decisionNote,
    }));
  }

  async request(input: {
    studentId: string;
    fromDate: string;
    toDate: string;
    reason: string;
  }): Promise<LeaveView> {
    await this.students.visible(input.studentId);
    // The span is counted, never walked: the ends are calendar dates (checked at the edge), the length capped.
    const span = daysBetween(input.fromDate, input.toDate);
    if (span < 0)
      throw new ValidationFailedError([{ field: 'toDate', message: 'must be on or after fromDate' }]);
    if (span + 1 > MAX_LEAVE_DAYS)
      throw new ValidationFailedError([
        { field: 'toDate', message: `a request covers at most ${MAX_LEAVE_DAYS} days` },
      ]);
    const { today } = await this.calendar.localNow();
    if (input.fromDate < addDays(today, -30))
      throw new RuleViolationError('Leave can be asked for at most 30 days after the fact.', 'LEAVE_TOO_OLD');
    return this.db.transaction(async () => {
      if ((await this.leave.overlapping(input.studentId, input.fromDate, input.toDate)).length) {
        throw new ConflictError(
          'A pending or approved request already covers some of these days.',
          AttendanceErrorCode.OverlappingLeave,
        );
      }
      const id = uuidv7();
      await this.leave.add({
        id,
        studentId: input.studentId,
        fromDate: input.fromDate,
        toDate: input.toDate,
        reason: input.reason.trim(),
        status: 'pending',
        requestedBy: this.context.userId!,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      });
      await this.audit.record({
        action: 'attendance.leave_request',
        targetType: 'student',
        targetId: input.studentId,
        details: { leaveId: id, from: input.fromDate, to: input.toDate },
      });
      return (await this.views([(await this.leave.byId(id))!]))[0]!;
    });
  }

  /** Requests the caller may see: their children's (parent), their sections' (teacher), or all (staff). */
  async list(status?: LeaveStatus, limit = 100): Promise<LeaveView[]> {
    const scope = await this.students.scope();
    if (scope.kind === 'all') return this.views(await this.leave.list({ status }, limit));
    if (scope.kind === 'students')
      return this.views(await this.leave.list({ studentIds: scope.studentIds, status }, limit));
    const ids = (await Promise.all(scope.sectionIds.map((s) => this.students.roster(s))))
      .flat()
      .map((r) => r.studentId);
    return this.views(await this.leave.list({ studentIds: ids, status }, limit));
  }

  private async visibleRequest(id: string): Promise<LeaveRequest> {
    const request = await this.leave.byId(id);
    if (!request) throw new NotFoundError('The leave request');
    const scope = await this.students.scope();
    if (scope.kind === 'students' && !scope.studentIds.includes(request.studentId))
      throw new NotFoundError('The leave request');
    if (scope.kind === 'sections') {
      const section = await this.students.currentSectionOf(request.studentId);
      if (!section || !scope.sectionIds.includes(section)) throw new NotFoundError('The leave request');
    }
    return request;
  }

  async decide(id: string, decision: 'approved' | 'rejected', note?: string): Promise<LeaveView> {
    const request = await this.visibleRequest(id);
    if (this.context.roles.includes(DefaultRole.Parent) && !this.context.roles.includes(DefaultRole.Teacher))
      throw new NotFoundError('The leave request');
    return this.db.transaction(async () => {
      const at = this.clock.now();
      if (
        (await this.leave.decide(id, {
          status: decision,
          decidedBy: this.context.userId,
          decidedAt: at,
          decisionNote: note?.trim() || null,
        })) !== 1
      ) {
        throw new RuleViolationError(
          `This request was already ${request.status}.`,
          AttendanceErrorCode.NotPending,
        );
      }
      let excused = 0;
      if (decision === 'approved') {
        const absences = await this.marks.absentInRange(request.studentId, request.fromDate, request.toDate);
        if (absences.length) {
          await this.marks.upsertMany(
            absences.map(({ tenantId: _tenant, ...m }) => ({
              ...m,
              status: 'excused' as const,
              source: 'leave',
              markedBy: this.context.userId,
              updatedAt: at,
            })),
          );
          for (const m of absences) {
            const all = await this.marks.forSectionOnDay(m.sectionId, m.date, m.period);
            await this.summaries.write({
              date: m.date,
              sectionId: m.sectionId,
              period: m.period,
              ...countStatuses(all.map((x) => x.status)),
              markedBy: this.context.userId,
              markedAt: at,
            });
          }
          excused = absences.length;
        }
      }
      await this.audit.record({
        action: `attendance.leave_${decision === 'approved' ? 'approve' : 'reject'}`,
        targetType: 'student',
        targetId: request.studentId,
        details: { leaveId: id, excusedMarks: excused, note: note ?? null },
      });
      return (await this.views([(await this.leave.byId(id))!]))[0]!;
    });
  }

  async cancel(id: string): Promise<LeaveView> {
    const request = await this.visibleRequest(id);
    if (request.requestedBy !== this.context.userId) throw new NotFoundError('The leave request');
    return this.db.transaction(async () => {
      if (
        (await this.leave.decide(id, {
          status: 'cancelled',
          decidedBy: this.context.userId,
          decidedAt: this.clock.now(),
          decisionNote: null,
        })) !== 1
      ) {
        throw new RuleViolationError(
          `This request was already ${request.status}.`,
          AttendanceErrorCode.NotPending,
        );
      }
      await this.audit.record({
        action: 'attendance.leave_cancel',
        targetType: 'student',
        targetId: request.studentId,
        details: { leaveId: id },
      });
      return (await this.views([(await this.leave.byId(id))!]))[0]!;
    });
  }
}
