import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  boolean,
  createdUpdated,
  integer,
  isSqlite,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

const READ = 'circulars.read';
const PUBLISH = 'circulars.publish';
/** The default roles that read circulars; school admins also publish them (DEFAULT_ROLE_PERMISSIONS). */
const READERS = ['school_admin', 'teacher', 'accountant', 'parent', 'student'];

/**
 * Circulars (issue 16 item 5): the notices, the classes or sections each addresses, an optional PDF
 * attachment, and one row per guardian addressed (read and acknowledged). The two new permissions reach
 * the default roles of schools provisioned before them, as a new school's roles have them.
 */
export class Circulars1765200000020 implements MigrationInterface {
  name = 'Circulars1765200000020';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'circulars',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('title', 200),
          text('body'),
          varchar('audience', 16),
          boolean('requires_ack', false),
          varchar('status', 16, false, 'draft'),
          timestamp(q, 'publish_at', true),
          timestamp(q, 'published_at', true),
          uuidColumn('published_by_user_id', true),
          integer('notified', true),
          uuidColumn('created_by_user_id'),
          ...createdUpdated(q),
        ],
        indices: [
          { name: 'ix_circulars_status', columnNames: ['tenant_id', 'status', 'published_at'] },
          { name: 'ix_circulars_due', columnNames: ['tenant_id', 'status', 'publish_at'] },
        ],
        foreignKeys: [tenantForeignKey('circulars')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'circular_targets',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('circular_id'), isPrimary: true },
          { ...uuidColumn('target_id'), isPrimary: true },
          varchar('kind', 8),
        ],
        indices: [{ name: 'ix_circular_targets_target', columnNames: ['tenant_id', 'target_id'] }],
        foreignKeys: [
          tenantForeignKey('circular_targets'),
          tenantReference('circular_targets', 'circular_id', 'circulars', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'circular_attachments',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('circular_id'), isPrimary: true },
          varchar('file_name', 120),
          integer('bytes'),
          { name: 'data', type: isSqlite(q) ? 'blob' : 'mediumblob', isNullable: false },
          timestamp(q, 'created_at', false, true),
        ],
        foreignKeys: [
          tenantForeignKey('circular_attachments'),
          tenantReference('circular_attachments', 'circular_id', 'circulars', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'circular_recipients',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('circular_id'), isPrimary: true },
          { ...uuidColumn('guardian_id'), isPrimary: true },
          text('student_ids'),
          timestamp(q, 'read_at', true),
          timestamp(q, 'acknowledged_at', true),
          uuidColumn('acknowledged_by_user_id', true),
        ],
        indices: [{ name: 'ix_circular_recipients_guardian', columnNames: ['tenant_id', 'guardian_id'] }],
        foreignKeys: [
          tenantForeignKey('circular_recipients'),
          tenantReference('circular_recipients', 'circular_id', 'circulars', 'CASCADE'),
        ],
      }),
    );
    await this.grant(q, PUBLISH, ['school_admin']);
    await this.grant(q, READ, READERS);
  }

  /** Gives a permission to the named default roles of every existing school, unless they hold it. */
  private async grant(q: QueryRunner, permission: string, roles: string[]): Promise<void> {
    await q.query(
      `INSERT INTO role_permissions (tenant_id, role_id, permission)
       SELECT r.tenant_id, r.id, ? FROM roles r
       WHERE r.role_key IN (${roles.map(() => '?').join(', ')}) AND r.tenant_id IN (SELECT id FROM institutions)
       AND NOT EXISTS (SELECT 1 FROM role_permissions p
         WHERE p.tenant_id = r.tenant_id AND p.role_id = r.id AND p.permission = ?)`,
      [permission, ...roles, permission],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DELETE FROM role_permissions WHERE permission IN (?, ?) AND tenant_id IN (SELECT id FROM institutions)',
      [READ, PUBLISH],
    );
    for (const table of ['circular_recipients', 'circular_attachments', 'circular_targets', 'circulars'])
      await q.dropTable(table);
  }
}
