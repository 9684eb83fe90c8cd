import type { InvoiceLine as InvoiceLineView, InvoiceView } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from '../../platform/database/insertable';
import { RequestContext } from '../../platform/tenancy/request-context';
import { CurrentInstitution } from '../institutions/current-institution';
import type { Due } from './allocation';
import { FeeInvoice, FeeLedgerEntry, LedgerKind } from './entities/fees.entities';
import { DueRow, FeeHeadsRepository, FeeInvoicesRepository, FeeLedgerRepository } from './fees.repository';

export type EntryInput = Pick<
  FeeLedgerEntry,
  'studentId' | 'invoiceId' | 'headId' | 'kind' | 'amount' | 'memo'
> &
  Partial<Pick<FeeLedgerEntry, 'paymentId' | 'reversesEntryId'>>;

export interface InvoicePlan {
  studentId: string;
  academicYearId: string;
  instalmentId: string | null;
  label: string;
  dueDate: string;
  charges: { headId: string; amount: number }[];
}

type Totals = Pick<InvoiceLineView, 'charged' | 'concession' | 'fine' | 'paid' | 'outstanding'>;
const zero = (): Totals => ({ charged: 0, concession: 0, fine: 0, paid: 0, outstanding: 0 });

/** Adds an entry to running totals: reversals of payments count back against `paid`. */
function add(t: Totals, kind: LedgerKind, amount: number): void {
  if (kind === 'charge') t.charged += amount;
  else if (kind === 'fine') t.fine += amount;
  else if (kind === 'concession' || kind === 'waiver') t.concession -= amount;
  else t.paid -= amount; // payment (negative) and its reversal (positive)
  t.outstanding += amount;
}

/**
 * The ledger (DAT-06): invoices are created with their charge entries; every balance shown is derived from
 * the entries, in integer minor units of the institution's currency. Each invoice also keeps the entries'
 * running sum (fee_invoices.outstanding) for the dashboards' overdue totals, moved only here.
 */
@Injectable()
export class FeesLedgerService {
  constructor(
    private readonly context: RequestContext,
    private readonly institution: CurrentInstitution,
    private readonly invoices: FeeInvoicesRepository,
    private readonly entries: FeeLedgerRepository,
    private readonly heads: FeeHeadsRepository,
  ) {}

  /** Creates invoices with one charge entry per head, inside the caller's transaction. */
  async createInvoices(plans: InvoicePlan[]): Promise<string[]> {
    if (!plans.length) return [];
    const currency = await this.institution.currency();
    const today = await this.institution.today();
    const userId = this.context.userId;
    const invoices: Insertable<FeeInvoice>[] = plans.map((p) => ({
      id: uuidv7(),
      studentId: p.studentId,
      academicYearId: p.academicYearId,
      instalmentId: p.instalmentId,
      label: p.label,
      dueDate: p.dueDate,
      currency,
      // the charges' sum: the balance the entries below make, written with the row (no UPDATE per invoice)
      outstanding: p.charges.reduce((sum, c) => sum + c.amount, 0),
      createdBy: userId,
    }));
    await this.invoices.add(invoices);
    await this.write(
      plans.flatMap((p, k) =>
        p.charges.map((c) => ({
          studentId: p.studentId,
          invoiceId: invoices[k]!.id,
          headId: c.headId,
          kind: 'charge' as const,
          amount: c.amount,
          memo: null,
        })),
      ),
      today,
    );
    return invoices.map((i) => i.id);
  }

  /**
   * Appends ledger entries dated `entryDate` (default today), inside the caller's transaction, and moves
   * each touched invoice's running balance (fee_invoices.outstanding) by the entries' sum in the same
   * transaction: the entries and the balance commit or roll back together.
   */
  async append(rows: EntryInput[], entryDate?: string): Promise<FeeLedgerEntry[]> {
    const full = await this.write(rows, entryDate ?? (await this.institution.today()));
    const deltas = new Map<string, number>();
    for (const r of rows) deltas.set(r.invoiceId, (deltas.get(r.invoiceId) ?? 0) + r.amount);
    await this.invoices.moveOutstanding(deltas);
    return full;
  }

  private async write(rows: EntryInput[], date: string): Promise<FeeLedgerEntry[]> {
    const userId = this.context.userId;
    const full = rows.map((r) => ({
      id: uuidv7(),
      paymentId: null,
      reversesEntryId: null,
      ...r,
      entryDate: date,
      createdBy: userId,
    }));
    await this.entries.append(full);
    return full as unknown as FeeLedgerEntry[];
  }

  /** Every invoice of a student with per-head totals derived from the ledger, oldest due first. */
  async invoicesOf(studentId: string): Promise<InvoiceView[]> {
    return this.viewsOf(await this.invoices.ofStudent(studentId));
  }

  async invoiceView(invoice: FeeInvoice): Promise<InvoiceView> {
    return (await this.viewsOf([invoice]))[0]!;
  }

  private async viewsOf(invoices: FeeInvoice[]): Promise<InvoiceView[]> {
    const entries = await this.entries.ofInvoices(invoices.map((i) => i.id));
    const names = new Map((await this.heads.list()).map((h) => [h.id, h.name]));
    const today = await this.institution.today();
    return invoices.map((inv) => {
      const byHead = new Map<string, Totals>();
      const total = zero();
      for (const e of entries) {
        if (e.invoiceId !== inv.id) continue;
        if (!byHead.has(e.headId)) byHead.set(e.headId, zero());
        add(byHead.get(e.headId)!, e.kind, e.amount);
        add(total, e.kind, e.amount);
      }
      const status =
        total.outstanding <= 0
          ? 'paid'
          : total.paid > 0
            ? 'partial'
            : inv.dueDate < today
              ? 'overdue'
              : 'due';
      return {
        id: inv.id,
        studentId: inv.studentId,
        label: inv.label,
        dueDate: inv.dueDate,
        currency: inv.currency,
        ...total,
        status,
        overdue: inv.dueDate < today && total.outstanding > 0,
        lines: [...byHead.entries()].map(([headId, t]) => ({
          headId,
          headName: names.get(headId) ?? '',
          ...t,
        })),
      };
    });
  }

  /**
   * What a payment can be allocated to: each invoice head with its balance (one read), oldest due first,
   * then invoice creation and line order.
   */
  async duesOf(studentId: string): Promise<Due[]> {
    return FeesLedgerService.duesFrom(await this.invoices.duesOf(studentId));
  }

  /** Dues in allocation order from balance rows already in that order (see FeeInvoicesRepository.duesOf). */
  static duesFrom(rows: DueRow[]): Due[] {
    const invoiceIndex = new Map<string, number>();
    const lineIndex = new Map<string, number>();
    return rows.map((r) => {
      if (!invoiceIndex.has(r.invoiceId)) invoiceIndex.set(r.invoiceId, invoiceIndex.size);
      const j = lineIndex.get(r.invoiceId) ?? 0;
      lineIndex.set(r.invoiceId, j + 1);
      return {
        invoiceId: r.invoiceId,
        headId: r.headId,
        dueDate: r.dueDate,
        order: invoiceIndex.get(r.invoiceId)! * 1000 + j,
        outstanding: r.outstanding,
      };
    });
  }

  ledgerOf(studentId: string): Promise<FeeLedgerEntry[]> {
    return this.entries.ofStudent(studentId);
  }

  entriesOfPayment(paymentId: string): Promise<FeeLedgerEntry[]> {
    return this.entries.ofPayment(paymentId);
  }

  entriesOfPayments(paymentIds: string[]): Promise<FeeLedgerEntry[]> {
    return this.entries.ofPayments(paymentIds);
  }
}
