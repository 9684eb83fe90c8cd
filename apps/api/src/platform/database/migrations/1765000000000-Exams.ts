import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdUpdated,
  integer,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

const localDate = (name: string) => varchar(name, 10);

/**
 * Exams: grading scales and bands, terms and their assessments, papers (assessment x class x subject) with
 * optional components, mark sheets (one paper for one section) and their marks, co-scholastic grades,
 * result publications and class teachers' remarks. Marks and percentages are integers in hundredths.
 */
export class Exams1765000000000 implements MigrationInterface {
  name = 'Exams1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'grading_scales',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('name', 60),
          // scholastic | co_scholastic
          varchar('kind', 16),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_grading_scales_name', columnNames: ['tenant_id', 'name'] }],
        foreignKeys: [tenantForeignKey('grading_scales')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'grading_bands',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('scale_id'),
          varchar('grade', 4),
          // inclusive bounds in hundredths of a percent (91.00% = 9100)
          integer('min_percent_centi'),
          integer('max_percent_centi'),
          // 10.0 = 1000
          integer('grade_point_centi', true),
          varchar('description', 100, true),
          integer('sort_order', false, 0),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_grading_bands_grade', columnNames: ['tenant_id', 'scale_id', 'grade'] }],
        foreignKeys: [
          tenantForeignKey('grading_bands'),
          tenantReference('grading_bands', 'scale_id', 'grading_scales', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'exam_terms',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('academic_year_id'),
          varchar('name', 60),
          integer('sort_order', false, 0),
          localDate('starts_on'),
          localDate('ends_on'),
          // share of the year result; the terms of a year add up to 10000
          integer('year_weightage_centi'),
          // the scholastic scale that grades this term's results (null: the institution's first one)
          uuidColumn('grading_scale_id', true),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_exam_terms_name', columnNames: ['tenant_id', 'academic_year_id', 'name'] }],
        foreignKeys: [
          tenantForeignKey('exam_terms'),
          tenantReference('exam_terms', 'academic_year_id', 'academic_years'),
          tenantReference('exam_terms', 'grading_scale_id', 'grading_scales'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessments',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('term_id'),
          varchar('name', 80),
          varchar('code', 20),
          integer('sort_order', false, 0),
          // share of the term result; the assessments of a term add up to 10000
          integer('term_weightage_centi'),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_assessments_code', columnNames: ['tenant_id', 'term_id', 'code'] }],
        foreignKeys: [
          tenantForeignKey('assessments'),
          tenantReference('assessments', 'term_id', 'exam_terms', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessment_papers',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('assessment_id'),
          uuidColumn('class_id'),
          uuidColumn('subject_id'),
          integer('max_marks_centi'),
          integer('pass_marks_centi'),
          ...createdUpdated(q),
        ],
        uniques: [
          {
            name: 'uq_assessment_papers_slot',
            columnNames: ['tenant_id', 'assessment_id', 'class_id', 'subject_id'],
          },
        ],
        foreignKeys: [
          tenantForeignKey('assessment_papers'),
          tenantReference('assessment_papers', 'assessment_id', 'assessments', 'CASCADE'),
          tenantReference('assessment_papers', 'class_id', 'classes'),
          tenantReference('assessment_papers', 'subject_id', 'subjects'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'paper_components',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('paper_id'), isPrimary: true },
          // theory | practical | internal
          { ...varchar('code', 12), isPrimary: true },
          integer('max_marks_centi'),
          integer('sort_order', false, 0),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('paper_components'),
          tenantReference('paper_components', 'paper_id', 'assessment_papers', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mark_sheets',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('paper_id'),
          uuidColumn('section_id'),
          // draft | submitted
          varchar('status', 10, false, 'draft'),
          uuidColumn('entered_by', true),
          timestamp(q, 'submitted_at', true),
          uuidColumn('submitted_by', true),
          // bumped by every save that changes a mark and by submit
          integer('version', false, 0),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_mark_sheets_slot', columnNames: ['tenant_id', 'paper_id', 'section_id'] }],
        indices: [{ name: 'ix_mark_sheets_section', columnNames: ['tenant_id', 'section_id'] }],
        foreignKeys: [
          tenantForeignKey('mark_sheets'),
          tenantReference('mark_sheets', 'paper_id', 'assessment_papers', 'CASCADE'),
          tenantReference('mark_sheets', 'section_id', 'sections'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'marks',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('sheet_id'), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          // a component code, or 'total' when the paper has no components
          { ...varchar('component_code', 12), isPrimary: true },
          // marks | AB | EX | ML
          varchar('status', 5),
          // null unless status = 'marks'
          integer('marks_centi', true),
          uuidColumn('updated_by', true),
          ...createdUpdated(q),
        ],
        indices: [{ name: 'ix_marks_student', columnNames: ['tenant_id', 'student_id'] }],
        foreignKeys: [
          tenantForeignKey('marks'),
          tenantReference('marks', 'sheet_id', 'mark_sheets', 'CASCADE'),
          tenantReference('marks', 'student_id', 'students', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'co_scholastic_areas',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('name', 80),
          integer('sort_order', false, 0),
          uuidColumn('scale_id'),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_co_scholastic_areas_name', columnNames: ['tenant_id', 'name'] }],
        foreignKeys: [
          tenantForeignKey('co_scholastic_areas'),
          tenantReference('co_scholastic_areas', 'scale_id', 'grading_scales'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'co_scholastic_grades',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('term_id'), isPrimary: true },
          { ...uuidColumn('area_id'), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          varchar('grade', 4),
          uuidColumn('updated_by', true),
          ...createdUpdated(q),
        ],
        indices: [{ name: 'ix_co_scholastic_grades_student', columnNames: ['tenant_id', 'student_id'] }],
        foreignKeys: [
          tenantForeignKey('co_scholastic_grades'),
          tenantReference('co_scholastic_grades', 'term_id', 'exam_terms', 'CASCADE'),
          tenantReference('co_scholastic_grades', 'area_id', 'co_scholastic_areas', 'CASCADE'),
          tenantReference('co_scholastic_grades', 'student_id', 'students', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'result_publications',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('term_id'), isPrimary: true },
          { ...uuidColumn('class_id'), isPrimary: true },
          timestamp(q, 'published_at'),
          uuidColumn('published_by', true),
          integer('version', false, 1),
          timestamp(q, 'unpublished_at', true),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('result_publications'),
          tenantReference('result_publications', 'term_id', 'exam_terms', 'CASCADE'),
          tenantReference('result_publications', 'class_id', 'classes'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'exam_remarks',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('term_id'), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          text('remark'),
          uuidColumn('remarked_by', true),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('exam_remarks'),
          tenantReference('exam_remarks', 'term_id', 'exam_terms', 'CASCADE'),
          tenantReference('exam_remarks', 'student_id', 'students', 'CASCADE'),
        ],
      }),
    );
    await this.grantModerate(q);
  }

  /**
   * exams.moderate is new in the catalogue: institutions provisioned before it get it on their school admin
   * role, as a new institution does (DEFAULT_ROLE_PERMISSIONS). Roles that already hold it are left alone.
   */
  async grantModerate(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO role_permissions (tenant_id, role_id, permission)
       SELECT r.tenant_id, r.id, 'exams.moderate' FROM roles r
       WHERE r.role_key = 'school_admin' AND r.tenant_id IN (SELECT id FROM institutions)
       AND NOT EXISTS (SELECT 1 FROM role_permissions p
         WHERE p.tenant_id = r.tenant_id AND p.role_id = r.id AND p.permission = 'exams.moderate')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      "DELETE FROM role_permissions WHERE permission = 'exams.moderate' AND tenant_id IN (SELECT id FROM institutions)",
    );
    for (const table of [
      'exam_remarks',
      'result_publications',
      'co_scholastic_grades',
      'co_scholastic_areas',
      'marks',
      'mark_sheets',
      'paper_components',
      'assessment_papers',
      'assessments',
      'exam_terms',
      'grading_bands',
      'grading_scales',
    ])
      await q.dropTable(table);
  }
}
