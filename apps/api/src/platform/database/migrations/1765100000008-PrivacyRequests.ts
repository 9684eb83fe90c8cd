import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdUpdated,
  tenantForeignKey,
  tenantIdColumn,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/**
 * Data-subject requests (issue 13, PRV-02): access, correction, erasure and restriction requests about a
 * student, guardian or staff member, with their 30-day due date and the reason of a refusal.
 */
export class PrivacyRequests1765100000008 implements MigrationInterface {
  name = 'PrivacyRequests1765100000008';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'privacy_requests',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('type', 16),
          varchar('subject_type', 16),
          uuidColumn('subject_id'),
          varchar('status', 16, false, 'open'),
          text('details', true),
          varchar('raised_by', 8),
          uuidColumn('requested_by_user_id'),
          timestamp(q, 'received_at'),
          timestamp(q, 'due_at'),
          timestamp(q, 'closed_at', true),
          varchar('refusal_reason', 500, true),
          ...createdUpdated(q),
        ],
        indices: [
          { name: 'ix_privacy_requests_status_due', columnNames: ['tenant_id', 'status', 'due_at'] },
          { name: 'ix_privacy_requests_subject', columnNames: ['tenant_id', 'subject_type', 'subject_id'] },
          { name: 'ix_privacy_requests_requester', columnNames: ['tenant_id', 'requested_by_user_id'] },
        ],
        foreignKeys: [tenantForeignKey('privacy_requests')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('privacy_requests');
  }
}
