import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

export const ATTENDANCE_STATUSES = ['present', 'absent', 'late', 'excused', 'half_day'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

@Entity({ name: 'attendance_settings' })
export class AttendanceSettings extends TenantEntity {
  @Column({ type: 'varchar', length: 8 })
  mode!: 'daily' | 'period';

  @Column({ name: 'periods_per_day', type: 'int' })
  periodsPerDay!: number;

  /** Local time HH:MM after which a day's marks are locked. */
  @Column({ name: 'cutoff_time', type: 'varchar', length: 5 })
  cutoffTime!: string;

  /** Comma-separated weekdays off, 0 = Sunday .. 6 = Saturday. */
  @Column({ name: 'weekly_off_days', type: 'varchar', length: 20 })
  weeklyOffDays!: string;

  @Column({ name: 'chronic_threshold_percent', type: 'int' })
  chronicThresholdPercent!: number;
}

@Entity({ name: 'holidays' })
export class Holiday extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}

@Entity({ name: 'attendance_marks' })
export class AttendanceMark extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'int' })
  period!: number;

  @Column({ name: 'subject_id', type: 'varchar', length: 36, nullable: true })
  subjectId!: string | null;

  @Column({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: AttendanceStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  /** teacher, override, leave or import */
  @Column({ type: 'varchar', length: 10 })
  source!: string;

  @Column({ name: 'marked_by', type: 'varchar', length: 36, nullable: true })
  markedBy!: string | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

@Entity({ name: 'attendance_day_summaries' })
export class AttendanceDaySummary extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @PrimaryColumn({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId!: string;

  @PrimaryColumn({ type: 'int' })
  period!: number;

  @Column({ type: 'int' })
  present!: number;

  @Column({ type: 'int' })
  absent!: number;

  @Column({ type: 'int' })
  late!: number;

  @Column({ type: 'int' })
  excused!: number;

  @Column({ name: 'half_day', type: 'int' })
  halfDay!: number;

  @Column({ type: 'int' })
  total!: number;

  @Column({ name: 'marked_by', type: 'varchar', length: 36, nullable: true })
  markedBy!: string | null;

  @Column({ name: 'marked_at', type: 'datetime', nullable: true })
  markedAt!: Date | null;
}

export type LeaveStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

@Entity({ name: 'leave_requests' })
export class LeaveRequest extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ name: 'from_date', type: 'varchar', length: 10 })
  fromDate!: string;

  @Column({ name: 'to_date', type: 'varchar', length: 10 })
  toDate!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: LeaveStatus;

  @Column({ name: 'requested_by', type: 'varchar', length: 36 })
  requestedBy!: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_note', type: 'varchar', length: 500, nullable: true })
  decisionNote!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;
}
