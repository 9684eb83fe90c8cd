import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  bigint,
  boolean,
  createdUpdated,
  integer,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/** Late-fee rules with what each has charged per invoice, and fee-reminder rules with what was sent. */
export class FeeRules1764230400001 implements MigrationInterface {
  name = 'FeeRules1764230400001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'fee_late_fee_rules',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('name', 80),
          varchar('kind', 10),
          bigint('amount', false, 0),
          integer('basis_points', true),
          integer('grace_days', false, 0),
          bigint('cap', true),
          uuidColumn('head_id'),
          boolean('active', true),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('fee_late_fee_rules'),
          tenantReference('fee_late_fee_rules', 'head_id', 'fee_heads'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fee_late_fee_applications',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('invoice_id'), isPrimary: true },
          { ...uuidColumn('rule_id'), isPrimary: true },
          bigint('applied', false, 0),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('fee_late_fee_applications'),
          tenantReference('fee_late_fee_applications', 'invoice_id', 'fee_invoices'),
          tenantReference('fee_late_fee_applications', 'rule_id', 'fee_late_fee_rules'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fee_reminder_rules',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('kind', 14),
          integer('days', false, 0),
          boolean('active', true),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('fee_reminder_rules')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fee_reminders_sent',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('rule_id'), isPrimary: true },
          { ...uuidColumn('invoice_id'), isPrimary: true },
          { ...integer('occurrence', false, 0), isPrimary: true },
          integer('enqueued', false, 0),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('fee_reminders_sent'),
          tenantReference('fee_reminders_sent', 'rule_id', 'fee_reminder_rules'),
          tenantReference('fee_reminders_sent', 'invoice_id', 'fee_invoices'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'fee_reminders_sent',
      'fee_reminder_rules',
      'fee_late_fee_applications',
      'fee_late_fee_rules',
    ])
      await q.dropTable(table);
  }
}
