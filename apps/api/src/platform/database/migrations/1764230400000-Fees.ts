import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  bigint,
  boolean,
  createdUpdated,
  integer,
  isSqlite,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

const localDate = (name: string, nullable = false) => varchar(name, 10, nullable);
const LEDGER = 'fee_ledger_entries';

/**
 * Fees: heads, structures with instalments, invoices, an append-only ledger (DAT-06), payments with
 * gapless receipt numbers, per-student account rows that serialise payments, online orders and
 * processed webhook events (APP-06, APP-07).
 */
export class Fees1764230400000 implements MigrationInterface {
  name = 'Fees1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'fee_heads',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('name', 80),
          boolean('optional', false),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_fee_heads_name', columnNames: ['tenant_id', 'name'] }],
        foreignKeys: [tenantForeignKey('fee_heads')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_structures',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('academic_year_id'),
          uuidColumn('class_id'),
          varchar('name', 100),
          ...createdUpdated(q),
        ],
        uniques: [
          { name: 'uq_fee_structures_class', columnNames: ['tenant_id', 'academic_year_id', 'class_id'] },
        ],
        foreignKeys: [
          tenantForeignKey('fee_structures'),
          tenantReference('fee_structures', 'academic_year_id', 'academic_years'),
          tenantReference('fee_structures', 'class_id', 'classes'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_instalments',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('structure_id'),
          integer('seq'),
          varchar('label', 80),
          localDate('due_date'),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_fee_instalments_seq', columnNames: ['tenant_id', 'structure_id', 'seq'] }],
        foreignKeys: [
          tenantForeignKey('fee_instalments'),
          tenantReference('fee_instalments', 'structure_id', 'fee_structures'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_instalment_lines',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('instalment_id'), isPrimary: true },
          { ...uuidColumn('head_id'), isPrimary: true },
          bigint('amount'),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('fee_instalment_lines'),
          tenantReference('fee_instalment_lines', 'instalment_id', 'fee_instalments'),
          tenantReference('fee_instalment_lines', 'head_id', 'fee_heads'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_student_heads',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          { ...uuidColumn('academic_year_id'), isPrimary: true },
          { ...uuidColumn('head_id'), isPrimary: true },
          bigint('amount_per_instalment'),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('fee_student_heads'),
          tenantReference('fee_student_heads', 'student_id', 'students'),
          tenantReference('fee_student_heads', 'academic_year_id', 'academic_years'),
          tenantReference('fee_student_heads', 'head_id', 'fee_heads'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_accounts',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          // Touched under a row lock by every money movement of the student (serialises them on MySQL).
          integer('movements', false, 0),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('fee_accounts'),
          tenantReference('fee_accounts', 'student_id', 'students'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_invoices',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('student_id'),
          uuidColumn('academic_year_id'),
          uuidColumn('instalment_id', true),
          varchar('label', 120),
          localDate('due_date'),
          varchar('currency', 3),
          uuidColumn('created_by', true),
          ...createdUpdated(q),
        ],
        uniques: [
          { name: 'uq_fee_invoices_instalment', columnNames: ['tenant_id', 'student_id', 'instalment_id'] },
        ],
        indices: [{ name: 'ix_fee_invoices_due', columnNames: ['tenant_id', 'due_date'] }],
        foreignKeys: [
          tenantForeignKey('fee_invoices'),
          tenantReference('fee_invoices', 'student_id', 'students'),
          tenantReference('fee_invoices', 'academic_year_id', 'academic_years'),
          tenantReference('fee_invoices', 'instalment_id', 'fee_instalments'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_receipt_counters',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('academic_year_id'), isPrimary: true },
          integer('last_seq', false, 0),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('fee_receipt_counters'),
          tenantReference('fee_receipt_counters', 'academic_year_id', 'academic_years'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_payments',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('student_id'),
          uuidColumn('academic_year_id'),
          bigint('amount'),
          varchar('currency', 3),
          varchar('method', 16),
          varchar('reference', 100, true),
          localDate('paid_on'),
          integer('receipt_seq'),
          varchar('receipt_no', 40),
          varchar('status', 12, false, 'completed'),
          varchar('idempotency_key', 100, true),
          varchar('request_hash', 64, true),
          uuidColumn('received_by', true),
          timestamp(q, 'reversed_at', true),
          uuidColumn('reversed_by', true),
          varchar('reversal_reason', 300, true),
          ...createdUpdated(q),
        ],
        uniques: [
          { name: 'uq_fee_payments_idempotency', columnNames: ['tenant_id', 'idempotency_key'] },
          { name: 'uq_fee_payments_receipt', columnNames: ['tenant_id', 'academic_year_id', 'receipt_seq'] },
        ],
        indices: [
          { name: 'ix_fee_payments_student', columnNames: ['tenant_id', 'student_id'] },
          { name: 'ix_fee_payments_paid_on', columnNames: ['tenant_id', 'paid_on'] },
        ],
        foreignKeys: [
          tenantForeignKey('fee_payments'),
          tenantReference('fee_payments', 'student_id', 'students'),
          tenantReference('fee_payments', 'academic_year_id', 'academic_years'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: LEDGER,
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('student_id'),
          uuidColumn('invoice_id'),
          uuidColumn('head_id'),
          varchar('kind', 12),
          // Signed minor units: + raises what is owed (charge, fine), - lowers it (concession, waiver,
          // payment); a reversal carries the negation of the entry it reverses.
          bigint('amount'),
          uuidColumn('payment_id', true),
          uuidColumn('reverses_entry_id', true),
          varchar('memo', 300, true),
          localDate('entry_date'),
          uuidColumn('created_by', true),
          timestamp(q, 'created_at', false, true),
        ],
        indices: [
          { name: 'ix_fee_ledger_student', columnNames: ['tenant_id', 'student_id'] },
          { name: 'ix_fee_ledger_invoice', columnNames: ['tenant_id', 'invoice_id'] },
          { name: 'ix_fee_ledger_payment', columnNames: ['tenant_id', 'payment_id'] },
          { name: 'ix_fee_ledger_date', columnNames: ['tenant_id', 'entry_date'] },
        ],
        foreignKeys: [
          tenantForeignKey(LEDGER),
          tenantReference(LEDGER, 'student_id', 'students'),
          tenantReference(LEDGER, 'invoice_id', 'fee_invoices'),
          tenantReference(LEDGER, 'head_id', 'fee_heads'),
          tenantReference(LEDGER, 'payment_id', 'fee_payments'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_online_orders',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('student_id'),
          bigint('amount'),
          varchar('currency', 3),
          varchar('provider', 20),
          varchar('provider_order_id', 64),
          varchar('status', 12, false, 'created'),
          uuidColumn('payment_id', true),
          uuidColumn('created_by', true),
          ...createdUpdated(q),
        ],
        uniques: [
          {
            name: 'uq_fee_online_orders_provider',
            columnNames: ['tenant_id', 'provider', 'provider_order_id'],
          },
        ],
        foreignKeys: [
          tenantForeignKey('fee_online_orders'),
          tenantReference('fee_online_orders', 'student_id', 'students'),
          tenantReference('fee_online_orders', 'payment_id', 'fee_payments'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'fee_webhook_events',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...varchar('provider', 20), isPrimary: true },
          { ...varchar('event_id', 100), isPrimary: true },
          varchar('event_type', 60),
          varchar('outcome', 20),
          timestamp(q, 'created_at', false, true),
        ],
        foreignKeys: [tenantForeignKey('fee_webhook_events')],
      }),
    );

    if (isSqlite(q)) {
      await q.query(
        `CREATE TRIGGER ${LEDGER}_no_update BEFORE UPDATE ON ${LEDGER} BEGIN SELECT RAISE(ABORT, '${LEDGER} is append-only'); END`,
      );
      await q.query(
        `CREATE TRIGGER ${LEDGER}_no_delete BEFORE DELETE ON ${LEDGER} BEGIN SELECT RAISE(ABORT, '${LEDGER} is append-only'); END`,
      );
    } else {
      await q.query(
        `CREATE TRIGGER ${LEDGER}_no_update BEFORE UPDATE ON ${LEDGER} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${LEDGER} is append-only'`,
      );
      await q.query(
        `CREATE TRIGGER ${LEDGER}_no_delete BEFORE DELETE ON ${LEDGER} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${LEDGER} is append-only'`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS ${LEDGER}_no_update`);
    await q.query(`DROP TRIGGER IF EXISTS ${LEDGER}_no_delete`);
    for (const table of [
      'fee_webhook_events',
      'fee_online_orders',
      LEDGER,
      'fee_payments',
      'fee_receipt_counters',
      'fee_invoices',
      'fee_accounts',
      'fee_student_heads',
      'fee_instalment_lines',
      'fee_instalments',
      'fee_structures',
      'fee_heads',
    ])
      await q.dropTable(table);
  }
}
