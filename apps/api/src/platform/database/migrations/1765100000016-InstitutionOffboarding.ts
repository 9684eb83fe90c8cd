import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdUpdated,
  integer,
  isSqlite,
  tenantForeignKey,
  tenantIdColumn,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/** The append-only tables whose delete trigger lets only an institution's purge through. */
const APPEND_ONLY = ['audit_events', 'fee_ledger_entries'] as const;

const PURGE_STARTED =
  'SELECT 1 FROM institution_offboardings o WHERE o.institution_id = OLD.tenant_id AND o.purge_started_at IS NOT NULL';

/**
 * Institution offboarding (issue 13 item 5, PRV-03). Both tables are rows of the platform tenant (the
 * operator's pseudo-institution), so a school's purge, which deletes every row whose tenant_id is the
 * school, leaves them in place: `institution_offboardings` (termination, retention, the encrypted export)
 * and `institution_deletion_certificates` (what a purge removed).
 *
 * AUD-02 and DAT-06 keep audit rows and ledger entries append-only with triggers. A terminated school's
 * purge must remove them too, so their delete triggers are re-created to refuse a delete unless the row's
 * institution has a purge under way (`purge_started_at` set, which only the purge does once the retention
 * period is over). Updates stay refused always.
 */
export class InstitutionOffboarding1765100000016 implements MigrationInterface {
  name = 'InstitutionOffboarding1765100000016';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'institution_offboardings',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('institution_id'), isPrimary: true },
          varchar('institution_name', 200),
          varchar('institution_slug', 63),
          timestamp(q, 'terminated_at'),
          uuidColumn('terminated_by'),
          integer('retention_days'),
          timestamp(q, 'purge_after'),
          timestamp(q, 'purge_started_at', true),
          timestamp(q, 'purged_at', true),
          varchar('export_status', 16),
          integer('export_done', false, 0),
          integer('export_total', false, 0),
          timestamp(q, 'export_started_at'),
          timestamp(q, 'export_finished_at', true),
          integer('export_bytes', true),
          varchar('export_sha256', 64, true),
          { name: 'export_file', type: isSqlite(q) ? 'blob' : 'longblob', isNullable: true },
          ...createdUpdated(q),
        ],
        indices: [
          { name: 'ix_institution_offboardings_institution', columnNames: ['institution_id'] },
          {
            name: 'ix_institution_offboardings_purge',
            columnNames: ['tenant_id', 'purged_at', 'purge_after'],
          },
        ],
        foreignKeys: [tenantForeignKey('institution_offboardings')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'institution_deletion_certificates',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('institution_id'),
          varchar('institution_name', 200),
          varchar('institution_slug', 63),
          timestamp(q, 'terminated_at'),
          timestamp(q, 'purged_at'),
          uuidColumn('purged_by', true),
          integer('total_rows'),
          text('table_counts'),
          timestamp(q, 'created_at', false, true),
        ],
        indices: [
          { name: 'ix_institution_deletion_certificates_purged', columnNames: ['tenant_id', 'purged_at'] },
        ],
        foreignKeys: [tenantForeignKey('institution_deletion_certificates')],
      }),
    );
    for (const table of APPEND_ONLY) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_delete`);
      if (isSqlite(q))
        await q.query(
          `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} WHEN NOT EXISTS (${PURGE_STARTED}) BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        );
      else
        await q.query(
          `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} FOR EACH ROW BEGIN IF NOT EXISTS (${PURGE_STARTED}) THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${table} is append-only'; END IF; END`,
        );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_delete`);
      if (isSqlite(q))
        await q.query(
          `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        );
      else
        await q.query(
          `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${table} is append-only'`,
        );
    }
    await q.dropTable('institution_deletion_certificates');
    await q.dropTable('institution_offboardings');
  }
}
