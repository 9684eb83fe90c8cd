import { Injectable } from '@nestjs/common';
import type {
  ChronicAbsenteesReport,
  DayLetter,
  DaySummary,
  DaySummarySection,
  SectionMonth,
  StudentCalendar,
  UnmarkedSections,
} from '@shala/contracts';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import type { CsvFile } from '../../platform/http/send-csv';
import { addDays, datesBetween, daysBetween, monthRange } from '../../platform/time/local-time';
import { AcademicsService } from '../academics/academics.service';
import { StudentDirectory } from '../students/student-directory';
import {
  AttendanceMarksRepository,
  DaySummariesRepository,
  LeaveRequestsRepository,
} from './attendance.repository';
import { Counts, attendanceBasis, attendancePercent, countStatuses } from './attendance-counts';
import { AttendanceStatus } from './entities/attendance.entities';
import { RegisterService } from './register.service';
import { SchoolCalendar } from './school-calendar';

const CODE: Record<AttendanceStatus, DayLetter> = {
  present: 'P',
  absent: 'A',
  late: 'L',
  excused: 'E',
  half_day: 'H',
};

/** Longest report range, in days from `from` to `to`. */
export const MAX_REPORT_DAYS = 365;

/**
 * A report's range: `to` not before `from`, and at most a year; checked before any day of it is listed
 * (the ends themselves are calendar dates, checked at the edge).
 */
function checkRange(from: string, to: string): void {
  const span = daysBetween(from, to);
  if (span < 0) throw new ValidationFailedError([{ field: 'to', message: 'must be on or after from' }]);
  if (span > MAX_REPORT_DAYS)
    throw new ValidationFailedError([{ field: 'to', message: 'a report covers at most a year' }]);
}

/** Registers, calendars and dashboards, read from marks and the per-section day summaries. */
@Injectable()
export class AttendanceReportsService {
  constructor(
    private readonly calendar: SchoolCalendar,
    private readonly register: RegisterService,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly marks: AttendanceMarksRepository,
    private readonly summaries: DaySummariesRepository,
    private readonly leave: LeaveRequestsRepository,
  ) {}

  /** A section's monthly register: one row per student with a code per working day and totals. */
  async sectionMonth(sectionId: string, month: string): Promise<SectionMonth> {
    await this.register.requireSection(sectionId);
    const { from, to } = monthRange(month); // a calendar month: the route's MonthParam checked it
    const [roster, marks, days] = await Promise.all([
      this.students.roster(sectionId),
      this.marks.forSectionInRange(sectionId, from, to),
      this.calendar.workingDays(from, to),
    ]);
    const byStudent = new Map<string, Map<string, AttendanceStatus>>();
    for (const m of marks) {
      const row = byStudent.get(m.studentId) ?? new Map<string, AttendanceStatus>();
      row.set(m.date, m.status);
      byStudent.set(m.studentId, row);
    }
    const rows = roster.map((r) => {
      const statuses = byStudent.get(r.studentId) ?? new Map<string, AttendanceStatus>();
      // Only working days count: a mark on a day later declared a holiday (or ahead of today) does not.
      const counts = countStatuses(days.filter((d) => statuses.has(d)).map((d) => statuses.get(d)!));
      return {
        ...r,
        days: Object.fromEntries(days.map((d) => [d, statuses.has(d) ? CODE[statuses.get(d)!] : null])),
        counts,
        percent: attendancePercent(counts),
      };
    });
    const markedDays = days.filter((d) => marks.some((m) => m.date === d));
    return { sectionId, month, workingDays: days, markedDays: markedDays.length, rows };
  }

  /** A student's days and percentage over a range (parents see their own children only). */
  async studentCalendar(studentId: string, from: string, to: string): Promise<StudentCalendar> {
    await this.students.visible(studentId);
    checkRange(from, to);
    const [marks, days, leaveDays] = await Promise.all([
      this.marks.forStudentInRange(studentId, from, to),
      this.calendar.workingDays(from, to),
      this.leaveDaysOf(studentId, from, to),
    ]);
    const byDate = new Map(marks.map((m) => [m.date, m]));
    const onLeave = new Set(leaveDays);
    const working = new Set(days);
    const counts = countStatuses(marks.filter((m) => working.has(m.date)).map((m) => m.status));
    const basis = attendanceBasis(counts);
    return {
      studentId,
      from,
      to,
      days: days.map((d) => ({
        date: d,
        status: byDate.get(d)?.status ?? null,
        note: byDate.get(d)?.note ?? null,
        onLeave: onLeave.has(d),
      })),
      summary: {
        workingDays: days.length,
        ...counts,
        // The percentage's own days, so a headline can say "5 of 6 days" of the same figure (excused and
        // unmarked working days are in workingDays but not in countedDays).
        countedDays: basis.counted,
        attendedDays: basis.attended,
        percent: attendancePercent(counts),
      },
    };
  }

  private async sectionsInScope() {
    const [classes, sections, scope] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSections(),
      this.students.scope(),
    ]);
    const className = new Map(classes.map((c) => [c.id, c.name]));
    const ordinal = new Map(classes.map((c) => [c.id, c.ordinal]));
    const visible =
      scope.kind === 'all'
        ? sections
        : scope.kind === 'sections'
          ? sections.filter((s) => scope.sectionIds.includes(s.id))
          : [];
    return visible
      .map((s) => ({
        sectionId: s.id,
        className: className.get(s.classId) ?? '',
        sectionName: s.name,
        ordinal: ordinal.get(s.classId) ?? 0,
        classTeacherUserId: s.classTeacherUserId,
      }))
      .sort((a, b) => a.ordinal - b.ordinal || a.sectionName.localeCompare(b.sectionName));
  }

  /** The institution's day (default today): present %, absentees by section, from the day summaries. */
  async daySummary(day?: string): Promise<DaySummary> {
    const date = day ?? (await this.today());
    const [sectionsDay, absentMarks] = await Promise.all([this.daySections(date), this.marks.absentOn(date)]);
    // A day that is not a working day counts for nothing: no absentees either.
    const visible = new Set(sectionsDay.sections.map((s) => s.sectionId));
    const absent = sectionsDay.workingDay ? absentMarks.filter((a) => visible.has(a.sectionId)) : [];
    const names = await this.students.namesOf(absent.map((a) => a.studentId));
    const totals: Counts = { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: 0 };
    for (const s of sectionsDay.sections)
      for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += s.counts[k];
    const rows = sectionsDay.sections.map((s) => ({
      ...s,
      absentees: absent
        .filter((a) => a.sectionId === s.sectionId)
        .map((a) => ({ studentId: a.studentId, fullName: names.get(a.studentId) ?? '', note: a.note })),
    }));
    return {
      date,
      workingDay: sectionsDay.workingDay,
      nonWorkingReason: sectionsDay.nonWorkingReason,
      totals,
      percent: attendancePercent(totals),
      sectionsMarked: rows.filter((r) => r.marked).length,
      sections: rows,
    };
  }

  /**
   * The day's sections in the caller's scope with their counts, as `daySummary` counts them, without the
   * absentee lists (two statements fewer): what the teacher's card shows. On a day that is not a working
   * day (a holiday declared after marking, say) nothing counts, as in the month register; the sections are
   * still listed.
   */
  async daySections(day?: string): Promise<
    Omit<DaySummary, 'totals' | 'percent' | 'sectionsMarked' | 'sections'> & {
      sections: Omit<DaySummarySection, 'absentees'>[];
    }
  > {
    const date = day ?? (await this.today());
    const [sections, recorded, reason] = await Promise.all([
      this.sectionsInScope(),
      this.summaries.onDay(date),
      this.calendar.nonWorkingReason(date),
    ]);
    const bySection = new Map((reason ? [] : recorded).map((x) => [x.sectionId, x]));
    return {
      date,
      workingDay: reason === null,
      nonWorkingReason: reason,
      sections: sections.map((s) => {
        const sum = bySection.get(s.sectionId);
        const counts: Counts = sum
          ? {
              present: sum.present,
              absent: sum.absent,
              late: sum.late,
              excused: sum.excused,
              halfDay: sum.halfDay,
              total: sum.total,
            }
          : { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: 0 };
        return {
          sectionId: s.sectionId,
          className: s.className,
          sectionName: s.sectionName,
          marked: counts.total > 0,
          counts,
          percent: attendancePercent(counts),
        };
      }),
    };
  }

  /**
   * The day's figures for the sections in the caller's scope, as `daySummary` counts them, without its
   * absentee lists (two statements fewer): what a dashboard card shows.
   */
  async dayFigures(date: string): Promise<{
    workingDay: boolean;
    percent: number | null;
    sectionsMarked: number;
    sectionsUnmarked: number;
  }> {
    const [sections, recorded, reason] = await Promise.all([
      this.sectionsInScope(),
      this.summaries.onDay(date),
      this.calendar.nonWorkingReason(date),
    ]);
    if (reason) return { workingDay: false, percent: null, sectionsMarked: 0, sectionsUnmarked: 0 };
    const visible = new Set(sections.map((s) => s.sectionId));
    const totals: Counts = { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: 0 };
    let marked = 0;
    for (const sum of recorded) {
      if (!visible.has(sum.sectionId)) continue;
      for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += sum[k];
      if (sum.total > 0) marked++;
    }
    return {
      workingDay: true,
      percent: attendancePercent(totals),
      sectionsMarked: marked,
      sectionsUnmarked: sections.length - marked,
    };
  }

  /** Sections in the caller's scope not yet marked on a date (default today). */
  async unmarked(day?: string): Promise<UnmarkedSections> {
    const date = day ?? (await this.today());
    const [sections, marked, reason] = await Promise.all([
      this.sectionsInScope(),
      this.summaries.markedOnDay(date),
      this.calendar.nonWorkingReason(date),
    ]);
    if (reason) return { date, workingDay: false, nonWorkingReason: reason, sections: [] };
    const done = new Set(marked.map((m) => m.sectionId));
    return {
      date,
      workingDay: true,
      nonWorkingReason: null,
      sections: sections.filter((s) => !done.has(s.sectionId)),
    };
  }

  /**
   * Students below a percentage (default: the institution's chronic-absence threshold) over a range
   * (default: the last 30 days up to today).
   */
  async chronicAbsentees(range: {
    from?: string;
    to?: string;
    threshold?: number;
  }): Promise<ChronicAbsenteesReport> {
    const today = await this.today();
    const { from = addDays(today, -29), to = today, threshold } = range;
    checkRange(from, to);
    const settings = await this.calendar.settings();
    const limit = threshold ?? settings.chronicThresholdPercent;
    const [days, sections, scope] = await Promise.all([
      this.calendar.workingDays(from, to, settings),
      this.sectionsInScope(),
      this.students.scope(),
    ]);
    // Only working days count, as in the month register and the calendar: a mark saved on a day later
    // declared a holiday (or made a weekly off) stays stored but is not counted. One grouped count over
    // the range that leaves out its non-working days.
    const working = new Set(days);
    const skipped = datesBetween(from, to).filter((day) => !working.has(day));
    const counts = days.length ? await this.marks.countsByStudent(from, to, skipped) : [];
    const perStudent = new Map<string, Omit<Counts, 'total'>>();
    for (const c of counts) {
      const x = perStudent.get(c.studentId) ?? { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0 };
      if (c.status === 'half_day') x.halfDay += c.n;
      else x[c.status as keyof Omit<Counts, 'total' | 'halfDay'>] += c.n;
      perStudent.set(c.studentId, x);
    }
    const below = [...perStudent]
      .map(([studentId, c]) => ({ studentId, counts: c, percent: attendancePercent(c) }))
      .filter((r) => r.percent !== null && r.percent < limit);
    // PRV-02: an at-risk list is analytics, so a student whose processing is restricted is left out.
    const [directory, restricted] = await Promise.all([
      this.students.directory(below.map((r) => r.studentId)),
      this.students.restrictedStudentIds(below.map((r) => r.studentId)),
    ]);
    const sectionById = new Map(sections.map((s) => [s.sectionId, s]));
    const items = below
      .filter((r) => !restricted.has(r.studentId))
      .map((r) => {
        const d = directory.get(r.studentId);
        const section = d?.sectionId ? sectionById.get(d.sectionId) : undefined;
        return {
          ...r,
          fullName: d?.fullName ?? '',
          admissionNo: d?.admissionNo ?? '',
          className: section?.className ?? null,
          sectionName: section?.sectionName ?? null,
          sectionId: d?.sectionId ?? null,
        };
      })
      .filter((r) => scope.kind === 'all' || (r.sectionId !== null && sectionById.has(r.sectionId)))
      .sort((a, b) => (a.percent ?? 0) - (b.percent ?? 0));
    return { from, to, threshold: limit, items, nextCursor: null };
  }

  async leaveDaysOf(studentId: string, from: string, to: string): Promise<string[]> {
    const requests = await this.leave.list({ studentIds: [studentId], status: 'approved' }, 500);
    // Only the part of each request inside the range is listed, so a stored request reaching far out
    // (any year) never widens the walk beyond the report's own days.
    return requests
      .filter((r) => r.fromDate <= to && r.toDate >= from)
      .flatMap((r) => datesBetween(r.fromDate > from ? r.fromDate : from, r.toDate < to ? r.toDate : to));
  }

  /** The section's month register as a CSV file: one row per student, one column per working day. */
  async sectionMonthCsv(sectionId: string, month: string): Promise<CsvFile> {
    const register = await this.sectionMonth(sectionId, month);
    // PRV-02: a student whose processing is restricted is left out of exports.
    const restricted = await this.students.restrictedStudentIds(register.rows.map((r) => r.studentId));
    return {
      filename: `attendance-${month}.csv`,
      header: [
        'roll_no',
        'admission_no',
        'name',
        ...register.workingDays,
        'present',
        'absent',
        'late',
        'excused',
        'half_day',
        'percent',
      ],
      rows: register.rows
        .filter((r) => !restricted.has(r.studentId))
        .map((r) => [
          r.rollNo,
          r.admissionNo,
          r.fullName,
          ...register.workingDays.map((d) => r.days[d] ?? ''),
          r.counts.present,
          r.counts.absent,
          r.counts.late,
          r.counts.excused,
          r.counts.halfDay,
          r.percent ?? '',
        ]),
    };
  }

  private async today(): Promise<string> {
    return (await this.calendar.localNow()).today;
  }
}
