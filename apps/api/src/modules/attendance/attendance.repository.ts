import { Injectable } from '@nestjs/common';
import { Between, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { upsertClause } from '../../platform/database/upsert-clause';
import { sqlTimestamp } from '../../platform/database/transformers';
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

  /** The day's absences across the school, as plain rows (the day summary reads them on every view). */
  async absentOn(date: string): Promise<Pick<AttendanceMark, 'studentId' | 'sectionId' | 'note'>[]> {
    const rows = await this.sql<{ student_id: string; section_id: string; note: string | null }[]>(
      "SELECT student_id, section_id, note FROM attendance_marks WHERE tenant_id = ? AND date = ? AND period = 0 AND status = 'absent'",
      [date],
    );
    return rows.map((r) => ({ studentId: r.student_id, sectionId: r.section_id, note: r.note }));
  }

  absentInRange(studentId: string, from: string, to: string): Promise<AttendanceMark[]> {
    return this.find({ where: { studentId, status: 'absent', date: Between(from, to) } });
  }

  /** Per student counts of each status over a range (daily marks), for percentage reports. */
  /** Daily marks per student and status over a range, leaving out the `skipped` dates (non-working days). */
  async countsByStudent(
    from: string,
    to: string,
    skipped: string[] = [],
  ): Promise<{ studentId: string; status: string; n: number }[]> {
    const qb = this.query('m')
      .select('m.studentId', 'student_id')
      .addSelect('m.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .andWhere('m.date BETWEEN :from AND :to', { from, to })
      .andWhere('m.period = 0');
    if (skipped.length) qb.andWhere('m.date NOT IN (:...skipped)', { skipped });
    const rows: { student_id: string; status: string; n: string | number }[] = await qb
      .groupBy('m.studentId')
      .addGroupBy('m.status')
      .getRawMany();
    return rows.map((r) => ({ studentId: r.student_id, status: r.status, n: Number(r.n) }));
  }

  /** One multi-row INSERT ... ON CONFLICT/ON DUPLICATE KEY statement per 500 marks; existing ids are kept. */
  async upsertMany(rows: Omit<AttendanceMark, 'tenantId'>[]): Promise<void> {
    const columns =
      'tenant_id, id, student_id, date, period, subject_id, section_id, status, note, source, marked_by, updated_at';
    const updated = ['subject_id', 'section_id', 'status', 'note', 'source', 'marked_by', 'updated_at'];
    const onConflict = upsertClause(this.db.dialect, ['tenant_id', 'student_id', 'date', 'period'], updated);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const tenantId = this.tenantId;
      const values = chunk.flatMap((r, k) => [
        ...(k === 0 ? [] : [tenantId]),
        r.id,
        r.studentId,
        r.date,
        r.period,
        r.subjectId,
        r.sectionId,
        r.status,
        r.note,
        r.source,
        r.markedBy,
        sqlTimestamp(r.updatedAt, this.db.dialect),
      ]);
      await this.sql(
        `INSERT INTO attendance_marks (${columns}) VALUES ${TenantScopedRepository.rowsOf(chunk.length, 12)} ${onConflict}`,
        values,
      );
    }
  }

  /**
   * A register save's first statement: the section-day's marks under its day-summary row lock. On MySQL a
   * locking read (FOR UPDATE) of the summary row joined to the marks takes the row lock
   * `DaySummariesRepository.lockDay` takes and reads the latest committed marks; on SQLite, whose
   * transactions take turns, a plain read. Null when the day has no summary row yet (never saved): the
   * caller then takes `lockDay`, which creates it, and reads the marks with `sectionDay`.
   */
  async lockedSectionDay(
    sectionId: string,
    date: string,
    period: number,
  ): Promise<Pick<AttendanceMark, 'id' | 'studentId' | 'status' | 'note' | 'sectionId'>[] | null> {
    const rows = await this.sql<
      {
        day: string;
        id: string | null;
        student_id: string | null;
        status: AttendanceMark['status'] | null;
        note: string | null;
        section_id: string | null;
      }[]
    >(
      `SELECT d.section_id AS day, m.id, m.student_id, m.status, m.note, m.section_id
         FROM attendance_day_summaries d
         LEFT JOIN attendance_marks m
           ON m.tenant_id = d.tenant_id AND m.section_id = d.section_id AND m.date = d.date AND m.period = d.period
        WHERE d.tenant_id = ? AND d.date = ? AND d.section_id = ? AND d.period = ?${this.db.dialect === 'mysql' ? ' FOR UPDATE' : ''}`,
      [date, sectionId, period],
    );
    if (!rows.length) return null;
    return rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: r.id!,
        studentId: r.student_id!,
        status: r.status!,
        note: r.note,
        sectionId: r.section_id!,
      }));
  }

  /** The marks of one section-day as plain rows (the hot read of a register save). */
  async sectionDay(
    sectionId: string,
    date: string,
    period: number,
  ): Promise<Pick<AttendanceMark, 'id' | 'studentId' | 'status' | 'note' | 'sectionId'>[]> {
    const rows = await this.sql<
      {
        id: string;
        student_id: string;
        status: AttendanceMark['status'];
        note: string | null;
        section_id: string;
      }[]
    >(
      'SELECT id, student_id, status, note, section_id FROM attendance_marks WHERE tenant_id = ? AND section_id = ? AND date = ? AND period = ?',
      [sectionId, date, period],
    );
    return rows.map((r) => ({
      id: r.id,
      studentId: r.student_id,
      status: r.status,
      note: r.note,
      sectionId: r.section_id,
    }));
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
  async lockDay(date: string, sectionId: string, period: number): Promise<void> {
    // One statement that inserts the row or touches it: either way this transaction now holds its row lock
    // until commit, and the day's counts are rewritten before then.
    const touch = upsertClause(this.db.dialect, ['tenant_id', 'date', 'section_id', 'period'], {
      total: 'total',
    });
    await this.sql(
      `INSERT INTO attendance_day_summaries (tenant_id, date, section_id, period) VALUES (?, ?, ?, ?) ${touch}`,
      [date, sectionId, period],
    );
  }

  /** One section-day's counts (a register save, a leave approval): one hand-written upsert. */
  async write(s: Omit<AttendanceDaySummary, 'tenantId'>): Promise<void> {
    const counts = ['present', 'absent', 'late', 'excused', 'half_day', 'total', 'marked_by', 'marked_at'];
    const onConflict = upsertClause(this.db.dialect, ['tenant_id', 'date', 'section_id', 'period'], counts);
    await this.sql(
      `INSERT INTO attendance_day_summaries (tenant_id, date, section_id, period, ${counts.join(', ')}) VALUES ${TenantScopedRepository.rowsOf(1, 12)} ${onConflict}`,
      [
        s.date,
        s.sectionId,
        s.period,
        s.present,
        s.absent,
        s.late,
        s.excused,
        s.halfDay,
        s.total,
        s.markedBy,
        s.markedAt ? sqlTimestamp(s.markedAt, this.db.dialect) : null,
      ],
    );
  }

  async writeMany(rows: Omit<AttendanceDaySummary, 'tenantId'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await this.upsert(rows.slice(i, i + 500), ['date', 'sectionId', 'period']);
  }

  /** Every section's counts for a day, as plain rows (the day summary's hot read). */
  async onDay(
    date: string,
    period = 0,
  ): Promise<
    Pick<
      AttendanceDaySummary,
      'sectionId' | 'present' | 'absent' | 'late' | 'excused' | 'halfDay' | 'total'
    >[]
  > {
    const rows = await this.sql<
      {
        section_id: string;
        present: number;
        absent: number;
        late: number;
        excused: number;
        half_day: number;
        total: number;
      }[]
    >(
      'SELECT section_id, present, absent, late, excused, half_day, total FROM attendance_day_summaries WHERE tenant_id = ? AND date = ? AND period = ?',
      [date, period],
    );
    return rows.map((r) => ({
      sectionId: r.section_id,
      present: Number(r.present),
      absent: Number(r.absent),
      late: Number(r.late),
      excused: Number(r.excused),
      halfDay: Number(r.half_day),
      total: Number(r.total),
    }));
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
  async add(r: Insertable<LeaveRequest>): Promise<void> {
    await this.insert(r);
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
  /** How many of the tenant's leave requests are in a status (a dashboard card). */
  countWithStatus(status: LeaveStatus): Promise<number> {
    return this.count({ status });
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
