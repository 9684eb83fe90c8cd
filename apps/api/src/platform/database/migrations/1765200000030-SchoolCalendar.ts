import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  boolean,
  createdUpdated,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

const PERMISSIONS: readonly [role: string, permission: string][] = [
  ['school_admin', 'calendar.read'],
  ['school_admin', 'calendar.manage'],
  ['teacher', 'calendar.read'],
  ['accountant', 'calendar.read'],
  ['parent', 'calendar.read'],
  ['student', 'calendar.read'],
];

/**
 * The school calendar (issue 16 item 6): events the school enters, each for the whole school or for some
 * classes or sections; and the school's iCalendar feed, whose secret token is kept only as a SHA-256 hash.
 * Holidays stay in the attendance calendar and exam dates in the exam schedule: nothing is copied here.
 */
export class SchoolCalendar1765200000030 implements MigrationInterface {
  name = 'SchoolCalendar1765200000030';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_events',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('type', 16),
          varchar('title', 120),
          text('description', true),
          varchar('starts_on', 10),
          varchar('ends_on', 10),
          boolean('all_day', true),
          varchar('start_time', 5, true),
          varchar('end_time', 5, true),
          varchar('audience', 8),
          ...createdUpdated(q),
        ],
        indices: [{ name: 'ix_calendar_events_dates', columnNames: ['tenant_id', 'starts_on', 'ends_on'] }],
        foreignKeys: [tenantForeignKey('calendar_events')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_event_targets',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('event_id'),
          uuidColumn('class_id'),
          uuidColumn('section_id', true),
        ],
        indices: [
          { name: 'ix_calendar_event_targets_event', columnNames: ['tenant_id', 'event_id'] },
          { name: 'ix_calendar_event_targets_class', columnNames: ['tenant_id', 'class_id'] },
          { name: 'ix_calendar_event_targets_section', columnNames: ['tenant_id', 'section_id'] },
        ],
        foreignKeys: [
          tenantForeignKey('calendar_event_targets'),
          tenantReference('calendar_event_targets', 'event_id', 'calendar_events', 'CASCADE'),
          tenantReference('calendar_event_targets', 'class_id', 'classes', 'CASCADE'),
          tenantReference('calendar_event_targets', 'section_id', 'sections', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_feeds',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          varchar('token_hash', 64),
          timestamp(q, 'created_at'),
        ],
        foreignKeys: [tenantForeignKey('calendar_feeds')],
      }),
    );
    await this.grantPermissions(q);
  }

  /**
   * calendar.read and calendar.manage are new in the catalogue: institutions provisioned before them get
   * them as a new institution does (DEFAULT_ROLE_PERMISSIONS). Roles that already hold one are left alone.
   */
  async grantPermissions(q: QueryRunner): Promise<void> {
    for (const [role, permission] of PERMISSIONS)
      await q.query(
        `INSERT INTO role_permissions (tenant_id, role_id, permission)
         SELECT r.tenant_id, r.id, ? FROM roles r
         WHERE r.role_key = ? AND r.tenant_id IN (SELECT id FROM institutions)
         AND NOT EXISTS (SELECT 1 FROM role_permissions p
           WHERE p.tenant_id = r.tenant_id AND p.role_id = r.id AND p.permission = ?)`,
        [permission, role, permission],
      );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      "DELETE FROM role_permissions WHERE permission IN ('calendar.read', 'calendar.manage') AND tenant_id IN (SELECT id FROM institutions)",
    );
    for (const table of ['calendar_feeds', 'calendar_event_targets', 'calendar_events'])
      await q.dropTable(table);
  }
}
