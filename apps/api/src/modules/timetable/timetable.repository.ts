import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { upsertClause } from '../../platform/database/upsert-clause';
import { RequestContext } from '../../platform/tenancy/request-context';
import {
  TimetableBellSlot,
  TimetableEntry,
  TimetableSettingsRow,
  TimetableSubstitution,
} from './entities/timetable.entities';

@Injectable()
export class BellSlotsRepository extends TenantScopedRepository<TimetableBellSlot> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, TimetableBellSlot);
  }
  all(): Promise<TimetableBellSlot[]> {
    return this.find({ order: { weekday: 'ASC', slot: 'ASC' } });
  }
  async replaceAll(rows: Insertable<TimetableBellSlot>[]): Promise<void> {
    await this.delete({ weekday: In([0, 1, 2, 3, 4, 5, 6]) });
    await this.insert(rows);
  }
}

@Injectable()
export class TimetableSettingsRepository extends TenantScopedRepository<TimetableSettingsRow> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, TimetableSettingsRow);
  }
  get(): Promise<TimetableSettingsRow | null> {
    return this.findOneBy({});
  }
  /**
   * Takes the institution's timetable lock for the rest of the transaction (creating its row when
   * missing): timetable writes of one institution run one after the other, each seeing the last one's
   * cells. SQLite transactions already take turns.
   */
  async lock(): Promise<void> {
    const touch = upsertClause(this.db.dialect, ['tenant_id'], { version: 'version + 1' });
    await this.sql(`INSERT INTO timetable_settings (tenant_id, version) VALUES (?, 0) ${touch}`);
  }
  async saveLimits(maxPeriodsPerDay: number | null, maxPeriodsPerWeek: number | null): Promise<void> {
    await this.lock();
    await this.update({}, { maxPeriodsPerDay, maxPeriodsPerWeek });
  }
}

@Injectable()
export class TimetableEntriesRepository extends TenantScopedRepository<TimetableEntry> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, TimetableEntry);
  }
  ofYear(academicYearId: string): Promise<TimetableEntry[]> {
    return this.find({ where: { academicYearId } });
  }
  ofSection(academicYearId: string, sectionId: string): Promise<TimetableEntry[]> {
    return this.find({ where: { academicYearId, sectionId }, order: { weekday: 'ASC', period: 'ASC' } });
  }
  ofTeacher(academicYearId: string, teacherUserId: string): Promise<TimetableEntry[]> {
    return this.find({ where: { academicYearId, teacherUserId }, order: { weekday: 'ASC', period: 'ASC' } });
  }
  onWeekday(academicYearId: string, weekday: number): Promise<TimetableEntry[]> {
    return this.find({ where: { academicYearId, weekday }, order: { period: 'ASC' } });
  }
  /** Replaces cells of a section: all of them, or those in the given weekday-period slots. */
  async replace(
    academicYearId: string,
    sectionId: string,
    slots: { weekday: number; period: number }[] | 'all',
    rows: Insertable<TimetableEntry>[],
  ): Promise<void> {
    if (slots === 'all') await this.delete({ academicYearId, sectionId });
    else
      for (const s of slots)
        await this.delete({ academicYearId, sectionId, weekday: s.weekday, period: s.period });
    await this.insert(rows);
  }
}

@Injectable()
export class SubstitutionsRepository extends TenantScopedRepository<TimetableSubstitution> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, TimetableSubstitution);
  }
  onDate(date: string): Promise<TimetableSubstitution[]> {
    return this.find({ where: { date }, order: { period: 'ASC' } });
  }
  ofAbsentTeacher(absentTeacherUserId: string, date: string): Promise<TimetableSubstitution[]> {
    return this.find({ where: { absentTeacherUserId, date }, order: { period: 'ASC' } });
  }
  ofSubstitute(substituteUserId: string, date: string): Promise<TimetableSubstitution[]> {
    return this.find({ where: { substituteUserId, date }, order: { period: 'ASC' } });
  }
  byIds(ids: string[]): Promise<TimetableSubstitution[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }
  covering(substituteUserId: string, sectionId: string, date: string, period: number): Promise<boolean> {
    return this.exists({ substituteUserId, sectionId, date, period });
  }
  byId(id: string): Promise<TimetableSubstitution | null> {
    return this.findOneBy({ id });
  }
  async add(row: Insertable<TimetableSubstitution>): Promise<void> {
    await this.insert(row);
  }
  async remove(id: string): Promise<number> {
    return this.delete({ id });
  }
  async removeOfSlot(date: string, sectionId: string, period: number): Promise<void> {
    await this.delete({ date, sectionId, period });
  }
}
