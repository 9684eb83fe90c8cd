import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  DefaultRole,
  type AbsentTeacherPeriod,
  type ConfirmSubstitution,
  type MyDay,
  type SubstitutionProposal,
  type SubstitutionView,
  type Weekday,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, RuleViolationError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { weekdayOf } from '../../platform/time/local-time';
import { AcademicsService } from '../academics/academics.service';
import { AccessService } from '../access/access.service';
import { RegisterCover, type RegisterCoverLookup } from '../attendance/register-cover';
import { SchoolCalendar } from '../attendance/school-calendar';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { BellScheduleService } from './bell-schedule.service';
import type { TimetableEntry, TimetableSubstitution } from './entities/timetable.entities';
import { TimetableNames } from './timetable-names';
import { TimetableErrorCode } from './timetable.errors';
import {
  SubstitutionsRepository,
  TimetableEntriesRepository,
  TimetableSettingsRepository,
} from './timetable.repository';
import { proposeSubstitutes } from './timetable-rules';

/**
 * Substitutions (issue 16 item 4): an absent teacher's periods of a day, free colleagues proposed for each
 * (fewest periods that day first), the admin's confirmation (audited), and each teacher's day with the
 * periods they cover. A confirmed substitution lets the substitute mark that period's register that day.
 */
@Injectable()
export class SubstitutionsService implements OnModuleInit, RegisterCoverLookup {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly academics: AcademicsService,
    private readonly accounts: AccessService,
    private readonly users: UsersService,
    private readonly calendar: SchoolCalendar,
    private readonly bells: BellScheduleService,
    private readonly entries: TimetableEntriesRepository,
    private readonly substitutions: SubstitutionsRepository,
    private readonly lock: TimetableSettingsRepository,
    private readonly names: TimetableNames,
    private readonly cover: RegisterCover,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.cover.use(this);
  }

  covers(userId: string, sectionId: string, date: string, period: number): Promise<boolean> {
    return this.substitutions.covering(userId, sectionId, date, period);
  }

  /** The year's lessons on a date's weekday (none without a current year). */
  private async lessonsOn(date: string): Promise<TimetableEntry[]> {
    const year = await this.academics.findCurrentYear();
    return year ? this.entries.onWeekday(year.id, weekdayOf(date)) : [];
  }

  async proposals(absentTeacherUserId: string, date: string): Promise<SubstitutionProposal> {
    await this.users.get(absentTeacherUserId);
    const [lessons, subs, teacherIds] = await Promise.all([
      this.lessonsOn(date),
      this.substitutions.onDate(date),
      this.accounts.holdersOf(DefaultRole.Teacher),
    ]);
    const teachers = (await this.users.findByIds(teacherIds))
      .filter((u) => u.status === 'active')
      .map((u) => ({ userId: u.id, name: u.displayName }));
    const absentToday = new Set(subs.map((s) => s.absentTeacherUserId));
    const load = new Map<string, number>();
    for (const l of lessons) load.set(l.teacherUserId, (load.get(l.teacherUserId) ?? 0) + 1);
    for (const s of subs) load.set(s.substituteUserId, (load.get(s.substituteUserId) ?? 0) + 1);
    const own = lessons.filter((l) => l.teacherUserId === absentTeacherUserId);
    const names = await this.names.of(subs.map((s) => s.substituteUserId));
    const periods: AbsentTeacherPeriod[] = own.map((l) => {
      const busy = new Set([
        ...lessons.filter((o) => o.period === l.period).map((o) => o.teacherUserId),
        ...subs.filter((s) => s.period === l.period).map((s) => s.substituteUserId),
        ...[...absentToday].filter((id) => id !== absentTeacherUserId),
      ]);
      const sub = subs.find((s) => s.sectionId === l.sectionId && s.period === l.period) ?? null;
      return {
        period: l.period,
        sectionId: l.sectionId,
        sectionName: names.section(l.sectionId),
        subjectId: l.subjectId,
        subjectName: names.subject(l.subjectId),
        candidates: proposeSubstitutes(teachers, busy, load, absentTeacherUserId),
        substitution: sub ? this.view(sub, names.user(sub.substituteUserId)) : null,
      };
    });
    return { date, absentTeacherUserId, periods };
  }

  /** Confirms a colleague to cover one of an absent teacher's periods (replacing an earlier choice). */
  async confirm(input: ConfirmSubstitution): Promise<SubstitutionView> {
    return this.db.transaction(
      async () => {
        await this.lock.lock();
        const proposal = await this.proposals(input.absentTeacherUserId, input.date);
        const slot = proposal.periods.find((p) => p.period === input.period);
        if (!slot)
          throw new RuleViolationError(
            `That teacher has no lesson in period ${input.period} on ${input.date}.`,
            TimetableErrorCode.NotTaught,
            [{ field: 'period', message: 'the absent teacher teaches no lesson in this period that day' }],
          );
        const previous = slot.substitution;
        const free = slot.candidates.some((c) => c.userId === input.substituteUserId);
        if (!free && previous?.substituteUserId !== input.substituteUserId)
          throw new RuleViolationError(
            `That colleague is not free in period ${input.period} on ${input.date}.`,
            TimetableErrorCode.SubstituteBusy,
            [
              {
                field: 'substituteUserId',
                message: 'teaches or covers another lesson in this period, or is absent',
              },
            ],
          );
        const row = {
          id: uuidv7(),
          date: input.date,
          period: input.period,
          sectionId: slot.sectionId,
          subjectId: slot.subjectId,
          absentTeacherUserId: input.absentTeacherUserId,
          substituteUserId: input.substituteUserId,
          confirmedBy: this.context.userId!,
          confirmedAt: this.clock.now(),
        };
        await this.substitutions.removeOfSlot(input.date, slot.sectionId, input.period);
        await this.substitutions.add(row);
        await this.audit.record({
          action: 'timetable.substitution_confirm',
          targetType: 'section',
          targetId: slot.sectionId,
          details: {
            date: input.date,
            period: input.period,
            absentTeacherUserId: input.absentTeacherUserId,
            substituteUserId: input.substituteUserId,
            replaced: previous?.substituteUserId ?? null,
          },
        });
        const user = await this.users.get(input.substituteUserId);
        return this.view(row, user.displayName);
      },
      { retryOnDeadlock: true },
    );
  }

  async cancel(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const row = await this.substitutions.byId(id);
      if (!row) throw new NotFoundError('The substitution');
      await this.substitutions.remove(id);
      await this.audit.record({
        action: 'timetable.substitution_cancel',
        targetType: 'section',
        targetId: row.sectionId,
        details: { date: row.date, period: row.period, substituteUserId: row.substituteUserId },
      });
    });
  }

  /** The caller's lessons on a date (today by default), with the periods they cover and those covered. */
  async myDay(date?: string): Promise<MyDay> {
    const userId = this.context.userId!;
    const day = date ?? (await this.calendar.localNow()).today;
    const weekday = weekdayOf(day) as Weekday;
    const [settings, reason, lessons, covering, coveredFor, bell] = await Promise.all([
      this.calendar.settings(),
      this.calendar.nonWorkingReason(day),
      this.lessonsOn(day),
      this.substitutions.ofSubstitute(userId, day),
      this.substitutions.ofAbsentTeacher(userId, day),
      this.bells.day(weekday),
    ]);
    const names = await this.names.of(coveredFor.map((s) => s.substituteUserId));
    const time = (p: number) => bell.find((s) => s.period === p);
    const own = lessons
      .filter((l) => l.teacherUserId === userId)
      .map((l) => ({
        period: l.period,
        sectionId: l.sectionId,
        subjectId: l.subjectId,
        room: l.room,
        substitutionId: null,
        coveredBy: coveredFor.find((s) => s.sectionId === l.sectionId && s.period === l.period)
          ? names.user(
              coveredFor.find((s) => s.sectionId === l.sectionId && s.period === l.period)!.substituteUserId,
            )
          : null,
      }));
    const covers = covering.map((s) => ({
      period: s.period,
      sectionId: s.sectionId,
      subjectId: s.subjectId,
      room: lessons.find((l) => l.sectionId === s.sectionId && l.period === s.period)?.room ?? null,
      substitutionId: s.id,
      coveredBy: null,
    }));
    const periods = [...own, ...covers]
      .sort((a, b) => a.period - b.period)
      .map((p) => ({
        ...p,
        start: time(p.period)?.start ?? null,
        end: time(p.period)?.end ?? null,
        sectionName: names.section(p.sectionId),
        subjectName: names.subject(p.subjectId),
      }));
    return {
      date: day,
      weekday,
      workingDay: reason === null,
      periodAttendance: settings.mode === 'period',
      periods: reason === null ? periods : [],
    };
  }

  private view(s: Omit<TimetableSubstitution, 'tenantId'>, substituteName: string): SubstitutionView {
    return {
      id: s.id,
      date: s.date,
      period: s.period,
      sectionId: s.sectionId,
      subjectId: s.subjectId,
      absentTeacherUserId: s.absentTeacherUserId,
      substituteUserId: s.substituteUserId,
      substituteName,
      confirmedAt: new Date(s.confirmedAt).toISOString(),
    };
  }
}
