import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import {
  integer,
  tenantForeignKey,
  tenantIdColumn,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/**
 * Retention policy (issue 13 item 6, PRV-04): each school's overrides of the installation's retention
 * periods, and the report of each pass of the retention job (what it deleted per category, when). The
 * index on sessions lets the job find ended sessions without reading the whole table.
 */
export class RetentionPolicy1765100000012 implements MigrationInterface {
  name = 'RetentionPolicy1765100000012';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'privacy_retention_policies',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          integer('processing_log_days', true),
          integer('delivery_record_days', true),
          uuidColumn('updated_by_user_id', true),
          timestamp(q, 'updated_at', false, true),
        ],
        foreignKeys: [tenantForeignKey('privacy_retention_policies')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'privacy_retention_runs',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('run_day', 10),
          timestamp(q, 'started_at'),
          timestamp(q, 'finished_at', true),
          varchar('status', 16, false, 'running'),
          integer('processing_log_days'),
          integer('delivery_record_days'),
          integer('deleted_processing_logs', false, 0),
          integer('deleted_delivery_records', false, 0),
        ],
        indices: [
          { name: 'ix_privacy_retention_runs_day', columnNames: ['tenant_id', 'run_day'] },
          { name: 'ix_privacy_retention_runs_started', columnNames: ['tenant_id', 'started_at'] },
        ],
        foreignKeys: [tenantForeignKey('privacy_retention_runs')],
      }),
    );
    await q.createIndex(
      'sessions',
      new TableIndex({ name: 'ix_sessions_expires', columnNames: ['tenant_id', 'expires_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('sessions', 'ix_sessions_expires');
    await q.dropTable('privacy_retention_runs');
    await q.dropTable('privacy_retention_policies');
  }
}
