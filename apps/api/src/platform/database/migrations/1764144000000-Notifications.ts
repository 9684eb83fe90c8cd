import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
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

const OUTBOX_INDICES = [
  // Webhooks find a message by the provider's id within one institution.
  new TableIndex({ name: 'ix_outbox_provider_id', columnNames: ['tenant_id', 'provider_message_id'] }),
  // The delivery log filters by status, newest first (ids are time-ordered UUIDv7).
  new TableIndex({ name: 'ix_outbox_status', columnNames: ['tenant_id', 'status', 'id'] }),
  // Withdrawing consent cancels a guardian's pending messages.
  new TableIndex({ name: 'ix_outbox_guardian', columnNames: ['tenant_id', 'guardian_id', 'status'] }),
  // Retention (PRV-04) deletes by age.
  new TableIndex({ name: 'ix_outbox_created', columnNames: ['tenant_id', 'created_at'] }),
];

/**
 * Notifications (issue 7): the outbox gains a lease, the guardian and purpose of a message, an encrypted
 * recipient and provider delivery fields; a per-message delivery log; templates per institution and
 * language; channel settings with encrypted credentials; quiet hours; guardian consents and their history.
 */
export class Notifications1764144000000 implements MigrationInterface {
  name = 'Notifications1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'outbox_messages',
      [
        varchar('purpose', 32, true),
        uuidColumn('guardian_id', true),
        text('recipient_enc', true),
        uuidColumn('lease_token', true),
        varchar('provider_message_id', 191, true),
        timestamp(q, 'delivered_at', true),
        timestamp(q, 'read_at', true),
      ].map((c) => new TableColumn(c)),
    );
    await q.createIndices('outbox_messages', OUTBOX_INDICES);

    await q.createTable(
      new Table({
        name: 'notification_message_events',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('message_id'),
          varchar('event', 16),
          varchar('detail', 500, true),
          integer('attempt', true),
          varchar('dedupe_key', 191, true),
          timestamp(q, 'occurred_at', false, true),
        ],
        uniques: [{ name: 'uq_notification_events_dedupe', columnNames: ['tenant_id', 'dedupe_key'] }],
        indices: [{ name: 'ix_notification_events_message', columnNames: ['tenant_id', 'message_id'] }],
        foreignKeys: [
          tenantForeignKey('notification_message_events'),
          tenantReference('notification_message_events', 'message_id', 'outbox_messages', 'CASCADE'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notification_templates',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('name', 64),
          varchar('language', 16),
          varchar('email_subject', 300, true),
          text('email_body', true),
          text('sms_body', true),
          varchar('sms_dlt_template_id', 64, true),
          text('sms_dlt_template', true),
          varchar('whatsapp_template_name', 512, true),
          varchar('whatsapp_language_code', 16, true),
          text('whatsapp_parameters', true),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_notification_templates_name', columnNames: ['tenant_id', 'name', 'language'] }],
        foreignKeys: [tenantForeignKey('notification_templates')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notification_channels',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('channel', 16),
          boolean('enabled', false),
          text('settings'),
          text('secrets_enc', true),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_notification_channels_channel', columnNames: ['tenant_id', 'channel'] }],
        foreignKeys: [tenantForeignKey('notification_channels')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notification_preferences',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          varchar('quiet_start', 5, true),
          varchar('quiet_end', 5, true),
          varchar('default_language', 16, false, 'en'),
          timestamp(q, 'updated_at', false, true),
        ],
        foreignKeys: [tenantForeignKey('notification_preferences')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notification_consents',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('guardian_id'), isPrimary: true },
          { ...varchar('channel', 16), isPrimary: true },
          { ...varchar('purpose', 32), isPrimary: true },
          boolean('granted', false),
          varchar('source', 32),
          uuidColumn('recorded_by', true),
          timestamp(q, 'recorded_at', false, true),
        ],
        foreignKeys: [
          tenantForeignKey('notification_consents'),
          tenantReference('notification_consents', 'guardian_id', 'guardians', 'CASCADE'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notification_consent_events',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('guardian_id'),
          varchar('channel', 16),
          varchar('purpose', 32),
          boolean('granted', false),
          varchar('source', 32),
          uuidColumn('recorded_by', true),
          timestamp(q, 'recorded_at', false, true),
          varchar('note', 300, true),
        ],
        indices: [
          { name: 'ix_notification_consent_events_guardian', columnNames: ['tenant_id', 'guardian_id'] },
        ],
        foreignKeys: [
          tenantForeignKey('notification_consent_events'),
          tenantReference('notification_consent_events', 'guardian_id', 'guardians', 'CASCADE'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'notification_consent_events',
      'notification_consents',
      'notification_preferences',
      'notification_channels',
      'notification_templates',
      'notification_message_events',
    ]) {
      await q.dropTable(table);
    }
    for (const index of OUTBOX_INDICES) await q.dropIndex('outbox_messages', index.name!);
    for (const column of [
      'read_at',
      'delivered_at',
      'provider_message_id',
      'lease_token',
      'recipient_enc',
      'guardian_id',
      'purpose',
    ])
      await q.dropColumn('outbox_messages', column);
  }
}
