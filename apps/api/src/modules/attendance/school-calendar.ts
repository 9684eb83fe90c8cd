import { Injectable } from '@nestjs/common';
import type { AttendanceSettings as AttendanceSettingsView, Holiday } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { TenantCache } from '../../platform/cache/tenant-cache';
import { Clock } from '../../platform/time/clock';
import { datesBetween, daysBetween, localDate, localTime, weekdayOf } from '../../platform/time/local-time';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { AttendanceSettingsRepository, HolidaysRepository } from './attendance.repository';
import { AttendanceSettings } from './entities/attendance.entities';

/** The institution's attendance settings (the wire type of @shala/contracts). */
export type SettingsView = AttendanceSettingsView;

export const DEFAULT_SETTINGS: SettingsView = {
  mode: 'daily',
  periodsPerDay: 8,
  cutoffTime: '17:00',
  weeklyOffDays: [0],
  chronicThresholdPercent: 75,
};

export interface LocalNow {
  today: string;
  time: string;
  timeZone: string;
}

const SETTINGS_KEY = 'attendance:settings';
const holidayKey = (date: string) => `attendance:holiday:${date}`;

/**
 * The institution's school calendar: its attendance settings, its local date and time, which days are
 * working days (weekly offs, holidays, the academic year) and when a day's register locks. Attendance,
 * fees and exams ask it; the holiday list is kept here too, beside the cache it invalidates.
 */
@Injectable()
export class SchoolCalendar {
  private nowMemo: { second: number; tenantId: string; value: LocalNow } | null = null;

  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly institution: CurrentInstitution,
    private readonly academics: AcademicsService,
    private readonly settingsRepo: AttendanceSettingsRepository,
    private readonly holidayRows: HolidaysRepository,
    private readonly audit: AuditService,
    private readonly cache: TenantCache,
  ) {}

  settings(): Promise<SettingsView> {
    return this.cache.get(SETTINGS_KEY, () => this.loadSettings());
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
      this.cache.invalidate(SETTINGS_KEY);
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
  async localNow(): Promise<LocalNow> {
    const now = this.clock.now();
    const second = Math.floor(now.getTime() / 1000);
    const memo = this.nowMemo;
    if (memo && memo.second === second && memo.tenantId === this.context.tenantId) return memo.value;
    const value = await this.computeLocalNow(now);
    this.nowMemo = { second, tenantId: this.context.tenantId, value };
    return value;
  }

  private async computeLocalNow(now: Date): Promise<LocalNow> {
    const timeZone = (await this.institution.find())?.timeZone ?? 'Asia/Kolkata';
    return { today: localDate(timeZone, now), time: localTime(timeZone, now), timeZone };
  }

  /** Why a date is not a working day, or null when it is. */
  async nonWorkingReason(date: string, settings?: SettingsView): Promise<string | null> {
    const s = settings ?? (await this.settings());
    if (s.weeklyOffDays.includes(weekdayOf(date))) return 'weekly off';
    const holiday = await this.cache.get(holidayKey(date), () => this.holidayRows.onDate(date));
    if (holiday) return `holiday: ${holiday.name}`;
    const year = await this.academics.findCurrentYear();
    if (year && (date < year.startsOn || date > year.endsOn)) return `outside the academic year ${year.name}`;
    return null;
  }

  /** Working days in a range: not weekly off, not a holiday, inside the current year, not after today. */
  async workingDays(from: string, to: string, settings?: SettingsView): Promise<string[]> {
    const s = settings ?? (await this.settings());
    const [holidays, year, now] = await Promise.all([
      this.holidayRows.inRange(from, to),
      this.academics.findCurrentYear(),
      this.localNow(),
    ]);
    const off = new Set(holidays.map((h) => h.date));
    return datesBetween(from, to).filter(
      (d) =>
        !s.weeklyOffDays.includes(weekdayOf(d)) &&
        !off.has(d) &&
        d <= now.today &&
        (!year || (d >= year.startsOn && d <= year.endsOn)),
    );
  }

  /** The register of a day is locked once the day is past, or today after the cut-off time. */
  async isLocked(date: string, settings: SettingsView): Promise<boolean> {
    const now = await this.localNow();
    return date < now.today || (date === now.today && now.time >= settings.cutoffTime);
  }

  /** The holidays in a range (no attendance is taken on them). */
  async holidays(from: string, to: string): Promise<Holiday[]> {
    const span = daysBetween(from, to);
    if (span < 0) throw new ValidationFailedError([{ field: 'to', message: 'must be on or after from' }]);
    if (span > 400)
      throw new ValidationFailedError([{ field: 'to', message: 'a list covers at most 400 days' }]);
    return (await this.holidayRows.inRange(from, to)).map((h) => ({ id: h.id, date: h.date, name: h.name }));
  }

  async addHoliday(date: string, rawName: string): Promise<Holiday> {
    const name = rawName.trim();
    // The DTO counts the spaces too: "  x " would otherwise be saved as a one-letter holiday.
    if (name.length < 2)
      throw new ValidationFailedError([{ field: 'name', message: 'name must be at least 2 characters' }]);
    return this.db.transaction(async () => {
      if (await this.holidayRows.onDate(date))
        throw new ConflictError(`${date} is already a holiday.`, 'HOLIDAY_EXISTS', [
          { field: 'date', message: 'already a holiday' },
        ]);
      const id = uuidv7();
      await this.holidayRows.add({ id, date, name });
      this.cache.invalidate(holidayKey(date));
      await this.audit.record({
        action: 'attendance.holiday_add',
        targetType: 'holiday',
        targetId: id,
        details: { date, name },
      });
      return { id, date, name };
    });
  }

  async removeHoliday(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const h = await this.holidayRows.byId(id);
      if (!h) throw new NotFoundError('The holiday');
      await this.holidayRows.remove(id);
      this.cache.invalidate(holidayKey(h.date));
      await this.audit.record({
        action: 'attendance.holiday_remove',
        targetType: 'holiday',
        targetId: id,
        details: { date: h.date, name: h.name },
      });
    });
  }
}
