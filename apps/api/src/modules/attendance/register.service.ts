import { Injectable } from '@nestjs/common';
import { Permission, type RegisterView, type SaveRegisterResult } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, RuleViolationError, ValidationFailedError } from '../../platform/errors/domain-error';
import { Clock } from '../../platform/time/clock';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import { AbsenceAlerts } from './absence-alerts';
import { Counts, countStatuses } from './attendance-counts';
import {
  AttendanceErrorCode,
  NonWorkingDayError,
  NotSubjectTeacherError,
  OverrideNotPermittedError,
} from './attendance.errors';
import {
  AttendanceMarksRepository,
  DaySummariesRepository,
  LeaveRequestsRepository,
} from './attendance.repository';
import { AttendanceMark, AttendanceStatus } from './entities/attendance.entities';
import { RegisterCover } from './register-cover';
import { checkMarks, checkPeriod } from './register-rules';
import { SchoolCalendar, SettingsView } from './school-calendar';

export interface MarkInput {
  studentId: string;
  status: AttendanceStatus;
  note?: string | null;
}

/**
 * A section's register: a teacher sees it and saves it whole in one idempotent transaction; after the
 * institution's cut-off a change needs the override permission and a reason and is audited with before
 * and after; approved leave shows as excused. The school calendar says which days count and when they lock.
 */
/** Section-days whose summary row this process has seen (the oldest are forgotten first). */
const KNOWN_DAYS_MAX = 20_000;

@Injectable()
export class RegisterService {
  /** Section-days (tenant, section, date, period) known to have their summary row: a hint, never trusted. */
  private readonly knownDays = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly calendar: SchoolCalendar,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly marks: AttendanceMarksRepository,
    private readonly summaries: DaySummariesRepository,
    private readonly leave: LeaveRequestsRepository,
    private readonly audit: AuditService,
    private readonly absenceAlerts: AbsenceAlerts,
    private readonly cover: RegisterCover,
  ) {}

  /**
   * The caller may take attendance in this section: staff everywhere, teachers in the sections they teach,
   * and a substitute in the period they cover on that date only (`period` given: a period register).
   * Answers whether the caller is there as that substitute.
   */
  async requireSection(sectionId: string, date?: string, period?: number): Promise<boolean> {
    await this.academics.section(sectionId);
    const scope = await this.students.scope();
    if (scope.kind === 'all') return false;
    if (scope.kind === 'sections' && scope.sectionIds.includes(sectionId)) return false;
    if (
      scope.kind === 'sections' &&
      date !== undefined &&
      period !== undefined &&
      (await this.cover.covers(this.context.userId, sectionId, date, period))
    )
      return true;
    throw new NotFoundError('The section');
  }

  /**
   * Period-wise attendance may name the period's subject: it must be taught in the section this year, and
   * a teacher marks only a subject they teach there (the class teacher marks any period). Daily attendance
   * takes no subject.
   */
  private async checkSubject(
    settings: SettingsView,
    sectionId: string,
    subjectId: string | null | undefined,
    substitute = false,
  ): Promise<string | null> {
    if (!subjectId) return null;
    if (settings.mode === 'daily')
      throw new ValidationFailedError([
        { field: 'subjectId', message: 'this institution takes daily attendance; leave subjectId out' },
      ]);
    const assignment = (await this.academics.currentAssignments()).find(
      (a) => a.sectionId === sectionId && a.subjectId === subjectId,
    );
    if (!assignment)
      throw new RuleViolationError(
        'That subject is not taught in this section this year.',
        AttendanceErrorCode.SubjectNotInSection,
        [{ field: 'subjectId', message: 'not taught in this section this year' }],
      );
    if (!substitute && (await this.students.scope()).kind === 'sections') {
      const userId = this.context.userId;
      const section = await this.academics.section(sectionId);
      if (section.classTeacherUserId !== userId && assignment.teacherUserId !== userId)
        throw new NotSubjectTeacherError();
    }
    return subjectId;
  }

  async register(sectionId: string, date: string, period?: number): Promise<RegisterView> {
    await this.requireSection(sectionId, date, period);
    const settings = await this.calendar.settings();
    const p = checkPeriod(settings, period);
    return this.registerView(sectionId, date, p, settings);
  }

  private async registerView(
    sectionId: string,
    date: string,
    period: number,
    settings: SettingsView,
  ): Promise<RegisterView> {
    const roster = await this.students.roster(sectionId);
    const ids = roster.map((r) => r.studentId);
    const [marks, leaves, reason, locked] = await Promise.all([
      this.marks.forStudentsOnDay(ids, date, period),
      this.leave.approvedCovering(ids, date),
      this.calendar.nonWorkingReason(date, settings),
      this.calendar.isLocked(date, settings),
    ]);
    const byStudent = new Map(marks.map((m) => [m.studentId, m]));
    const onLeave = new Set(leaves.map((l) => l.studentId));
    const rows = roster.map((r) => {
      const m = byStudent.get(r.studentId);
      return {
        ...r,
        status: m?.status ?? null,
        note: m?.note ?? null,
        source: m?.source ?? null,
        onLeave: onLeave.has(r.studentId),
      };
    });
    return {
      sectionId,
      date,
      period,
      workingDay: reason === null,
      nonWorkingReason: reason,
      locked,
      marked: marks.length > 0,
      rows,
      summary: countStatuses(marks.map((m) => m.status)),
    };
  }

  /**
   * Loads past registers without the lock rules (demo seed, benchmarks, migrations from another system):
   * marks and day summaries in bulk, one audit event. Never used by request handlers.
   */
  async importHistory(days: { sectionId: string; date: string; marks: MarkInput[] }[]): Promise<number> {
    const at = this.clock.now();
    return this.db.transaction(async () => {
      const rows: Omit<AttendanceMark, 'tenantId'>[] = [];
      const summaries = days.map((d) => ({
        date: d.date,
        sectionId: d.sectionId,
        period: 0,
        ...countStatuses(d.marks.map((m) => m.status)),
        markedBy: null,
        markedAt: at,
      }));
      for (const d of days) {
        for (const m of d.marks) {
          rows.push({
            id: uuidv7(),
            studentId: m.studentId,
            date: d.date,
            period: 0,
            subjectId: null,
            sectionId: d.sectionId,
            status: m.status,
            note: m.note ?? null,
            source: 'import',
            markedBy: null,
            updatedAt: at,
          });
        }
      }
      await this.marks.upsertMany(rows);
      await this.summaries.writeMany(summaries);
      await this.audit.record({
        action: 'attendance.import',
        details: { days: days.length, marks: rows.length },
      });
      return rows.length;
    });
  }

  /**
   * Saves a section's register for a date in one transaction. Idempotent: the same marks again change
   * nothing. After the cut-off, any change needs a reason and the override permission (audited).
   */
  async save(
    sectionId: string,
    date: string,
    input: { period?: number; subjectId?: string | null; marks: MarkInput[]; reason?: string | null },
  ): Promise<SaveRegisterResult> {
    const substitute = await this.requireSection(sectionId, date, input.period);
    const settings = await this.calendar.settings();
    const period = checkPeriod(settings, input.period);
    const subjectId = await this.checkSubject(settings, sectionId, input.subjectId, substitute);
    const now = await this.calendar.localNow();
    if (date > now.today)
      throw new RuleViolationError(
        `Attendance for ${date} cannot be taken before the day.`,
        AttendanceErrorCode.FutureDate,
      );
    const why = await this.calendar.nonWorkingReason(date, settings);
    if (why) throw new NonWorkingDayError(date, why);
    checkMarks(input.marks);
    const roster = new Set(await this.students.rosterIds(sectionId));
    const strangers: number[] = [];
    for (let i = 0; i < input.marks.length; i++)
      if (!roster.has(input.marks[i]!.studentId)) strangers.push(i);
    if (strangers.length) {
      throw new RuleViolationError(
        `${strangers.length} student(s) are not enrolled in this section this year.`,
        AttendanceErrorCode.NotInSection,
        strangers.map((i) => ({ field: `marks.${i}.studentId`, message: 'not enrolled in this section' })),
      );
    }
    const locked = await this.calendar.isLocked(date, settings);

    // A deadlock victim runs again from the top: the marks are re-read under the day's lock.
    const result = await this.db.transaction(
      () =>
        this.write({ sectionId, date, period, subjectId, locked, marks: input.marks, reason: input.reason }),
      { retryOnDeadlock: true },
    );
    return { sectionId, date, period, locked, ...result };
  }

  /**
   * The section's marks of the day, read once under the day's lock: what changes, and the day's counts
   * afterwards. One locking read once this process has seen the day's summary row. Otherwise the row is
   * created (or touched) first, which takes its lock, and the marks are read plainly under it: a locking
   * read of a missing row would lock the gap where every section's first register of the day goes, and
   * the morning's first saves would deadlock on one another (measured: 56 rollbacks in 500 statements at
   * 20 concurrent first saves, none after).
   */
  private async lockedDayMarks(sectionId: string, date: string, period: number) {
    const day = `${this.context.tenantId}|${sectionId}|${date}|${period}`;
    if (this.knownDays.has(day)) {
      const marks = await this.marks.lockedSectionDay(sectionId, date, period);
      if (marks) return marks;
    }
    await this.summaries.lockDay(date, sectionId, period);
    this.knownDays.add(day);
    if (this.knownDays.size > KNOWN_DAYS_MAX) this.knownDays.delete(this.knownDays.values().next().value!);
    return this.marks.sectionDay(sectionId, date, period);
  }

  /** One attempt at the save, inside its transaction: the changed marks, the day's summary, alerts, audit. */
  private async write(input: {
    sectionId: string;
    date: string;
    period: number;
    subjectId: string | null;
    locked: boolean;
    marks: MarkInput[];
    reason?: string | null;
  }): Promise<{ changed: number; override: boolean; summary: Counts }> {
    const { sectionId, date, period, subjectId, locked } = input;
    const userId = this.context.userId;
    const sectionMarks = await this.lockedDayMarks(sectionId, date, period);
    const existing = new Map(sectionMarks.map((m) => [m.studentId, m]));
    const changes = input.marks.filter((m) => {
      const e = existing.get(m.studentId);
      return (
        !e || e.status !== m.status || (e.note ?? null) !== (m.note ?? null) || e.sectionId !== sectionId
      );
    });
    if (changes.length === 0)
      return {
        changed: 0,
        override: false,
        summary: countStatuses(sectionMarks.map((m) => m.status)),
      };
    if (locked) {
      if (!input.reason?.trim()) {
        throw new RuleViolationError(
          'This register is locked after the cut-off; give a reason for the change.',
          AttendanceErrorCode.ReasonRequired,
          [{ field: 'reason', message: 'required to change a locked register' }],
        );
      }
      if (!this.context.permissions.includes(Permission.AttendanceOverride))
        throw new OverrideNotPermittedError();
    }
    const at = this.clock.now();
    const rows: Omit<AttendanceMark, 'tenantId'>[] = changes.map((m) => ({
      id: existing.get(m.studentId)?.id ?? uuidv7(),
      studentId: m.studentId,
      date,
      period,
      subjectId,
      sectionId,
      status: m.status,
      note: m.note?.trim() || null,
      source: locked ? 'override' : 'teacher',
      markedBy: userId,
      updatedAt: at,
    }));
    await this.marks.upsertMany(rows);
    const after = new Map<string, AttendanceStatus>(sectionMarks.map((m) => [m.studentId, m.status]));
    for (const r of rows) after.set(r.studentId, r.status);
    const summary = countStatuses([...after.values()]);
    await this.summaries.write({
      date,
      sectionId,
      period,
      ...summary,
      markedBy: userId,
      markedAt: at,
    });
    const newlyAbsent = changes.filter(
      (m) => m.status === 'absent' && existing.get(m.studentId)?.status !== 'absent',
    );
    // Absence alerts go to the outbox in this transaction, so they commit or roll back with the marks.
    if (newlyAbsent.length && period === 0) {
      await this.absenceAlerts.send(
        newlyAbsent.map((m) => ({ studentId: m.studentId, date, status: m.status })),
      );
    }
    // Last, so the institution's audit chain head stays locked only for the append and the commit.
    const diff = changes.map((m) => ({
      studentId: m.studentId,
      from: existing.get(m.studentId)?.status ?? null,
      to: m.status,
    }));
    await this.audit.record(
      locked
        ? {
            action: 'attendance.override',
            targetType: 'section',
            targetId: sectionId,
            details: { date, period, reason: input.reason!.trim(), changes: diff },
          }
        : {
            action: 'attendance.mark',
            targetType: 'section',
            targetId: sectionId,
            details: {
              date,
              period,
              created: diff.filter((d) => d.from === null).length,
              changed: diff.filter((d) => d.from !== null).length,
            },
          },
    );
    return { changed: changes.length, override: locked, summary };
  }
}
