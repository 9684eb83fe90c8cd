import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/**
 * The exams tables. Marks and percentages are integers in hundredths ("centi"): a mark of 37.5 is 3750,
 * 91.00% is 9100, a grade point of 10.0 is 1000. Views turn them back into decimals.
 */

export const SCALE_KINDS = ['scholastic', 'co_scholastic'] as const;
export type ScaleKind = (typeof SCALE_KINDS)[number];

export const COMPONENT_CODES = ['theory', 'practical', 'internal'] as const;
export type ComponentCode = (typeof COMPONENT_CODES)[number];
/** The one column of a paper without components. */
export const TOTAL_COMPONENT = 'total';

export const MARK_STATUSES = ['marks', 'AB', 'EX', 'ML'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

export type SheetStatus = 'draft' | 'submitted';

@Entity({ name: 'grading_scales' })
export class GradingScale extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ScaleKind;
}

@Entity({ name: 'grading_bands' })
export class GradingBandRow extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'scale_id', type: 'varchar', length: 36 })
  scaleId!: string;

  @Column({ type: 'varchar', length: 4 })
  grade!: string;

  /** Inclusive lower bound in hundredths of a percent. */
  @Column({ name: 'min_percent_centi', type: 'int' })
  minPercentCenti!: number;

  /** Inclusive upper bound in hundredths of a percent. */
  @Column({ name: 'max_percent_centi', type: 'int' })
  maxPercentCenti!: number;

  @Column({ name: 'grade_point_centi', type: 'int', nullable: true })
  gradePointCenti!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  description!: string | null;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;
}

@Entity({ name: 'exam_terms' })
export class ExamTerm extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;

  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'varchar', length: 10 })
  endsOn!: string;

  /** Share of the year result in hundredths of a percent; a year's terms add up to 10000. */
  @Column({ name: 'year_weightage_centi', type: 'int' })
  yearWeightageCenti!: number;

  /** The scholastic scale grading this term; null means the institution's first scholastic scale. */
  @Column({ name: 'grading_scale_id', type: 'varchar', length: 36, nullable: true })
  gradingScaleId!: string | null;
}

@Entity({ name: 'assessments' })
export class Assessment extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'term_id', type: 'varchar', length: 36 })
  termId!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  code!: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;

  /** Share of the term result in hundredths of a percent; a term's assessments add up to 10000. */
  @Column({ name: 'term_weightage_centi', type: 'int' })
  termWeightageCenti!: number;
}

@Entity({ name: 'assessment_papers' })
export class AssessmentPaper extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'assessment_id', type: 'varchar', length: 36 })
  assessmentId!: string;

  @Column({ name: 'class_id', type: 'varchar', length: 36 })
  classId!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ name: 'max_marks_centi', type: 'int' })
  maxMarksCenti!: number;

  @Column({ name: 'pass_marks_centi', type: 'int' })
  passMarksCenti!: number;
}

@Entity({ name: 'paper_components' })
export class PaperComponent extends TenantEntity {
  @PrimaryColumn({ name: 'paper_id', type: 'varchar', length: 36 })
  paperId!: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: ComponentCode;

  @Column({ name: 'max_marks_centi', type: 'int' })
  maxMarksCenti!: number;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;
}

@Entity({ name: 'mark_sheets' })
export class MarkSheet extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'paper_id', type: 'varchar', length: 36 })
  paperId!: string;

  @Column({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: SheetStatus;

  @Column({ name: 'entered_by', type: 'varchar', length: 36, nullable: true })
  enteredBy!: string | null;

  @Column({ name: 'submitted_at', type: 'datetime', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_by', type: 'varchar', length: 36, nullable: true })
  submittedBy!: string | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

@Entity({ name: 'marks' })
export class Mark extends TenantEntity {
  @PrimaryColumn({ name: 'sheet_id', type: 'varchar', length: 36 })
  sheetId!: string;

  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @PrimaryColumn({ name: 'component_code', type: 'varchar', length: 12 })
  componentCode!: string;

  @Column({ type: 'varchar', length: 5 })
  status!: MarkStatus;

  /** Null unless status is 'marks'. */
  @Column({ name: 'marks_centi', type: 'int', nullable: true })
  marksCenti!: number | null;

  @Column({ name: 'updated_by', type: 'varchar', length: 36, nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

@Entity({ name: 'co_scholastic_areas' })
export class CoScholasticArea extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;

  @Column({ name: 'scale_id', type: 'varchar', length: 36 })
  scaleId!: string;
}

@Entity({ name: 'co_scholastic_grades' })
export class CoScholasticGrade extends TenantEntity {
  @PrimaryColumn({ name: 'term_id', type: 'varchar', length: 36 })
  termId!: string;

  @PrimaryColumn({ name: 'area_id', type: 'varchar', length: 36 })
  areaId!: string;

  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ type: 'varchar', length: 4 })
  grade!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 36, nullable: true })
  updatedBy!: string | null;
}

@Entity({ name: 'result_publications' })
export class ResultPublication extends TenantEntity {
  @PrimaryColumn({ name: 'term_id', type: 'varchar', length: 36 })
  termId!: string;

  @PrimaryColumn({ name: 'class_id', type: 'varchar', length: 36 })
  classId!: string;

  @Column({ name: 'published_at', type: 'datetime' })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'varchar', length: 36, nullable: true })
  publishedBy!: string | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'unpublished_at', type: 'datetime', nullable: true })
  unpublishedAt!: Date | null;
}

@Entity({ name: 'exam_remarks' })
export class ExamRemark extends TenantEntity {
  @PrimaryColumn({ name: 'term_id', type: 'varchar', length: 36 })
  termId!: string;

  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ type: 'text' })
  remark!: string;

  @Column({ name: 'remarked_by', type: 'varchar', length: 36, nullable: true })
  remarkedBy!: string | null;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

export const EXAM_ENTITIES = [
  GradingScale,
  GradingBandRow,
  ExamTerm,
  Assessment,
  AssessmentPaper,
  PaperComponent,
  MarkSheet,
  Mark,
  CoScholasticArea,
  CoScholasticGrade,
  ResultPublication,
  ExamRemark,
];
