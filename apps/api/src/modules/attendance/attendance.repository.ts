import { Injectable } from '@nestjs/common';
import { Between, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import {
  AttendanceDaySummary,
  AttendanceMark,
  AttendanceSettings,
  Holiday,
  LeaveRequest,
  LeaveStatus,
} from './entities/attendance.entities';

@Injectable()
export class AttendanceSettingsRepository extends TenantScopedRepository<AttendanceSettings> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, AttendanceSettings);
  }
  current(): Promise<AttendanceSettings | null> {
    return this.findOneBy({});
  }
  async save(settings: Omit<AttendanceSettings, 'tenantId'>): Promise<void> {
    await this.upsert([settings], []);
  }
}

@Injectable()
export class HolidaysRepository extends TenantScopedRepository<Holiday> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Holiday);
  }
  inRange(from: string, to: string): Promise<Holiday[]> {
    return this.find({ where: { date: Between(from, to) }, order: { date: 'ASC' } });
  }
  onDate(date: string): Promise<Holiday | null> {
    return this.findOneBy({ date });
  }
  byId(id: string): Promise<Holiday | null> {
    return this.findOneBy({ id });
  }
  async add(h: Omit<Holiday, 'tenantId'>): Promise<void> {
    await this.insert(h);
  }
  remove(id: string): Promise<number> {
    return this.delete({ id });
  }
}

@Injectable()
export class AttendanceMarksRepository extends TenantScopedRepository<AttendanceMark> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, AttendanceMark);
  }

  forStudentsOnDay(studentIds: string[], date: string, period: number): Promise<AttendanceMark[]> {
    return studentIds.length
      ? this.find({ where: { studentId: In(studentIds), date, period } })
      : Promise.resolve([]);
  }

  forSectionOnDay(sectionId: string, date: string, period: number): Promise<AttendanceMark[]> {
    return this.find({ where: { sectionId, date, period } });
  }

  forSectionInRange(sectionId: string, from: string, to: string): Promise<AttendanceMark[]> {
    return this.find({ where: { sectionId, date: Between(from, to), period: 0 } });
  }

  forStudentInRange(studentId: string, from: string, to: string): Promise<AttendanceMark[]> {
    return this.find({ where: { studentId, date: Between(from, to), period: 0 }, order: { date: 'ASC' } });
  }

  absentOn(date: string): Promise<AttendanceMark[]> {
    return this.find({ where: { date, period: 0, status: 'absent' } });
  }

  absentInRange(studentId: string, from: string, to: string): Promise<AttendanceMark[]> {
    return this.find({ where: { studentId, status: 'absent', date: Between(from, to) } });
  }

  /** Per student counts of each status over a range (daily marks), for percentage reports. */
  async countsByStudent(
    from: string,
    to: string,
  ): Promise<{ studentId: string; status: string; n: number }[]> {
    const rows: { student_id: string; status: string; n: string | number }[] = await this.query('m')
      .select('m.studentId', 'student_id')
      .addSelect('m.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .andWhere('m.date BETWEEN :from AND :to', { from, to })
      .andWhere('m.period = 0')
      .groupBy('m.studentId')
      .addGroupBy('m.status')
      .getRawMany();
    return rows.map((r) => ({ studentId: r.student_id, status: r.status, n: Number(r.n) }));
  }

  async upsertMany(rows: Omit<AttendanceMark, 'tenantId'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await this.upsert(rows.slice(i, i + 500), ['studentId', 'date', 'period']);
  }
}

@Injectable()
export class DaySummariesRepository extends TenantScopedRepository<AttendanceDaySummary> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, AttendanceDaySummary);
  }

  /**
   * Takes the section-day's row lock for the rest of the transaction (creating the row when missing), so
   * two saves of one register run one after the other on MySQL. SQLite transactions already take turns.
   */
  async lockDay(date: string, sectionId: string, period: number): Promise<AttendanceDaySummary | null> {
    await this.insertIfMissing([
      {
        date,
        sectionId,
        period,
        present: 0,
        absent: 0,
        late: 0,
        excused: 0,
        halfDay: 0,
        total: 0,
        markedBy: null,
        markedAt: null,
      },
    ]);
    const qb = this.query('d').andWhere(
      'd.date = :date AND d.sectionId = :sectionId AND d.period = :period',
      { date, sectionId, period },
    );
    if (this.db.dialect === 'mysql') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async write(summary: Omit<AttendanceDaySummary, 'tenantId'>): Promise<void> {
    await this.upsert([summary], ['date', 'sectionId', 'period']);
  }

  async writeMany(rows: Omit<AttendanceDaySummary, 'tenantId'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await this.upsert(rows.slice(i, i + 500), ['date', 'sectionId', 'period']);
  }

  onDay(date: string, period = 0): Promise<AttendanceDaySummary[]> {
    return this.find({ where: { date, period } });
  }

  markedOnDay(date: string): Promise<AttendanceDaySummary[]> {
    return this.find({ where: { date, period: 0, total: MoreThanOrEqual(1) } });
  }
}

@Injectable()
export class LeaveRequestsRepository extends TenantScopedRepository<LeaveRequest> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, LeaveRequest);
  }
  byId(id: string): Promise<LeaveRequest | null> {
    return this.findOneBy({ id });
  }
  async add(r: Omit<LeaveRequest, 'tenantId' | 'createdAt'>): Promise<void> {
    await this.insert(r as Omit<LeaveRequest, 'tenantId'>);
  }
  list(filter: { studentIds?: string[]; status?: LeaveStatus }, limit: number): Promise<LeaveRequest[]> {
    return this.find({
      where: {
        ...(filter.studentIds ? { studentId: In(filter.studentIds.length ? filter.studentIds : ['-']) } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { fromDate: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
  /** Approved leave of these students that covers `date`. */
  approvedCovering(studentIds: string[], date: string): Promise<LeaveRequest[]> {
    return studentIds.length
      ? this.find({
          where: {
            studentId: In(studentIds),
            status: 'approved',
            fromDate: LessThanOrEqual(date),
            toDate: MoreThanOrEqual(date),
          },
        })
      : Promise.resolve([]);
  }
  overlapping(studentId: string, from: string, to: string): Promise<LeaveRequest[]> {
    return this.find({
      where: {
        studentId,
        status: In(['pending', 'approved']),
        fromDate: LessThanOrEqual(to),
        toDate: MoreThanOrEqual(from),
      },
    });
  }
  decide(
    id: string,
    patch: Pick<LeaveRequest, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>,
  ): Promise<number> {
    return this.update({ id, status: 'pending' }, patch);
  }
}
