import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each invoice's outstanding balance as a running sum (issue 14, dashboards): fee_invoices.outstanding is
 * the signed sum of the invoice's ledger entries in minor units, moved by the same statement batch and
 * transaction that appends the entries (FeesLedgerService.append), so the admin's and accountant's
 * "overdue" cards read one index range of the tenant's invoices instead of joining the ledger. The
 * ledger stays the record (DAT-06); this column is a summary of it, and a test compares the two. Plain
 * ADD COLUMN with a default, done in place by SQLite and MariaDB; existing rows are backfilled from the
 * ledger in one statement. The index (tenant_id, due_date, outstanding, student_id) answers the overdue
 * totals from the index alone.
 */
export class InvoiceOutstanding1765100000009 implements MigrationInterface {
  name = 'InvoiceOutstanding1765100000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE fee_invoices ADD COLUMN outstanding bigint NOT NULL DEFAULT 0');
    await q.query(
      `UPDATE fee_invoices SET outstanding = COALESCE((SELECT SUM(e.amount) FROM fee_ledger_entries e
         WHERE e.tenant_id = fee_invoices.tenant_id AND e.invoice_id = fee_invoices.id), 0)`,
    );
    await q.query(
      'CREATE INDEX ix_fee_invoices_overdue ON fee_invoices (tenant_id, due_date, outstanding, student_id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('fee_invoices', 'ix_fee_invoices_overdue');
    await q.query('ALTER TABLE fee_invoices DROP COLUMN outstanding');
  }
}
