import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  bigint,
  createdUpdated,
  integer,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  uuidColumn,
  varchar,
} from '../migration-helpers';

const INSTRUMENT_COLUMNS = [
  ['instrument_no', 'varchar(40)'],
  ['instrument_bank', 'varchar(100)'],
  // the date written on the cheque or demand draft, local 'YYYY-MM-DD'
  ['instrument_date', 'varchar(10)'],
] as const;

/**
 * Counter payments by UPI, card, demand draft, cheque and bank transfer: a cheque's or demand draft's
 * number, drawee bank and date on fee_payments (the UTR or transaction id stays in `reference`; existing
 * rows keep their method and get nulls). Plain nullable ADD COLUMN, which SQLite and MariaDB both do in
 * place (no table rebuild under the ledger's foreign keys). Also fee_manual_reminders: one reminder from
 * the defaulters list per student per local day; and fee_online_order_parts: a family order's share per
 * child (one gateway order paying several siblings, each credited with its own payment and receipt).
 */
export class FeePaymentInstruments1765100000003 implements MigrationInterface {
  name = 'FeePaymentInstruments1765100000003';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, type] of INSTRUMENT_COLUMNS)
      await q.query(`ALTER TABLE fee_payments ADD COLUMN ${name} ${type} NULL`);
    await q.createTable(
      new Table({
        name: 'fee_manual_reminders',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          // local date 'YYYY-MM-DD' in the institution's time zone
          { ...varchar('sent_on', 10), isPrimary: true },
          uuidColumn('sent_by', true),
          integer('enqueued', false, 0),
          ...createdUpdated(q),
        ],
        indices: [{ name: 'ix_fee_manual_reminders_day', columnNames: ['tenant_id', 'sent_on'] }],
        foreignKeys: [
          tenantForeignKey('fee_manual_reminders'),
          tenantReference('fee_manual_reminders', 'student_id', 'students', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fee_online_order_parts',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('order_id'), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          bigint('amount'),
          uuidColumn('payment_id', true),
          ...createdUpdated(q),
        ],
        indices: [{ name: 'ix_fee_online_order_parts_student', columnNames: ['tenant_id', 'student_id'] }],
        foreignKeys: [
          tenantForeignKey('fee_online_order_parts'),
          tenantReference('fee_online_order_parts', 'order_id', 'fee_online_orders'),
          tenantReference('fee_online_order_parts', 'student_id', 'students'),
          tenantReference('fee_online_order_parts', 'payment_id', 'fee_payments'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('fee_online_order_parts');
    await q.dropTable('fee_manual_reminders');
    for (const [name] of [...INSTRUMENT_COLUMNS].reverse())
      await q.query(`ALTER TABLE fee_payments DROP COLUMN ${name}`);
  }
}
