import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdUpdated,
  integer,
  tenantForeignKey,
  tenantIdColumn,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/**
 * Grievances (issue 13 item 9, DPDP): what a parent raised, about which child (optional), by when the
 * school's grievance officer must answer, and the answer; plus each school's officer and response period.
 */
export class PrivacyGrievances1765100000010 implements MigrationInterface {
  name = 'PrivacyGrievances1765100000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'privacy_grievances',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('raised_by_user_id'),
          uuidColumn('student_id', true),
          varchar('category', 24),
          varchar('subject', 200),
          text('text'),
          varchar('status', 16, false, 'open'),
          timestamp(q, 'received_at'),
          timestamp(q, 'due_at'),
          text('answer', true),
          uuidColumn('answered_by_user_id', true),
          timestamp(q, 'answered_at', true),
          ...createdUpdated(q),
        ],
        indices: [
          { name: 'ix_privacy_grievances_status_due', columnNames: ['tenant_id', 'status', 'due_at'] },
          { name: 'ix_privacy_grievances_raiser', columnNames: ['tenant_id', 'raised_by_user_id'] },
          { name: 'ix_privacy_grievances_student', columnNames: ['tenant_id', 'student_id'] },
        ],
        foreignKeys: [tenantForeignKey('privacy_grievances')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'privacy_grievance_officers',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          varchar('name', 120),
          varchar('email', 254),
          varchar('phone', 32, true),
          integer('response_days', false, 30),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('privacy_grievance_officers')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('privacy_grievance_officers');
    await q.dropTable('privacy_grievances');
  }
}
