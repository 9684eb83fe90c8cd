import { Injectable } from '@nestjs/common';
import { Permission } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, RuleViolationError, ValidationFailedError } from '../../platform/errors/domain-error';
import { TenantCache } from '../../platform/cache/tenant-cache';
import { Clock } from '../../platform/time/clock';
import { localDate, localTime, weekdayOf } from '../../platform/time/local-time';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { StudentAccessPolicy } from '../students/student-access.policy';
import { StudentsService } from '../students/students.service';
import {
  AttendanceErrorCode,
  NonWorkingDayError,
  NotSubjectTeacherError,
  OverrideNotPermittedError,
} from './attendance.errors';
import {
  AttendanceMarksRepository,
  AttendanceSettingsRepository,
  DaySummariesRepository,
  HolidaysRepository,
  LeaveRequestsRepository,
} from './attendance.repository';
import {
  ATTENDANCE_STATUSES,
  AttendanceMark,
  AttendanceSettings,
  AttendanceStatus,
} from './entities/attendance.entities';

export interface SettingsView {
  mode: 'daily' | 'period';
  periodsPerDay: number;
  cutoffTime: string;
  weeklyOffDays: number[];
  chronicThresholdPercent: number;
}

export const DEFAULT_SETTINGS: SettingsView = {
  mode: 'daily',
  periodsPerDay: 8,
  cutoffTime: '17:00',
  weeklyOffDays: [0],
  chronicThresholdPercent: 75,
};

export interface MarkInput {
  studentId: string;
  status: AttendanceStatus;
  note?: string | null;
}

export interface RegisterRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
  status: AttendanceStatus | null;
  note: string | null;
  source: string | null;
  onLeave: boolean;
}

export interface Counts {
  present: number;
  absent: number;
  late: number;
  excused: number;
  halfDay: number;
  total: number;
}

export interface RegisterView {
  sectionId: string;
  date: string;
  period: number;
  workingDay: boolean;
  nonWorkingReason: string | null;
  locked: boolean;
  marked: boolean;
  rows: RegisterRow[];
  summary: Counts;
}

/** What a save answers: the day's counts after it, without echoing the register back. */
export interface SaveResult {
  sectionId: string;
  date: string;
  period: number;
  locked: boolean;
  changed: number;
  override: boolean;
  summary: Counts;
}

/** Called for each student newly marked absent, inside the same transaction (absence alerts). */
export interface AbsenceListener {
  onAbsent(events: { studentId: string; date: string; status: AttendanceStatus }[]): Promise<void>;
}

export function countStatuses(statuses: AttendanceStatus[]): Counts {
  const c: Counts = { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: statuses.length };
  for (const s of statuses) {
    if (s === 'half_day') c.halfDay++;
    else c[s]++;
  }
  return c;
}

/**
 * Attendance rule: late counts as present, half-day as half, and excused days (approved leave) leave the
 * denominator. Returns a percentage with one decimal, or null when nothing counts.
 */
export function attendancePercent(c: Omit<Counts, 'total'>): number | null {
  const considered = c.present + c.absent + c.late + c.halfDay;
  if (considered === 0) return null;
  return Math.round(((c.present + c.late + c.halfDay * 0.5) / considered) * 1000) / 10;
}

const isDeadlock = (e: unknown) =>
  /ER_LOCK_DEADLOCK|Deadlock found|SQLITE_BUSY/i.test(
    String((e as { code?: string; message?: string })?.code ?? '') + String((e as Error)?.message ?? ''),
  );

/**
 * Daily (or period-wise) attendance: a teacher saves a whole section's register in one idempotent
 * transaction; after the institution's cut-off a change needs the override permission and a reason and is
 * audited with before and after; approved leave shows as excused.
 */
@Injectable()
export class AttendanceService {
  private listener: AbsenceListener | null = null;

  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly institutions: InstitutionsService,
    private readonly academics: AcademicsService,
    private readonly students: StudentsService,
    private readonly policy: StudentAccessPolicy,
    private readonly settingsRepo: AttendanceSettingsRepository,
    private readonly holidays: HolidaysRepository,
    private readonly marks: AttendanceMarksRepository,
    private readonly summaries: DaySummariesRepository,
    private readonly leave: LeaveRequestsRepository,
    private readonly audit: AuditService,
    private readonly cache: TenantCache,
  ) {}

  /** The notifications side registers here; attendance does not know how families are messaged. */
  setAbsenceListener(listener: AbsenceListener): void {
    this.listener = listener;
  }

  settings(): Promise<SettingsView> {
    return this.cache.get('attendance:settings', () => this.loadSettings());
  }

  private async loadSettings(): Promise<SettingsView> {
    const s = await this.settingsRepo.current();
    if (!s) return { ...DEFAULT_SETTINGS };
    return {
      mode: s.mode,
      periodsPerDay: s.periodsPerDay,
      cutoffTime: s.cutoffTime,
      weeklyOffDays: s.weeklyOffDays ? s.weeklyOffDays.split(',').filter(Boolean).map(Number) : [],
      chronicThresholdPercent: s.chronicThresholdPercent,
    };
  }

  async updateSettings(input: Partial<SettingsView>): Promise<SettingsView> {
    // DTO instances carry unsent optional fields as undefined; only what was sent changes.
    const patch = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined),
    ) as Partial<SettingsView>;
    return this.db.transaction(async () => {
      const before = await this.settings();
      const next = { ...before, ...patch };
      const row: Omit<AttendanceSettings, 'tenantId'> = {
        mode: next.mode,
        periodsPerDay: next.periodsPerDay,
        cutoffTime: next.cutoffTime,
        weeklyOffDays: [...new Set(next.weeklyOffDays)].sort().join(','),
        chronicThresholdPercent: next.chronicThresholdPercent,
      };
      await this.settingsRepo.save(row);
      this.cache.invalidate('attendance:settings');
      await this.audit.record({
        action: 'attendance.settings',
        details: Object.fromEntries(
          Object.keys(patch).map((k) => [
            k,
            { from: before[k as keyof SettingsView], to: next[k as keyof SettingsView] },
          ]),
        ),
      });
      return next;
    });
  }

  /** The institution's "today" and wall-clock time (school days are local dates). */
  async localNow(): Promise<{ today: string; time: string; timeZone: string }> {
    const now = this.clock.now();
    const second = Math.floor(now.getTime() / 1000);
    const memo = this.nowMemo;
    if (memo && memo.second === second && memo.tenantId === this.context.tenantId) return memo.value;
    const value = await this.computeLocalNow(now);
    this.nowMemo = { second, tenantId: this.context.tenantId, value };
    return value;
  }

  private nowMemo: {
    second: number;
    tenantId: string;
    value: { today: string; time: string; timeZone: string };
  } | null = null;

  private async computeLocalNow(now: Date): Promise<{ today: string; time: string; timeZone: string }> {
    const timeZone = await this.cache.get(
      'institution:time-zone',
      async () => (await this.institutions.findById(this.context.tenantId))?.timeZone ?? 'Asia/Kolkata',
    );
    return { today: localDate(timeZone, now), time: localTime(timeZone, now), timeZone };
  }

  /** Why a date is not a working day, or null when it is. */
  async nonWorkingReason(date: string, settings?: SettingsView): Promise<string | null> {
    const s = settings ?? (await this.settings());
    if (s.weeklyOffDays.includes(weekdayOf(date))) return 'weekly off';
    const holiday = await this.cache.get(`attendance:holiday:${date}`, () => this.holidays.onDate(date));
    if (holiday) return `holiday: ${holiday.name}`;
    const year = await this.academics.findCurrentYear();
    if (year && (date < year.startsOn || date > year.endsOn)) return `outside the academic year ${year.name}`;
    return null;
  }

  /** The register of a day is locked once the day is past, or today after the cut-off time. */
  async isLocked(date: string, settings: SettingsView): Promise<boolean> {
    const now = await this.localNow();
    return date < now.today || (date === now.today && now.time >= settings.cutoffTime);
  }

  /** The caller may take attendance in this section: staff everywhere, teachers in the sections they teach. */
  async requireSection(sectionId: string): Promise<void> {
    await this.academics.section(sectionId);
    const scope = await this.policy.scope();
    if (scope.kind === 'all') return;
    if (scope.kind === 'sections' && scope.sectionIds.includes(sectionId)) return;
    throw new NotFoundError('The section');
  }

  private checkPeriod(settings: SettingsView, period: number | undefined): number {
    if (settings.mode === 'daily') {
      if (period && period !== 0)
        throw new ValidationFailedError([
          { field: 'period', message: 'this institution takes daily attendance; leave period out' },
        ]);
      return 0;
    }
    if (!period || period < 1 || period > settings.periodsPerDay) {
      throw new ValidationFailedError([
        {
          field: 'period',
          message: `period-wise attendance: give a period from 1 to ${settings.periodsPerDay}`,
        },
      ]);
    }
    return period;
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
    if ((await this.policy.scope()).kind === 'sections') {
      const userId = this.context.userId;
      const section = await this.academics.section(sectionId);
      if (section.classTeacherUserId !== userId && assignment.teacherUserId !== userId)
        throw new NotSubjectTeacherError();
    }
    return subjectId;
  }

  async register(sectionId: string, date: string, period?: number): Promise<RegisterView> {
    await this.requireSection(sectionId);
    const settings = await this.settings();
    const p = this.checkPeriod(settings, period);
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
      this.nonWorkingReason(date, settings),
      this.isLocked(date, settings),
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
  ): Promise<SaveResult> {
    await this.requireSection(sectionId);
    const settings = await this.settings();
    const period = this.checkPeriod(settings, input.period);
    const subjectId = await this.checkSubject(settings, sectionId, input.subjectId);
    const now = await this.localNow();
    if (date > now.today)
      throw new RuleViolationError(
        `Attendance for ${date} cannot be taken before the day.`,
        AttendanceErrorCode.FutureDate,
      );
    const why = await this.nonWorkingReason(date, settings);
    if (why) throw new NonWorkingDayError(date, why);
    const seen = new Set<string>();
    const details = input.marks.flatMap((m, i) => {
      if (seen.has(m.studentId)) return [{ field: `marks.${i}.studentId`, message: 'appears twice' }];
      seen.add(m.studentId);
      return (ATTENDANCE_STATUSES as readonly string[]).includes(m.status)
        ? []
        : [{ field: `marks.${i}.status`, message: `must be one of ${ATTENDANCE_STATUSES.join(', ')}` }];
    });
    if (details.length) throw new ValidationFailedError(details);
    const roster = new Set(await this.students.rosterIds(sectionId));
    const strangers = input.marks.map((m, i) => ({ m, i })).filter(({ m }) => !roster.has(m.studentId));
    if (strangers.length) {
      throw new RuleViolationError(
        `${strangers.length} student(s) are not enrolled in this section this year.`,
        AttendanceErrorCode.NotInSection,
        strangers.map(({ i }) => ({
          field: `marks.${i}.studentId`,
          message: 'not enrolled in this section',
        })),
      );
    }
    const locked = await this.isLocked(date, settings);
    const userId = this.context.userId;

    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.db.transaction(
          async (): Promise<{ changed: number; override: boolean; summary: Counts }> => {
            await this.summaries.lockDay(date, sectionId, period);
            // The section's marks of the day, read once: what changes, and the day's counts afterwards.
            const sectionMarks = await this.marks.sectionDay(sectionId, date, period);
            const existing = new Map(sectionMarks.map((m) => [m.studentId, m]));
            const changes = input.marks.filter((m) => {
              const e = existing.get(m.studentId);
              return (
                !e ||
                e.status !== m.status ||
                (e.note ?? null) !== (m.note ?? null) ||
                e.sectionId !== sectionId
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
            if (newlyAbsent.length && this.listener && period === 0) {
              await this.listener.onAbsent(
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
          },
        );
        return {
          sectionId,
          date,
          period,
          locked,
          changed: result.changed,
          override: result.override,
          summary: result.summary,
        };
      } catch (error) {
        if (attempt < 3 && isDeadlock(error)) continue;
        throw error;
      }
    }
  }
}
