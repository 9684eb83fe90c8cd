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

/**
 * Breach and incident register (issue 13 item 10). Every table is a tenant table: an operator's incident
 * lives in the platform institution's tenant with one `privacy_incident_schools` row per affected school
 * (names stay with the operator), and each affected school holds a `privacy_incident_links` row pointing
 * at it, so a school admin reads only incidents that name their school. A school's own incident is a row
 * of its own tenant. The timeline is append-only.
 */
export class PrivacyIncidents1765100000011 implements MigrationInterface {
  name = 'PrivacyIncidents1765100000011';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'privacy_incidents',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('origin', 16),
          varchar('status', 16, false, 'open'),
          timestamp(q, 'detected_at'),
          varchar('nature', 200),
          text('description'),
          varchar('categories', 400),
          integer('subjects_count', false, 0),
          text('containment', true),
          text('mitigation', true),
          boolean('whatsapp_involved', false),
          timestamp(q, 'schools_notified_at', true),
          timestamp(q, 'board_notified_at', true),
          timestamp(q, 'meta_notified_at', true),
          text('root_cause', true),
          timestamp(q, 'closed_at', true),
          uuidColumn('created_by_user_id', true),
          ...createdUpdated(q),
        ],
        indices: [{ name: 'ix_privacy_incidents_detected', columnNames: ['tenant_id', 'detected_at'] }],
        foreignKeys: [tenantForeignKey('privacy_incidents')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'privacy_incident_events',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('incident_id'),
          varchar('kind', 16),
          text('text', true),
          varchar('target', 16, true),
          timestamp(q, 'at'),
          uuidColumn('actor_user_id', true),
          ...createdUpdated(q),
        ],
        indices: [{ name: 'ix_privacy_incident_events_incident', columnNames: ['tenant_id', 'incident_id'] }],
        foreignKeys: [
          tenantForeignKey('privacy_incident_events'),
          tenantReference('privacy_incident_events', 'incident_id', 'privacy_incidents'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'privacy_incident_schools',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('incident_id'), isPrimary: true },
          { ...uuidColumn('institution_id'), isPrimary: true },
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('privacy_incident_schools'),
          tenantReference('privacy_incident_schools', 'incident_id', 'privacy_incidents'),
          {
            name: 'fk_privacy_incident_schools_institution',
            columnNames: ['institution_id'],
            referencedTableName: 'institutions',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'privacy_incident_links',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('incident_id'), isPrimary: true },
          uuidColumn('source_tenant_id'),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('privacy_incident_links'),
          {
            name: 'fk_privacy_incident_links_source',
            columnNames: ['source_tenant_id'],
            referencedTableName: 'institutions',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('privacy_incident_links');
    await q.dropTable('privacy_incident_schools');
    await q.dropTable('privacy_incident_events');
    await q.dropTable('privacy_incidents');
  }
}
