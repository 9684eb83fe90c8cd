import { Injectable } from '@nestjs/common';
import type {
  SectionTimetable,
  TeacherTimetable,
  TimetableCellInput,
  TimetableClash,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import type { AcademicYear } from '../academics/entities/academics.entities';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { BellScheduleService } from './bell-schedule.service';
import { TimetableAccess } from './timetable-access';
import { TimetableNames } from './timetable-names';
import { timetablePdf } from './timetable-pdf';
import { NoCurrentYearError, TimetableClashError } from './timetable.errors';
import { TimetableEntriesRepository, TimetableSettingsRepository } from './timetable.repository';
import { type Cell, applyWrite, clashesOf, duplicateSlots } from './timetable-rules';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The field of a cell a clash is about, so the editor shows it on the right select. */
const CLASH_FIELD: Record<TimetableClash['kind'], string> = {
  teacher_double_booked: 'teacherUserId',
  room_double_booked: 'room',
  teacher_not_assigned: 'teacherUserId',
  teacher_over_daily_max: 'teacherUserId',
  teacher_over_weekly_max: 'teacherUserId',
  no_such_period: 'period',
};

/**
 * Section timetables of the current academic year: read per section and per teacher, written per cell or
 * per whole grid in one transaction under the institution's timetable lock, refused with a 422 naming each
 * clash (timetable-rules.ts), audited.
 */
@Injectable()
export class TimetableService {
  constructor(
    private readonly db: Database,
    private readonly academics: AcademicsService,
    private readonly users: UsersService,
    private readonly entries: TimetableEntriesRepository,
    private readonly lock: TimetableSettingsRepository,
    private readonly bells: BellScheduleService,
    private readonly access: TimetableAccess,
    private readonly names: TimetableNames,
    private readonly audit: AuditService,
  ) {}

  private async year(): Promise<AcademicYear> {
    const year = await this.academics.findCurrentYear();
    if (!year) throw new NoCurrentYearError();
    return year;
  }

  async section(sectionId: string): Promise<SectionTimetable> {
    await this.access.requireSection(sectionId);
    return this.view(sectionId);
  }

  private async view(sectionId: string): Promise<SectionTimetable> {
    const year = await this.year();
    const cells = await this.names.cells(await this.entries.ofSection(year.id, sectionId));
    const names = await this.names.of([]);
    return { sectionId, sectionName: names.section(sectionId), academicYearId: year.id, cells };
  }

  async teacher(userId: string): Promise<TeacherTimetable> {
    await this.access.requireStaff('The teacher');
    const user = await this.users.get(userId);
    const year = await this.year();
    const cells = await this.names.cells(await this.entries.ofTeacher(year.id, userId));
    return { teacherUserId: userId, teacherName: user.displayName, academicYearId: year.id, cells };
  }

  /** The section's week as a printable PDF. */
  async sectionPdf(sectionId: string): Promise<{ fileName: string; body: Buffer }> {
    const timetable = await this.section(sectionId);
    const body = await timetablePdf({
      title: `Timetable: ${timetable.sectionName}`,
      subtitle: (await this.year()).name,
      settings: await this.bells.settings(),
      cells: timetable.cells,
      show: 'section',
    });
    return { fileName: `timetable-${timetable.sectionName.replace(/\s+/g, '-')}.pdf`, body };
  }

  /** The teacher's week as a printable PDF. */
  async teacherPdf(userId: string): Promise<{ fileName: string; body: Buffer }> {
    const timetable = await this.teacher(userId);
    const body = await timetablePdf({
      title: `Timetable: ${timetable.teacherName}`,
      subtitle: (await this.year()).name,
      settings: await this.bells.settings(),
      cells: timetable.cells,
      show: 'teacher',
    });
    return { fileName: 'timetable-teacher.pdf', body };
  }

  /** Replaces the section's whole grid. */
  async saveSection(sectionId: string, cells: TimetableCellInput[]): Promise<SectionTimetable> {
    const dup = duplicateSlots(cells);
    if (dup.length)
      throw new ValidationFailedError(
        dup.map((i) => ({
          field: `cells.${i}.period`,
          message: 'a second cell for this weekday and period',
        })),
      );
    await this.write(sectionId, cells, 'all', 'cells.');
    return this.view(sectionId);
  }

  /** Sets (or, with null, clears) one cell of the section's grid. */
  async saveCell(
    sectionId: string,
    weekday: number,
    period: number,
    input: Omit<TimetableCellInput, 'weekday' | 'period'> | null,
  ): Promise<SectionTimetable> {
    await this.write(sectionId, input ? [{ ...input, weekday, period }] : [], [{ weekday, period }], '');
    return this.view(sectionId);
  }

  /** The rules name ids; the person reading a 422 gets the teacher's, section's and subject's names. */
  private async readable(clashes: TimetableClash[]): Promise<TimetableClash[]> {
    const names = await this.names.of(clashes.flatMap((c) => (c.teacherUserId ? [c.teacherUserId] : [])));
    return clashes.map((c) => ({
      ...c,
      message: c.message
        .replace(/Teacher ([0-9a-f-]{36})/g, (_m, id: string) => names.user(id) || `Teacher ${id}`)
        .replace(/section ([0-9a-f-]{36})/g, (_m, id: string) => names.section(id) || `section ${id}`)
        .replace(/subject ([0-9a-f-]{36})/g, (_m, id: string) => names.subject(id) || `subject ${id}`)
        .replace(/weekday ([0-6])/g, (_m, d: string) => WEEKDAY_NAMES[Number(d)]!),
    }));
  }

  private async write(
    sectionId: string,
    input: TimetableCellInput[],
    slots: { weekday: number; period: number }[] | 'all',
    fieldPrefix: string,
  ): Promise<void> {
    await this.academics.section(sectionId);
    const year = await this.year();
    const written: Cell[] = input.map((c) => ({
      sectionId,
      weekday: c.weekday,
      period: c.period,
      subjectId: c.subjectId,
      teacherUserId: c.teacherUserId,
      room: c.room?.trim() || null,
    }));
    await this.db.transaction(
      async () => {
        // The institution's lock first: the cells read below are the last committed write's.
        await this.lock.lock();
        const [existing, periods, assignments, limits] = await Promise.all([
          this.entries.ofYear(year.id),
          this.bells.periodsByWeekday(),
          this.academics.currentAssignments(),
          this.lock.get(),
        ]);
        const before = existing.filter((e) => e.sectionId === sectionId);
        const after = applyWrite(existing, sectionId, written, slots === 'all');
        const clashes = clashesOf(
          written,
          after,
          assignments,
          {
            maxPeriodsPerDay: limits?.maxPeriodsPerDay ?? null,
            maxPeriodsPerWeek: limits?.maxPeriodsPerWeek ?? null,
          },
          periods,
        );
        if (clashes.length) {
          const named = await this.readable(clashes);
          throw new TimetableClashError(
            named.map((c) => {
              const i = written.findIndex((w) => w.weekday === c.weekday && w.period === c.period);
              const prefix = fieldPrefix ? `${fieldPrefix}${i}.` : '';
              return { ...c, field: `${prefix}${CLASH_FIELD[c.kind]}` };
            }),
          );
        }
        await this.entries.replace(
          year.id,
          sectionId,
          slots,
          written.map((c) => ({ id: uuidv7(), academicYearId: year.id, ...c })),
        );
        await this.audit.record({
          action: 'timetable.update',
          targetType: 'section',
          targetId: sectionId,
          details: {
            academicYearId: year.id,
            scope: slots === 'all' ? 'grid' : 'cell',
            cellsBefore: slots === 'all' ? before.length : undefined,
            cells: written.map((c) => ({
              weekday: c.weekday,
              period: c.period,
              subjectId: c.subjectId,
              teacherUserId: c.teacherUserId,
              room: c.room,
            })),
          },
        });
      },
      { retryOnDeadlock: true },
    );
  }
}
