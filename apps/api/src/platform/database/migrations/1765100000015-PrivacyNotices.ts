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

/**
 * The privacy notice (issue 13 item 8): its versions per school (drafts, then published and kept for good),
 * and each user's acceptance of a version.
 */
export class PrivacyNotices1765100000015 implements MigrationInterface {
  name = 'PrivacyNotices1765100000015';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'privacy_notices',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          integer('version'),
          varchar('status', 16, false, 'draft'),
          text('body_en'),
          text('body_hi', true),
          varchar('contact', 500),
          uuidColumn('created_by_user_id'),
          timestamp(q, 'published_at', true),
          uuidColumn('published_by_user_id', true),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_privacy_notices_version', columnNames: ['tenant_id', 'version'] }],
        indices: [{ name: 'ix_privacy_notices_status', columnNames: ['tenant_id', 'status', 'version'] }],
        foreignKeys: [tenantForeignKey('privacy_notices')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'privacy_notice_acceptances',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('notice_id'),
          integer('version'),
          uuidColumn('user_id'),
          timestamp(q, 'accepted_at'),
        ],
        uniques: [
          { name: 'uq_privacy_notice_acceptances_user', columnNames: ['tenant_id', 'notice_id', 'user_id'] },
        ],
        indices: [{ name: 'ix_privacy_notice_acceptances_user', columnNames: ['tenant_id', 'user_id'] }],
        foreignKeys: [
          tenantForeignKey('privacy_notice_acceptances'),
          tenantReference('privacy_notice_acceptances', 'notice_id', 'privacy_notices'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('privacy_notice_acceptances');
    await q.dropTable('privacy_notices');
  }
}
