import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdUpdated,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/**
 * The exam schedule: one row per sitting of a paper (a section of its class, or every section when
 * section_id is null) with a local date, local start and end times 'HH:MM', a room and an invigilator.
 */
export class ExamSchedule1765000000001 implements MigrationInterface {
  name = 'ExamSchedule1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'exam_sittings',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('paper_id'),
          // null: every section of the paper's class
          uuidColumn('section_id', true),
          // local date 'YYYY-MM-DD'
          varchar('sits_on', 10),
          // local wall-clock 'HH:MM'
          varchar('starts_at', 5),
          varchar('ends_at', 5),
          varchar('room', 60),
          uuidColumn('invigilator_user_id', true),
          ...createdUpdated(q),
        ],
        indices: [
          { name: 'ix_exam_sittings_paper', columnNames: ['tenant_id', 'paper_id'] },
          { name: 'ix_exam_sittings_day', columnNames: ['tenant_id', 'sits_on'] },
          { name: 'ix_exam_sittings_section', columnNames: ['tenant_id', 'section_id'] },
          { name: 'ix_exam_sittings_invigilator', columnNames: ['tenant_id', 'invigilator_user_id'] },
        ],
        foreignKeys: [
          tenantForeignKey('exam_sittings'),
          tenantReference('exam_sittings', 'paper_id', 'assessment_papers', 'CASCADE'),
          tenantReference('exam_sittings', 'section_id', 'sections', 'CASCADE'),
          tenantReference('exam_sittings', 'invigilator_user_id', 'users'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('exam_sittings');
  }
}
