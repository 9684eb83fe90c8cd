import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

@Entity({ name: 'academic_years' })
export class AcademicYear extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'varchar', length: 10 })
  endsOn!: string;

  /** 1 on the current year, null on the others. */
  @Column({ name: 'current_marker', type: 'int', nullable: true })
  currentMarker!: number | null;
}

@Entity({ name: 'classes' })
export class SchoolClass extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  /** Order of classes, for promotion and sorting (Nursery 0, Class 1 = 1, ...). */
  @Column({ type: 'int' })
  ordinal!: number;
}

@Entity({ name: 'sections' })
export class Section extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'class_id', type: 'varchar', length: 36 })
  classId!: string;

  @Column({ type: 'varchar', length: 20 })
  name!: string;

  @Column({ name: 'class_teacher_user_id', type: 'varchar', length: 36, nullable: true })
  classTeacherUserId!: string | null;
}

@Entity({ name: 'subjects' })
export class Subject extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}

@Entity({ name: 'subject_assignments' })
export class SubjectAssignment extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @Column({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ name: 'teacher_user_id', type: 'varchar', length: 36 })
  teacherUserId!: string;
}
