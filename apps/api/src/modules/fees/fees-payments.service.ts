import type { PaymentView } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../../platform/errors/domain-error';
import { Clock } from '../../platform/time/clock';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { GuardianNotifier } from '../notifications/guardian-notifier.service';
import { StudentDirectory } from '../students/student-directory';
import { Due, allocate, percentOf } from './allocation';
import { formatMoney } from './amount-in-words';
import { FeeLedgerEntry, FeePayment, PaymentMethod } from './entities/fees.entities';
import { FeesErrorCode, IdempotencyKeyReusedError, OverpaymentError } from './fees.errors';
import { FeesLedgerService } from './fees-ledger.service';
import { instrumentProblems } from './payment-instruments';
import {
  FeeAccountsRepository,
  FeeInvoicesRepository,
  FeePaymentsRepository,
  FeeReceiptCountersRepository,
} from './fees.repository';
import { isUniqueViolation } from '../../platform/database/driver-errors';

export interface PaymentInput {
  amount: number;
  method: PaymentMethod;
  reference?: string | null;
  instrumentNo?: string | null;
  instrumentBank?: string | null;
  instrumentDate?: string | null;
  /** The day the money was received (a counter payment may be backdated within the open period). */
  paidOn?: string | null;
  note?: string | null;
}

export interface AdjustmentInput {
  kind: 'concession' | 'waiver' | 'fine';
  headId?: string;
  amount?: number;
  /** Basis points of the head's charge (concessions only), e.g. 1000 = 10%. */
  percentBasisPoints?: number;
  category?: string;
  reason: string;
}

/**
 * Payments (APP-06): each runs in one transaction under the student's fee-account row lock, is allocated
 * to the oldest dues first, can never exceed what is outstanding, gets the next gapless receipt number of
 * the year, and is written as ledger entries. A retried request with the same Idempotency-Key answers the
 * original payment. Reversals add negating entries; nothing is deleted (DAT-06).
 */
@Injectable()
export class FeesPaymentsService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly ledger: FeesLedgerService,
    private readonly institution: CurrentInstitution,
    private readonly accounts: FeeAccountsRepository,
    private readonly counters: FeeReceiptCountersRepository,
    private readonly payments: FeePaymentsRepository,
    private readonly invoices: FeeInvoicesRepository,
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
    private readonly audit: AuditService,
    private readonly notifier: GuardianNotifier,
  ) {}

  static requestHash(studentId: string, input: PaymentInput): string {
    const canonical = JSON.stringify([
      studentId,
      input.amount,
      input.method,
      input.reference ?? null,
      input.note ?? null,
      input.instrumentNo ?? null,
      input.instrumentBank ?? null,
      input.instrumentDate ?? null,
      input.paidOn ?? null,
    ]);
    return createHash('sha256').update(canonical).digest('hex');
  }

  /** The payment recorded earlier with this key, or null; a key reused for another request is a 409. */
  private async replay(key: string, hash: string): Promise<PaymentView | null> {
    const existing = await this.payments.byIdempotencyKey(key);
    if (!existing) return null;
    if (existing.requestHash !== hash) throw new IdempotencyKeyReusedError();
    return this.view(existing);
  }

  /**
   * Records a counter or online payment; `replayed` says the key had been used (nothing new recorded).
   *
   * Staff reach every student of the school: the fee-account lock inside the transaction finds a student
   * who is not the institution's (not found), so no separate read of the student; other callers are
   * checked against their scope first (AZ-03). A key is looked up only when the payment cannot be
   * recorded: the unique key (tenant_id, idempotency_key) refuses a second payment with the same key
   * (rolled back, its receipt number with it), and a retry after the first one settled the dues is refused
   * by the rules; either way the earlier payment is answered (or 409 for another request under that key).
   */
  async record(
    studentId: string,
    input: PaymentInput,
    idempotencyKey?: string,
  ): Promise<{ payment: PaymentView; replayed: boolean }> {
    if ((await this.students.scope()).kind !== 'all') await this.students.visible(studentId);
    const hash = FeesPaymentsService.requestHash(studentId, input);
    try {
      await this.checkCounterInput(input);
      const written = await this.db.transaction(async () =>
        this.write(studentId, input, idempotencyKey ?? null, hash, await this.lockedDues(studentId)),
      );
      return { payment: FeesPaymentsService.viewOf(written.payment, written.entries), replayed: false };
    } catch (error) {
      if (
        idempotencyKey &&
        (isUniqueViolation(error) || error instanceof DomainError) &&
        !(error instanceof NotFoundError)
      ) {
        const earlier = await this.replay(idempotencyKey, hash);
        if (earlier) return { payment: earlier, replayed: true };
      }
      throw error;
    }
  }

  /**
   * The open period for counter payments: from the current academic year's first day to today in the
   * school's time zone (fees has no day close; a closed year is closed). The instrument fields each
   * method needs (payment-instruments.ts). Each problem names its field (400).
   */
  private async checkCounterInput(input: PaymentInput): Promise<void> {
    const today = await this.institution.today();
    const paidOn = input.paidOn ?? today;
    const problems = instrumentProblems(input, paidOn);
    if (input.paidOn) {
      const year = await this.academics.currentYear();
      if (input.paidOn > today)
        problems.push({ field: 'paidOn', message: `is in the future (today is ${today})` });
      else if (input.paidOn < year.startsOn)
        problems.push({
          field: 'paidOn',
          message: `is before the open period (academic year ${year.name} starts ${year.startsOn})`,
        });
    }
    if (problems.length) throw new ValidationFailedError(problems);
  }

  /** A payment recorded by the system (demo seed, imports): no caller scope, same rules and lock. */
  async recordAsSystem(studentId: string, input: PaymentInput): Promise<string> {
    return this.db.transaction(async () => {
      await this.accounts.lock(studentId);
      return this.recordLocked(studentId, input, null, null);
    });
  }

  /** Inside the transaction, with the student's account row locked. */
  async recordLocked(
    studentId: string,
    input: PaymentInput,
    idempotencyKey: string | null,
    hash: string | null,
  ): Promise<string> {
    const dues = await this.ledger.duesOf(studentId);
    return (await this.write(studentId, input, idempotencyKey, hash, dues)).payment.id;
  }

  /**
   * The student's dues, read under the fee account's lock. On SQLite, where transactions already take
   * turns, an existing account's dues are read in one statement with no separate lock write; otherwise the
   * lock write comes first (creating the account, or finding the student is not the school's).
   */
  private async lockedDues(studentId: string): Promise<Due[]> {
    if (this.db.dialect === 'sqlite') {
      const dues = await this.accounts.duesOfAccount(studentId);
      if (dues) return FeesLedgerService.duesFrom(dues);
    }
    await this.accounts.lock(studentId);
    return this.ledger.duesOf(studentId);
  }

  /** Writes the payment against the dues read under the account lock; answers the rows as written. */
  private async write(
    studentId: string,
    input: PaymentInput,
    idempotencyKey: string | null,
    hash: string | null,
    dues: Due[],
  ): Promise<{ payment: Omit<FeePayment, 'tenantId'>; entries: FeeLedgerEntry[] }> {
    const outstanding = dues.reduce((s, d) => s + Math.max(0, d.outstanding), 0);
    const currency = await this.institution.currency();
    if (outstanding === 0)
      throw new RuleViolationError('Nothing is outstanding for this student.', FeesErrorCode.NothingDue);
    if (input.amount > outstanding) throw new OverpaymentError(outstanding, currency);
    const allocations = allocate(input.amount, dues);
    const year = await this.academics.currentYear();
    const seq = await this.counters.next(year.id);
    const id = uuidv7();
    const today = await this.institution.today();
    const paidOn = input.paidOn ?? today;
    const receiptNo = `${year.name}/${String(seq).padStart(5, '0')}`;
    const payment: Omit<FeePayment, 'tenantId'> = {
      id,
      studentId,
      academicYearId: year.id,
      amount: input.amount,
      currency,
      method: input.method,
      reference: input.reference?.trim() || null,
      instrumentNo: input.instrumentNo?.trim() || null,
      instrumentBank: input.instrumentBank?.trim() || null,
      instrumentDate: input.instrumentDate ?? null,
      paidOn,
      receiptSeq: seq,
      receiptNo,
      status: 'completed',
      idempotencyKey,
      requestHash: hash,
      receivedBy: this.context.userId,
      reversedAt: null,
      reversedBy: null,
      reversalReason: null,
      createdAt: new Date(),
    };
    await this.payments.add(payment);
    const entries = await this.ledger.append(
      allocations.map((a) => ({
        studentId,
        invoiceId: a.invoiceId,
        headId: a.headId,
        kind: 'payment' as const,
        amount: -a.amount,
        paymentId: id,
        memo: input.note ?? null,
      })),
      paidOn,
    );
    await this.audit.record({
      action: 'fees.payment.record',
      targetType: 'fee_payment',
      targetId: id,
      // Both dates: when the money was received (paidOn, the ledger's date) and when it was entered.
      details: {
        studentId,
        amount: input.amount,
        currency,
        method: input.method,
        receiptNo,
        paidOn,
        enteredAt: this.clock.now().toISOString(),
        backdated: paidOn < today,
        allocations,
      },
    });
    // A receipt message to the guardians who opted in to receipts, in this transaction (once per payment).
    const school = await this.institution.name();
    await this.notifier.notifyFamilies([
      {
        studentId,
        purpose: 'receipts',
        template: 'receipt',
        variables: (student) => ({
          student,
          amount: formatMoney(input.amount, currency),
          receiptNo,
          date: paidOn,
          school,
        }),
        idempotencyKey: `fee-receipt:${id}`,
      },
    ]);
    return { payment, entries };
  }

  async reverse(paymentId: string, reason: string): Promise<PaymentView> {
    const payment = await this.get(paymentId);
    await this.db.transaction(async () => {
      await this.accounts.lock(payment.studentId);
      const entries = await this.ledger.entriesOfPayment(paymentId);
      const changed = await this.payments.markReversed(
        paymentId,
        this.context.userId,
        reason,
        this.clock.now(),
      );
      if (changed === 0)
        throw new ConflictError('This payment was already reversed.', FeesErrorCode.AlreadyReversed);
      await this.ledger.append(
        entries
          .filter((e) => e.kind === 'payment')
          .map((e) => ({
            studentId: e.studentId,
            invoiceId: e.invoiceId,
            headId: e.headId,
            kind: 'reversal' as const,
            amount: -e.amount,
            paymentId,
            reversesEntryId: e.id,
            memo: reason,
          })),
      );
      await this.audit.record({
        action: 'fees.payment.reverse',
        targetType: 'fee_payment',
        targetId: paymentId,
        details: { reason, amount: payment.amount, receiptNo: payment.receiptNo },
      });
    });
    return this.byIdUnchecked(paymentId);
  }

  /** A concession, waiver or fine on one invoice (a head of it, or spread over its heads). */
  async adjust(invoiceId: string, input: AdjustmentInput): Promise<void> {
    const invoice = await this.invoices.byId(invoiceId);
    if (!invoice) throw new NotFoundError('The invoice');
    await this.students.visible(invoice.studentId);
    await this.db.transaction(async () => {
      await this.accounts.lock(invoice.studentId);
      const view = await this.ledger.invoiceView(invoice);
      const lines = view.lines.filter((l) => !input.headId || l.headId === input.headId);
      if (!lines.length) throw new NotFoundError('The fee head on this invoice');
      const memo = [input.category, input.reason].filter(Boolean).join(': ').slice(0, 300);
      const rows: { headId: string; amount: number }[] = [];
      if (input.kind === 'fine') {
        rows.push({ headId: lines[0]!.headId, amount: input.amount ?? 0 });
      } else {
        const wanted = lines.map((l) => ({
          headId: l.headId,
          amount: input.percentBasisPoints !== undefined ? percentOf(l.charged, input.percentBasisPoints) : 0,
          outstanding: l.outstanding,
        }));
        if (input.amount !== undefined) {
          // A flat amount goes to the chosen head, or to the heads in order.
          let left = input.amount;
          for (const w of wanted) {
            w.amount = Math.min(left, Math.max(0, w.outstanding));
            left -= w.amount;
          }
          if (left > 0)
            throw new RuleViolationError(
              'The amount is more than is outstanding on the invoice.',
              FeesErrorCode.ConcessionTooLarge,
            );
        }
        for (const w of wanted) {
          if (w.amount > w.outstanding)
            throw new RuleViolationError(
              'The concession is more than is outstanding on the head.',
              FeesErrorCode.ConcessionTooLarge,
            );
          if (w.amount > 0) rows.push({ headId: w.headId, amount: -w.amount });
        }
      }
      if (!rows.length || rows.every((r) => r.amount === 0))
        throw new RuleViolationError('The adjustment comes to nothing.', FeesErrorCode.NothingDue);
      const entries = await this.ledger.append(
        rows.map((r) => ({
          studentId: invoice.studentId,
          invoiceId,
          headId: r.headId,
          kind: input.kind,
          amount: r.amount,
          memo,
        })),
      );
      await this.audit.record({
        action: `fees.${input.kind}.add`,
        targetType: 'fee_invoice',
        targetId: invoiceId,
        details: {
          ...input,
          entries: entries.map((e) => ({ id: e.id, headId: e.headId, amount: e.amount })),
        },
      });
    });
  }

  /** A payment the caller may see (its student is visible), else not found. */
  async get(paymentId: string): Promise<PaymentView> {
    const payment = await this.payments.byId(paymentId);
    if (!payment) throw new NotFoundError('The payment');
    await this.students.visible(payment.studentId).catch(() => {
      throw new NotFoundError('The payment');
    });
    return this.view(payment);
  }

  async ofStudent(studentId: string): Promise<PaymentView[]> {
    await this.students.visible(studentId);
    return Promise.all((await this.payments.ofStudent(studentId)).map((p) => this.view(p)));
  }

  private async byIdUnchecked(id: string): Promise<PaymentView> {
    return this.view((await this.payments.byId(id))!);
  }

  async view(p: FeePayment): Promise<PaymentView> {
    return FeesPaymentsService.viewOf(p, await this.ledger.entriesOfPayment(p.id));
  }

  /** Views of many payments with one ledger read. */
  async views(payments: FeePayment[]): Promise<PaymentView[]> {
    const entries = await this.ledger.entriesOfPayments(payments.map((p) => p.id));
    return payments.map((p) =>
      FeesPaymentsService.viewOf(
        p,
        entries.filter((e) => e.paymentId === p.id),
      ),
    );
  }

  private static viewOf(p: Omit<FeePayment, 'tenantId'>, entries: FeeLedgerEntry[]): PaymentView {
    return {
      id: p.id,
      studentId: p.studentId,
      amount: p.amount,
      currency: p.currency,
      method: p.method,
      reference: p.reference,
      instrument:
        p.instrumentNo !== null
          ? { number: p.instrumentNo, bank: p.instrumentBank ?? '', date: p.instrumentDate ?? '' }
          : null,
      paidOn: p.paidOn,
      receiptNo: p.receiptNo,
      status: p.status,
      reversedAt: p.reversedAt ? new Date(p.reversedAt).toISOString() : null,
      reversalReason: p.reversalReason,
      createdAt: new Date(p.createdAt).toISOString(),
      allocations: entries
        .filter((e) => e.kind === 'payment')
        .map((e) => ({ invoiceId: e.invoiceId, headId: e.headId, amount: -e.amount })),
    };
  }
}
