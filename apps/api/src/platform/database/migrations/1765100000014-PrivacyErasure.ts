import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdUpdated,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/**
 * Restriction and erasure (issue 13 items 3 and 4): a processing_restricted flag on students and
 * guardians (set and lifted by the privacy module, read by messaging and exports), the erasure schedule
 * of erasure requests (executes 48 hours after the family's notice, unless cancelled before), and the
 * note of what a correction request corrected. Plain ADD COLUMN, which both databases do in place.
 */
export class PrivacyErasure1765100000014 implements MigrationInterface {
  name = 'PrivacyErasure1765100000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE students ADD COLUMN processing_restricted boolean NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE guardians ADD COLUMN processing_restricted boolean NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE privacy_requests ADD COLUMN resolution_note text NULL');
    await q.createTable(
      new Table({
        name: 'privacy_erasures',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('request_id'), isPrimary: true },
          varchar('subject_type', 16),
          uuidColumn('subject_id'),
          varchar('status', 16, false, 'scheduled'),
          varchar('pseudonym', 64),
          uuidColumn('scheduled_by_user_id'),
          timestamp(q, 'scheduled_at'),
          timestamp(q, 'executes_at'),
          timestamp(q, 'executed_at', true),
          timestamp(q, 'cancelled_at', true),
          text('erased_counts', true),
          ...createdUpdated(q),
        ],
        indices: [{ name: 'ix_privacy_erasures_due', columnNames: ['tenant_id', 'status', 'executes_at'] }],
        foreignKeys: [
          tenantForeignKey('privacy_erasures'),
          tenantReference('privacy_erasures', 'request_id', 'privacy_requests'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('privacy_erasures');
    await q.query('ALTER TABLE privacy_requests DROP COLUMN resolution_note');
    await q.query('ALTER TABLE guardians DROP COLUMN processing_restricted');
    await q.query('ALTER TABLE students DROP COLUMN processing_restricted');
  }
}
