import { Injectable } from '@nestjs/common';
import type { BellDay, BellSlot, SaveTimetableSettings, TimetableSettings, Weekday } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { RuleViolationError, ValidationFailedError } from '../../platform/errors/domain-error';
import { SchoolCalendar } from '../attendance/school-calendar';
import { AuditService } from '../audit/audit.service';
import type { TimetableBellSlot } from './entities/timetable.entities';
import { TimetableErrorCode } from './timetable.errors';
import { BellSlotsRepository, TimetableSettingsRepository } from './timetable.repository';
import { type PeriodsByWeekday, bellDayProblems } from './timetable-rules';

/**
 * The bell schedule (each weekday's periods and breaks, e.g. a short Saturday) and the teacher-load limits.
 * Periods are numbered 1.. in order within a day: the attendance register's period numbers, so a school
 * taking period-wise attendance may not schedule more periods than its register has.
 */
@Injectable()
export class BellScheduleService {
  constructor(
    private readonly db: Database,
    private readonly slots: BellSlotsRepository,
    private readonly limits: TimetableSettingsRepository,
    private readonly calendar: SchoolCalendar,
    private readonly audit: AuditService,
  ) {}

  async settings(): Promise<TimetableSettings> {
    const [rows, limits] = await Promise.all([this.slots.all(), this.limits.get()]);
    return {
      days: toDays(rows),
      maxPeriodsPerDay: limits?.maxPeriodsPerDay ?? null,
      maxPeriodsPerWeek: limits?.maxPeriodsPerWeek ?? null,
    };
  }

  /** weekday -> the period numbers of its schedule. */
  async periodsByWeekday(): Promise<PeriodsByWeekday> {
    const map = new Map<number, Set<number>>();
    for (const r of await this.slots.all())
      if (r.period !== null) map.set(r.weekday, (map.get(r.weekday) ?? new Set()).add(r.period));
    return map;
  }

  /** The slots of one weekday (for a teacher's day: start and end of each period). */
  async day(weekday: number): Promise<BellSlot[]> {
    return toDays(await this.slots.all()).find((d) => d.weekday === weekday)?.slots ?? [];
  }

  async save(input: SaveTimetableSettings): Promise<TimetableSettings> {
    const problems: { field: string; message: string }[] = [];
    const seen = new Set<number>();
    input.days.forEach((d, i) => {
      if (seen.has(d.weekday)) problems.push({ field: `days.${i}.weekday`, message: 'appears twice' });
      seen.add(d.weekday);
      problems.push(...bellDayProblems(d.slots, `days.${i}.slots`));
    });
    if (problems.length) throw new ValidationFailedError(problems);
    const attendance = await this.calendar.settings();
    if (attendance.mode === 'period') {
      const i = input.days.findIndex(
        (d) => d.slots.filter((s) => s.kind === 'period').length > attendance.periodsPerDay,
      );
      if (i >= 0)
        throw new RuleViolationError(
          `The register takes ${attendance.periodsPerDay} periods a day; a day's schedule may not have more.`,
          TimetableErrorCode.TooManyPeriods,
          [{ field: `days.${i}.slots`, message: `more than ${attendance.periodsPerDay} periods` }],
        );
    }
    const rows = input.days.flatMap((d) => {
      const sorted = [...d.slots].sort((a, b) => a.start.localeCompare(b.start));
      let period = 0;
      return sorted.map((s, slot) => ({
        weekday: d.weekday,
        slot,
        kind: s.kind,
        period: s.kind === 'period' ? ++period : null,
        label: s.label?.trim() || null,
        startsAt: s.start,
        endsAt: s.end,
      }));
    });
    await this.db.transaction(async () => {
      await this.limits.saveLimits(input.maxPeriodsPerDay ?? null, input.maxPeriodsPerWeek ?? null);
      await this.slots.replaceAll(rows);
      await this.audit.record({
        action: 'timetable.settings.update',
        targetType: 'timetable_settings',
        details: {
          weekdays: input.days.map((d) => d.weekday),
          periods: rows.filter((r) => r.kind === 'period').length,
          maxPeriodsPerDay: input.maxPeriodsPerDay ?? null,
          maxPeriodsPerWeek: input.maxPeriodsPerWeek ?? null,
        },
      });
    });
    return this.settings();
  }
}

function toDays(rows: TimetableBellSlot[]): BellDay[] {
  const days = new Map<number, BellSlot[]>();
  for (const r of rows)
    days.set(r.weekday, [
      ...(days.get(r.weekday) ?? []),
      { kind: r.kind, period: r.period, label: r.label, start: r.startsAt, end: r.endsAt },
    ]);
  return [...days.entries()].map(([weekday, slots]) => ({ weekday: weekday as Weekday, slots }));
}
