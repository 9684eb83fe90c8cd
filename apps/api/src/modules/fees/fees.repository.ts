import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { upsertClause } from '../../platform/database/upsert-clause';
import { isForeignKeyViolation } from '../../platform/database/driver-errors';
import { NotFoundError } from '../../platform/errors/domain-error';
import { sqlTimestamp } from '../../platform/database/transformers';
import { RequestContext } from '../../platform/tenancy/request-context';
import {
  FeeAccount,
  FeeHead,
  FeeInstalment,
  FeeInstalmentLine,
  FeeInvoice,
  FeeLedgerEntry,
  FeeManualReminder,
  FeeOnlineOrder,
  FeeOnlineOrderPart,
  FeePayment,
  FeeReceiptCounter,
  FeeStructure,
  FeeStudentHead,
  FeeWebhookEvent,
} from './entities/fees.entities';

@Injectable()
export class FeeHeadsRepository extends TenantScopedRepository<FeeHead> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeHead);
  }
  list(): Promise<FeeHead[]> {
    return this.find({ order: { name: 'ASC' } });
  }
  byIds(ids: string[]): Promise<FeeHead[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }
  byName(name: string): Promise<FeeHead | null> {
    return this.findOneBy({ name });
  }
  async add(row: Insertable<FeeHead>): Promise<void> {
    await this.insert(row);
  }
}

@Injectable()
export class FeeStructuresRepository extends TenantScopedRepository<FeeStructure> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeStructure);
  }
  byId(id: string): Promise<FeeStructure | null> {
    return this.findOneBy({ id });
  }
  byIds(ids: string[]): Promise<FeeStructure[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }
  ofYear(academicYearId: string): Promise<FeeStructure[]> {
    return this.find({ where: { academicYearId } });
  }
  ofClass(academicYearId: string, classId: string): Promise<FeeStructure | null> {
    return this.findOneBy({ academicYearId, classId });
  }
  async add(row: Insertable<FeeStructure>): Promise<void> {
    await this.insert(row);
  }
}

@Injectable()
export class FeeInstalmentsRepository extends TenantScopedRepository<FeeInstalment> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeInstalment);
  }
  ofStructures(structureIds: string[]): Promise<FeeInstalment[]> {
    return structureIds.length
      ? this.find({ where: { structureId: In(structureIds) }, order: { seq: 'ASC' } })
      : Promise.resolve([]);
  }
  async add(rows: Insertable<FeeInstalment>[]): Promise<void> {
    await this.insert(rows);
  }
}

@Injectable()
export class FeeInstalmentLinesRepository extends TenantScopedRepository<FeeInstalmentLine> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeInstalmentLine);
  }
  ofInstalments(ids: string[]): Promise<FeeInstalmentLine[]> {
    return ids.length ? this.find({ where: { instalmentId: In(ids) } }) : Promise.resolve([]);
  }
  async add(rows: Insertable<FeeInstalmentLine>[]): Promise<void> {
    await this.insert(rows);
  }
}

@Injectable()
export class FeeStudentHeadsRepository extends TenantScopedRepository<FeeStudentHead> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeStudentHead);
  }
  ofStudents(academicYearId: string, studentIds: string[]): Promise<FeeStudentHead[]> {
    return studentIds.length
      ? this.find({ where: { academicYearId, studentId: In(studentIds) } })
      : Promise.resolve([]);
  }
  async replaceFor(
    studentId: string,
    academicYearId: string,
    rows: Insertable<FeeStudentHead>[],
  ): Promise<void> {
    await this.delete({ studentId, academicYearId });
    if (rows.length) await this.insert(rows);
  }
}

/** One payable line: an invoice head's balance (the sum of its ledger entries). */
export interface DueRow {
  invoiceId: string;
  headId: string;
  dueDate: string;
  outstanding: number;
}

/**
 * A student's invoice heads (alias `i` for fee_invoices, `e` for its ledger entries) with their balances, in
 * allocation order: oldest due first, then invoice creation, then each head's first entry.
 */
const DUES_COLUMNS =
  'i.id AS invoice_id, i.due_date, e.head_id, SUM(e.amount) AS outstanding, MIN(e.id) AS first_entry';
const duesOrder = (groupFirst = '') =>
  `GROUP BY ${groupFirst}i.id, i.due_date, i.created_at, e.head_id ` +
  'ORDER BY i.due_date ASC, i.created_at ASC, i.id ASC, first_entry ASC';

interface DueSqlRow {
  invoice_id: string | null;
  due_date: string | null;
  head_id: string | null;
  outstanding: string | number | null;
}

const dueRows = (rows: DueSqlRow[]): DueRow[] =>
  rows
    .filter((r) => r.invoice_id !== null && r.head_id !== null)
    .map((r) => ({
      invoiceId: r.invoice_id!,
      headId: r.head_id!,
      dueDate: r.due_date!,
      outstanding: Number(r.outstanding ?? 0),
    }));

@Injectable()
export class FeeAccountsRepository extends TenantScopedRepository<FeeAccount> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeAccount);
  }

  /**
   * Takes the student's fee-account row lock for the rest of the transaction (creating the row when
   * missing): every money movement of one student runs after the previous one committed, so two
   * payments can never both see the same outstanding amount (APP-06). SQLite transactions take turns.
   * The row references the student within the tenant (a foreign key), so a student who is not one of the
   * institution's is not found (404).
   */
  async lock(studentId: string): Promise<void> {
    const touch = upsertClause(this.db.dialect, ['tenant_id', 'student_id'], { movements: 'movements + 1' });
    try {
      await this.sql(
        `INSERT INTO fee_accounts (tenant_id, student_id, movements) VALUES (?, ?, 1) ${touch}`,
        [studentId],
      );
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError('The student');
      throw error;
    }
  }

  /**
   * SQLite only (whose transactions take turns, so a read needs no lock): the student's dues in one
   * statement, read from the fee-account row, which exists only for a student of the institution (a
   * foreign key). Null when there is none (never invoiced nor paid, or not the institution's student): the
   * caller then takes `lock`, which creates the row or answers not found. On MySQL the caller takes `lock`
   * and reads the dues after it: a locking read joined to the ledger would also lock the ledger index's
   * gaps and stall other students' payments (measured: deadlock retries under 20 concurrent payments).
   */
  async duesOfAccount(studentId: string): Promise<DueRow[] | null> {
    if (this.db.dialect !== 'sqlite') throw new Error('duesOfAccount is for SQLite; take lock() on MySQL');
    const rows = await this.sql<(DueSqlRow & { student_id: string })[]>(
      `SELECT a.student_id, ${DUES_COLUMNS}
         FROM fee_accounts a
         LEFT JOIN fee_invoices i ON i.tenant_id = a.tenant_id AND i.student_id = a.student_id
         LEFT JOIN fee_ledger_entries e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
        WHERE a.tenant_id = ? AND a.student_id = ?
        ${duesOrder('a.student_id, ')}`,
      [studentId],
    );
    return rows.length ? dueRows(rows) : null;
  }
}

@Injectable()
export class FeeReceiptCountersRepository extends TenantScopedRepository<FeeReceiptCounter> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeReceiptCounter);
  }

  /**
   * The next receipt number of the year: increments the counter row under its lock, in the caller's
   * transaction, so numbers are sequential and a rolled-back payment gives its number back (gapless).
   */
  async next(academicYearId: string): Promise<number> {
    if (this.db.dialect === 'mysql') {
      // One statement: the value handed to LAST_INSERT_ID(expr) comes back as the result's insert id.
      const header = await this.sql<{ insertId: number | string }>(
        'INSERT INTO fee_receipt_counters (tenant_id, academic_year_id, last_seq) VALUES (?, ?, LAST_INSERT_ID(1)) ' +
          'ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1)',
        [academicYearId],
      );
      return Number(header.insertId);
    }
    const rows = await this.sql<{ last_seq: number | string }[]>(
      'INSERT INTO fee_receipt_counters (tenant_id, academic_year_id, last_seq) VALUES (?, ?, 1) ' +
        'ON CONFLICT (tenant_id, academic_year_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq',
      [academicYearId],
    );
    return Number(rows[0]!.last_seq);
  }
}

@Injectable()
export class FeeInvoicesRepository extends TenantScopedRepository<FeeInvoice> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeInvoice);
  }
  byId(id: string): Promise<FeeInvoice | null> {
    return this.findOneBy({ id });
  }
  byIds(ids: string[]): Promise<FeeInvoice[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }
  ofStudent(studentId: string): Promise<FeeInvoice[]> {
    return this.find({ where: { studentId }, order: { dueDate: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }
  ofStudents(studentIds: string[]): Promise<FeeInvoice[]> {
    return studentIds.length ? this.find({ where: { studentId: In(studentIds) } }) : Promise.resolve([]);
  }
  /** A student's invoice heads with their balances from the ledger, in allocation order (one statement). */
  async duesOf(studentId: string): Promise<DueRow[]> {
    return dueRows(
      await this.sql<DueSqlRow[]>(
        `SELECT ${DUES_COLUMNS}
           FROM fee_invoices i
           JOIN fee_ledger_entries e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
          WHERE i.tenant_id = ? AND i.student_id = ?
          ${duesOrder()}`,
        [studentId],
      ),
    );
  }
  existing(studentIds: string[], instalmentIds: string[]): Promise<FeeInvoice[]> {
    return studentIds.length && instalmentIds.length
      ? this.find({ where: { studentId: In(studentIds), instalmentId: In(instalmentIds) } })
      : Promise.resolve([]);
  }
  /**
   * The same as `existing`, as a locking read (FOR UPDATE) on MySQL: the latest committed rows, not the
   * transaction's snapshot, so an invoice run that waited for a student's account lock sees the invoices
   * the run before it committed. SQLite transactions take turns, so a plain read is current there.
   */
  existingLocked(studentIds: string[], instalmentIds: string[]): Promise<FeeInvoice[]> {
    if (!studentIds.length || !instalmentIds.length) return Promise.resolve([]);
    const qb = this.query('i')
      .andWhere('i.studentId IN (:...studentIds)', { studentIds })
      .andWhere('i.instalmentId IN (:...instalmentIds)', { instalmentIds });
    return (this.db.dialect === 'mysql' ? qb.setLock('pessimistic_write') : qb).getMany();
  }
  /** Invoices due within a range of dates (reminders, late fees). */
  dueBetween(from: string, to: string): Promise<FeeInvoice[]> {
    return this.query('i').andWhere('i.dueDate BETWEEN :from AND :to', { from, to }).getMany();
  }
  /** Invoices due on or before a date (for dues reports). */
  dueBy(date: string): Promise<FeeInvoice[]> {
    return this.query('i').andWhere('i.dueDate <= :date', { date }).getMany();
  }
  async add(rows: Insertable<FeeInvoice>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 300) await this.insert(rows.slice(i, i + 300));
  }
  /**
   * Adds each amount to its invoice's outstanding balance, in one UPDATE for all the invoices (row locks on
   * MySQL, so concurrent payments on one invoice add up rather than overwrite). Amounts are integer minor
   * units; anything else is refused before it reaches SQL.
   */
  async moveOutstanding(deltas: Map<string, number>): Promise<void> {
    const moves: [string, number][] = [];
    for (const [id, delta] of deltas) {
      if (!Number.isSafeInteger(delta)) throw new RangeError(`Not an amount in minor units: ${delta}`);
      if (delta !== 0) moves.push([id, delta]);
    }
    if (!moves.length) return;
    // sql() supplies the tenant as the first parameter: the outer CASE names it, the WHERE names it again.
    await this.sql(
      `UPDATE fee_invoices
          SET outstanding = outstanding + CASE WHEN tenant_id = ? THEN (CASE id ${moves.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END) ELSE 0 END
        WHERE tenant_id = ? AND id IN (${moves.map(() => '?').join(', ')})`,
      [...moves.flat(), this.tenantId, ...moves.map(([id]) => id)],
    );
  }
  /**
   * What the defaulters report totals as of a date, in one statement (a dashboard card): students with
   * invoices due by then whose balance is positive, and the sum of those balances. Reads the invoices'
   * running balances (fee_invoices.outstanding) from one index range, not the ledger.
   */
  async overdueTotals(asOf: string): Promise<{ students: number; amount: number }> {
    const rows = await this.sql<{ students: string | number; amount: string | number | null }[]>(
      `SELECT COUNT(DISTINCT student_id) AS students, COALESCE(SUM(outstanding), 0) AS amount
         FROM fee_invoices WHERE tenant_id = ? AND due_date <= ? AND outstanding > 0`,
      [asOf],
    );
    return { students: Number(rows[0]?.students ?? 0), amount: Number(rows[0]?.amount ?? 0) };
  }
}

@Injectable()
export class FeeLedgerRepository extends TenantScopedRepository<FeeLedgerEntry> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeLedgerEntry);
  }
  /** Appends entries; the table refuses UPDATE and DELETE (triggers), corrections are reversals. */
  async append(rows: Insertable<FeeLedgerEntry>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 300) await this.insert(rows.slice(i, i + 300));
  }
  ofStudent(studentId: string): Promise<FeeLedgerEntry[]> {
    return this.find({ where: { studentId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
  ofInvoices(invoiceIds: string[]): Promise<FeeLedgerEntry[]> {
    return invoiceIds.length ? this.find({ where: { invoiceId: In(invoiceIds) } }) : Promise.resolve([]);
  }
  ofPayment(paymentId: string): Promise<FeeLedgerEntry[]> {
    return this.find({ where: { paymentId }, order: { id: 'ASC' } });
  }
  ofPayments(paymentIds: string[]): Promise<FeeLedgerEntry[]> {
    return paymentIds.length
      ? this.find({ where: { paymentId: In(paymentIds) }, order: { id: 'ASC' } })
      : Promise.resolve([]);
  }
  /** Signed sums per invoice and kind over the given invoices (one grouped query per 500 ids). */
  async sumsByInvoice(invoiceIds: string[]): Promise<{ invoiceId: string; kind: string; amount: number }[]> {
    const out: { invoiceId: string; kind: string; amount: number }[] = [];
    for (let i = 0; i < invoiceIds.length; i += 500) {
      const rows: { invoice_id: string; kind: string; amount: string | number }[] = await this.query('e')
        .select('e.invoiceId', 'invoice_id')
        .addSelect('e.kind', 'kind')
        .addSelect('SUM(e.amount)', 'amount')
        .andWhere('e.invoiceId IN (:...ids)', { ids: invoiceIds.slice(i, i + 500) })
        .groupBy('e.invoiceId')
        .addGroupBy('e.kind')
        .getRawMany();
      out.push(...rows.map((r) => ({ invoiceId: r.invoice_id, kind: r.kind, amount: Number(r.amount) })));
    }
    return out;
  }
  /** Payment and reversal-of-payment entries dated within a range (collections reports). */
  collectionsBetween(from: string, to: string): Promise<FeeLedgerEntry[]> {
    return this.query('e')
      .andWhere('e.entryDate BETWEEN :from AND :to', { from, to })
      .andWhere('e.paymentId IS NOT NULL')
      .getMany();
  }
}

export interface PaymentFilter {
  studentId?: string;
  from?: string;
  to?: string;
  method?: string;
  status?: string;
}

@Injectable()
export class FeePaymentsRepository extends TenantScopedRepository<FeePayment> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeePayment);
  }
  byId(id: string): Promise<FeePayment | null> {
    return this.findOneBy({ id });
  }
  byIds(ids: string[]): Promise<FeePayment[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }
  byIdempotencyKey(key: string): Promise<FeePayment | null> {
    return this.findOneBy({ idempotencyKey: key });
  }
  ofStudent(studentId: string): Promise<FeePayment[]> {
    return this.find({ where: { studentId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
  /** One page of payments, newest paid first (paid_on, then id, descending), after the cursor's row. */
  page(filter: PaymentFilter, limit: number, after?: { paidOn: string; id: string }): Promise<FeePayment[]> {
    const qb = this.query('p');
    if (filter.studentId) qb.andWhere('p.studentId = :studentId', { studentId: filter.studentId });
    if (filter.from) qb.andWhere('p.paidOn >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('p.paidOn <= :to', { to: filter.to });
    if (filter.method) qb.andWhere('p.method = :method', { method: filter.method });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (after)
      qb.andWhere('(p.paidOn < :afterDate OR (p.paidOn = :afterDate AND p.id < :afterId))', {
        afterDate: after.paidOn,
        afterId: after.id,
      });
    return qb.orderBy('p.paidOn', 'DESC').addOrderBy('p.id', 'DESC').limit(limit).getMany();
  }
  /**
   * Inserts a payment with its creation time (one hand-written statement), so the caller can answer the
   * stored row without reading it back.
   */
  async add(row: Omit<Insertable<FeePayment>, 'createdAt'> & { createdAt: Date }): Promise<void> {
    const at = sqlTimestamp(row.createdAt, this.db.dialect);
    await this.sql(
      `INSERT INTO fee_payments (tenant_id, id, student_id, academic_year_id, amount, currency, method, reference,
         instrument_no, instrument_bank, instrument_date, paid_on, receipt_seq, receipt_no, status, idempotency_key,
         request_hash, received_by, reversed_at, reversed_by, reversal_reason, created_at, updated_at)
       VALUES ${TenantScopedRepository.rowsOf(1, 23)}`,
      [
        row.id,
        row.studentId,
        row.academicYearId,
        row.amount,
        row.currency,
        row.method,
        row.reference,
        row.instrumentNo,
        row.instrumentBank,
        row.instrumentDate,
        row.paidOn,
        row.receiptSeq,
        row.receiptNo,
        row.status,
        row.idempotencyKey,
        row.requestHash,
        row.receivedBy,
        row.reversedAt ? sqlTimestamp(row.reversedAt, this.db.dialect) : null,
        row.reversedBy,
        row.reversalReason,
        at,
        at,
      ],
    );
  }
  /** Count and sum of completed payments paid within a range (a dashboard card; ix_fee_payments_paid_on). */
  async completedTotals(from: string, to: string): Promise<{ count: number; amount: number }> {
    const rows = await this.sql<{ n: string | number; amount: string | number | null }[]>(
      "SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount FROM fee_payments WHERE tenant_id = ? AND paid_on BETWEEN ? AND ? AND status = 'completed'",
      [from, to],
    );
    return { count: Number(rows[0]?.n ?? 0), amount: Number(rows[0]?.amount ?? 0) };
  }
  /** Completed payments of a day grouped by method and receiving cashier (one statement; a dashboard card). */
  async completedGroupsOnDay(
    date: string,
  ): Promise<{ method: FeePayment['method']; receivedBy: string | null; count: number; amount: number }[]> {
    const rows = await this.sql<
      {
        method: FeePayment['method'];
        received_by: string | null;
        n: string | number;
        amount: string | number;
      }[]
    >(
      "SELECT method, received_by, COUNT(*) AS n, SUM(amount) AS amount FROM fee_payments WHERE tenant_id = ? AND paid_on = ? AND status = 'completed' GROUP BY method, received_by",
      [date],
    );
    return rows.map((r) => ({
      method: r.method,
      receivedBy: r.received_by,
      count: Number(r.n),
      amount: Number(r.amount),
    }));
  }
  /** Every payment paid on a day, completed or reversed, in receipt order (the day-close report). */
  paidOnDay(date: string): Promise<FeePayment[]> {
    return this.find({ where: { paidOn: date }, order: { receiptNo: 'ASC', id: 'ASC' } });
  }
  async markReversed(id: string, by: string | null, reason: string, at: Date): Promise<number> {
    return this.update(
      { id, status: 'completed' },
      { status: 'reversed', reversedBy: by, reversalReason: reason, reversedAt: at },
    );
  }
}

@Injectable()
export class FeeOnlineOrdersRepository extends TenantScopedRepository<FeeOnlineOrder> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeOnlineOrder);
  }
  byId(id: string): Promise<FeeOnlineOrder | null> {
    return this.findOneBy({ id });
  }
  byProviderOrderId(provider: string, providerOrderId: string): Promise<FeeOnlineOrder | null> {
    return this.findOneBy({ provider, providerOrderId });
  }
  async add(row: Insertable<FeeOnlineOrder>): Promise<void> {
    await this.insert(row);
  }
  async markPaid(id: string, paymentId: string): Promise<number> {
    return this.update({ id, status: 'created' }, { status: 'paid', paymentId });
  }
  async markFailed(id: string): Promise<number> {
    return this.update({ id, status: 'created' }, { status: 'failed' });
  }
}

@Injectable()
export class FeeWebhookEventsRepository extends TenantScopedRepository<FeeWebhookEvent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeWebhookEvent);
  }
  /** Records an event id; false when it was already recorded (a replay or duplicate delivery). */
  async claim(row: Insertable<FeeWebhookEvent>): Promise<boolean> {
    const before = await this.exists({ provider: row.provider, eventId: row.eventId });
    if (before) return false;
    await this.insert(row);
    return true;
  }
}

/** Reminders queued by hand from the defaulters list: one per student per local day. */
@Injectable()
export class FeeManualRemindersRepository extends TenantScopedRepository<FeeManualReminder> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeManualReminder);
  }
  /** Which of these students were reminded on `sentOn`. */
  async remindedOn(sentOn: string, studentIds: string[]): Promise<Set<string>> {
    if (!studentIds.length) return new Set();
    const rows = await this.find({ where: { sentOn, studentId: In(studentIds) } });
    return new Set(rows.map((r) => r.studentId));
  }
  countOn(sentOn: string): Promise<number> {
    return this.count({ sentOn });
  }
  /** Claims (student, day); false when it was claimed before. A racing duplicate fails on the primary key. */
  async claim(studentId: string, sentOn: string, sentBy: string | null): Promise<boolean> {
    if (await this.exists({ studentId, sentOn })) return false;
    await this.insert({ studentId, sentOn, sentBy, enqueued: 0 });
    return true;
  }
  async setEnqueued(studentId: string, sentOn: string, enqueued: number): Promise<void> {
    await this.update({ studentId, sentOn }, { enqueued });
  }
}

/** The per-child parts of family online orders. */
@Injectable()
export class FeeOnlineOrderPartsRepository extends TenantScopedRepository<FeeOnlineOrderPart> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeOnlineOrderPart);
  }
  ofOrder(orderId: string): Promise<FeeOnlineOrderPart[]> {
    return this.find({ where: { orderId }, order: { studentId: 'ASC' } });
  }
  async add(rows: Insertable<FeeOnlineOrderPart>[]): Promise<void> {
    await this.insert(rows);
  }
  async markPaid(orderId: string, studentId: string, paymentId: string): Promise<void> {
    await this.update({ orderId, studentId }, { paymentId });
  }
}
