import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** One slot of a weekday's bell schedule: a numbered period (the register's period) or a break. */
@Entity({ name: 'timetable_bell_slots' })
export class TimetableBellSlot extends TenantEntity {
  @PrimaryColumn({ type: 'int' })
  weekday!: number;

  /** Order of the slot within the day, from 0. */
  @PrimaryColumn({ type: 'int' })
  slot!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'period' | 'break';

  @Column({ type: 'int', nullable: true })
  period!: number | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  label!: string | null;

  @Column({ name: 'starts_at', type: 'varchar', length: 5 })
  startsAt!: string;

  @Column({ name: 'ends_at', type: 'varchar', length: 5 })
  endsAt!: string;
}

/**
 * The institution's timetable limits. Its row is also the institution's timetable lock: every timetable
 * write takes it first, so concurrent writes are checked for clashes one after the other.
 */
@Entity({ name: 'timetable_settings' })
export class TimetableSettingsRow extends TenantEntity {
  @Column({ name: 'max_periods_per_day', type: 'int', nullable: true })
  maxPeriodsPerDay!: number | null;

  @Column({ name: 'max_periods_per_week', type: 'int', nullable: true })
  maxPeriodsPerWeek!: number | null;

  @Column({ type: 'int' })
  version!: number;
}

/** One cell of a section's weekly grid in an academic year. */
@Entity({ name: 'timetable_entries' })
export class TimetableEntry extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @Column({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId!: string;

  @Column({ type: 'int' })
  weekday!: number;

  @Column({ type: 'int' })
  period!: number;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ name: 'teacher_user_id', type: 'varchar', length: 36 })
  teacherUserId!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  room!: string | null;
}

/** A confirmed one-day cover of an absent teacher's period by a colleague. */
@Entity({ name: 'timetable_substitutions' })
export class TimetableSubstitution extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'int' })
  period!: number;

  @Column({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ name: 'absent_teacher_user_id', type: 'varchar', length: 36 })
  absentTeacherUserId!: string;

  @Column({ name: 'substitute_user_id', type: 'varchar', length: 36 })
  substituteUserId!: string;

  @Column({ name: 'confirmed_by', type: 'varchar', length: 36 })
  confirmedBy!: string;

  @Column({ name: 'confirmed_at', type: 'datetime' })
  confirmedAt!: Date;
}

export const TIMETABLE_ENTITIES = [
  TimetableBellSlot,
  TimetableSettingsRow,
  TimetableEntry,
  TimetableSubstitution,
] as const;
