import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  boolean,
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

/** A school day or date of birth: a local calendar date 'YYYY-MM-DD', never shifted by time zones. */
const localDate = (name: string, nullable = false) => varchar(name, 10, nullable);

/** Per-tenant data keys, academic structure, students, guardians and their links. */
export class AcademicsAndStudents1763971200000 implements MigrationInterface {
  name = 'AcademicsAndStudents1763971200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'tenant_data_keys',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...integer('version'), isPrimary: true },
          text('wrapped_key'),
          varchar('status', 16, false, 'active'),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('tenant_data_keys')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'academic_years',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('name', 40),
          localDate('starts_on'),
          localDate('ends_on'),
          // 1 for the current year, NULL otherwise: the unique key allows one current year per institution.
          { ...integer('current_marker', true) },
          ...createdUpdated(q),
        ],
        uniques: [
          { name: 'uq_academic_years_name', columnNames: ['tenant_id', 'name'] },
          { name: 'uq_academic_years_current', columnNames: ['tenant_id', 'current_marker'] },
        ],
        foreignKeys: [tenantForeignKey('academic_years')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'classes',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('name', 60),
          integer('ordinal'),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_classes_name', columnNames: ['tenant_id', 'name'] }],
        foreignKeys: [tenantForeignKey('classes')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'sections',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('class_id'),
          varchar('name', 20),
          uuidColumn('class_teacher_user_id', true),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_sections_name', columnNames: ['tenant_id', 'class_id', 'name'] }],
        indices: [{ name: 'ix_sections_class_teacher', columnNames: ['tenant_id', 'class_teacher_user_id'] }],
        foreignKeys: [
          tenantForeignKey('sections'),
          tenantReference('sections', 'class_id', 'classes'),
          tenantReference('sections', 'class_teacher_user_id', 'users'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'subjects',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('code', 20),
          varchar('name', 100),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_subjects_code', columnNames: ['tenant_id', 'code'] }],
        foreignKeys: [tenantForeignKey('subjects')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'subject_assignments',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('academic_year_id'),
          uuidColumn('section_id'),
          uuidColumn('subject_id'),
          uuidColumn('teacher_user_id'),
          ...createdUpdated(q),
        ],
        uniques: [
          {
            name: 'uq_subject_assignments',
            columnNames: ['tenant_id', 'academic_year_id', 'section_id', 'subject_id'],
          },
        ],
        indices: [{ name: 'ix_subject_assignments_teacher', columnNames: ['tenant_id', 'teacher_user_id'] }],
        foreignKeys: [
          tenantForeignKey('subject_assignments'),
          tenantReference('subject_assignments', 'academic_year_id', 'academic_years'),
          tenantReference('subject_assignments', 'section_id', 'sections'),
          tenantReference('subject_assignments', 'subject_id', 'subjects'),
          tenantReference('subject_assignments', 'teacher_user_id', 'users'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'students',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('admission_no', 40),
          varchar('first_name', 100),
          varchar('last_name', 100),
          // lower("first last") for case-insensitive prefix search
          varchar('name_search', 201),
          localDate('date_of_birth'),
          varchar('gender', 16),
          localDate('admission_date'),
          varchar('status', 16, false, 'active'),
          text('national_id_enc', true),
          varchar('national_id_bidx', 64, true),
          text('medical_notes_enc', true),
          text('address_enc', true),
          uuidColumn('user_id', true),
          ...createdUpdated(q),
        ],
        uniques: [
          { name: 'uq_students_admission_no', columnNames: ['tenant_id', 'admission_no'] },
          { name: 'uq_students_user', columnNames: ['tenant_id', 'user_id'] },
        ],
        indices: [
          { name: 'ix_students_name', columnNames: ['tenant_id', 'name_search'] },
          { name: 'ix_students_national_id', columnNames: ['tenant_id', 'national_id_bidx'] },
          { name: 'ix_students_status', columnNames: ['tenant_id', 'status'] },
        ],
        foreignKeys: [tenantForeignKey('students'), tenantReference('students', 'user_id', 'users')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'enrolments',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('student_id'),
          uuidColumn('academic_year_id'),
          uuidColumn('section_id'),
          integer('roll_no', true),
          varchar('status', 16, false, 'active'),
          ...createdUpdated(q),
        ],
        uniques: [
          {
            name: 'uq_enrolments_year_student',
            columnNames: ['tenant_id', 'academic_year_id', 'student_id'],
          },
        ],
        indices: [
          { name: 'ix_enrolments_section', columnNames: ['tenant_id', 'academic_year_id', 'section_id'] },
          { name: 'ix_enrolments_student', columnNames: ['tenant_id', 'student_id'] },
        ],
        foreignKeys: [
          tenantForeignKey('enrolments'),
          tenantReference('enrolments', 'student_id', 'students', 'CASCADE'),
          tenantReference('enrolments', 'academic_year_id', 'academic_years'),
          tenantReference('enrolments', 'section_id', 'sections'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'guardians',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('full_name', 200),
          text('phone_enc', true),
          varchar('phone_bidx', 64, true),
          text('email_enc', true),
          varchar('email_bidx', 64, true),
          text('address_enc', true),
          uuidColumn('user_id', true),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_guardians_user', columnNames: ['tenant_id', 'user_id'] }],
        indices: [
          { name: 'ix_guardians_phone', columnNames: ['tenant_id', 'phone_bidx'] },
          { name: 'ix_guardians_email', columnNames: ['tenant_id', 'email_bidx'] },
        ],
        foreignKeys: [tenantForeignKey('guardians'), tenantReference('guardians', 'user_id', 'users')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'student_guardians',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          { ...uuidColumn('guardian_id'), isPrimary: true },
          varchar('relationship', 20),
          boolean('is_primary', false),
          timestamp(q, 'created_at', false, true),
        ],
        indices: [{ name: 'ix_student_guardians_guardian', columnNames: ['tenant_id', 'guardian_id'] }],
        foreignKeys: [
          tenantForeignKey('student_guardians'),
          tenantReference('student_guardians', 'student_id', 'students', 'CASCADE'),
          tenantReference('student_guardians', 'guardian_id', 'guardians', 'CASCADE'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'student_guardians',
      'guardians',
      'enrolments',
      'students',
      'subject_assignments',
      'subjects',
      'sections',
      'classes',
      'academic_years',
      'tenant_data_keys',
    ]) {
      await q.dropTable(table);
    }
  }
}
