import type { OnlineOrderPart } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { StudentDirectory } from '../students/student-directory';
import { FeeOnlineOrder } from './entities/fees.entities';
import { OverpaymentError } from './fees.errors';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesPaymentsService } from './fees-payments.service';
import { FeeAccountsRepository, FeeOnlineOrderPartsRepository } from './fees.repository';

export interface ChildShare {
  studentId: string;
  amount: number;
}

/**
 * One online order for several children of a family: each child's share is checked against that
 * child's dues when the order opens and again when the provider confirms; the capture books one payment
 * (one receipt) per child under each child's account lock, all or nothing. Children are handled in id
 * order, and the order's own student is the first of them, so two orders always lock in the same order.
 */
@Injectable()
export class FeesFamilyOrdersService {
  constructor(
    private readonly students: StudentDirectory,
    private readonly ledger: FeesLedgerService,
    private readonly institution: CurrentInstitution,
    private readonly payments: FeesPaymentsService,
    private readonly accounts: FeeAccountsRepository,
    private readonly parts: FeeOnlineOrderPartsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The shares in id order, each a visible child (404 otherwise) owing at least its amount (422 otherwise). */
  async checkShares(children: ChildShare[]): Promise<ChildShare[]> {
    const ids = children.map((c) => c.studentId);
    const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (repeated >= 0)
      throw new ValidationFailedError([
        { field: `children.${repeated}.studentId`, message: 'names a child already in the order' },
      ]);
    // Only the caller's own children (a parent's, or a student's self): any other is "not found".
    if ((await this.students.scope()).kind !== 'students') throw new NotFoundError('The student');
    const visible = await this.students.visibleMany(ids);
    if (visible.length !== ids.length) throw new NotFoundError('The student');
    const currency = await this.institution.currency();
    for (const child of children) {
      const dues = await this.ledger.duesOf(child.studentId);
      const outstanding = dues.reduce((s, d) => s + Math.max(0, d.outstanding), 0);
      if (child.amount > outstanding) throw new OverpaymentError(outstanding, currency);
    }
    return [...children].sort((a, b) => a.studentId.localeCompare(b.studentId));
  }

  async addParts(orderId: string, shares: ChildShare[]): Promise<void> {
    await this.parts.add(
      shares.map((s) => ({ orderId, studentId: s.studentId, amount: s.amount, paymentId: null })),
    );
  }

  async partsOf(order: FeeOnlineOrder): Promise<OnlineOrderPart[]> {
    const rows = await this.parts.ofOrder(order.id);
    if (!rows.length)
      return [{ studentId: order.studentId, amount: order.amount, paymentId: order.paymentId }];
    return rows.map((r) => ({ studentId: r.studentId, amount: r.amount, paymentId: r.paymentId }));
  }

  /** Students of an order (its parts', or its own), for visibility checks. */
  async studentIdsOf(order: FeeOnlineOrder): Promise<string[]> {
    return (await this.partsOf(order)).map((p) => p.studentId);
  }

  /**
   * Inside the webhook's transaction, with the order's first child locked: locks the others, checks every
   * share against its child's dues, and books one payment per child. Null when a share can no longer be
   * allocated (paid at the counter meanwhile): nothing is booked, the money is refunded by hand. Null for
   * an order of a single child (no parts).
   */
  async creditLocked(
    order: FeeOnlineOrder,
    reference: string,
  ): Promise<
    { firstPaymentId: string } | { unallocatable: { studentId: string; outstanding: number } } | null
  > {
    const shares = await this.parts.ofOrder(order.id);
    if (!shares.length) return null; // a single child's order
    for (const share of shares)
      if (share.studentId !== order.studentId) await this.accounts.lock(share.studentId);
    for (const share of shares) {
      const dues = await this.ledger.duesOf(share.studentId);
      const outstanding = dues.reduce((s, d) => s + Math.max(0, d.outstanding), 0);
      if (share.amount > outstanding) return { unallocatable: { studentId: share.studentId, outstanding } };
    }
    const ids: string[] = [];
    for (const share of shares) {
      const paymentId = await this.payments.recordLocked(
        share.studentId,
        { amount: share.amount, method: 'online', reference },
        null,
        null,
      );
      await this.parts.markPaid(order.id, share.studentId, paymentId);
      ids.push(paymentId);
    }
    await this.audit.record({
      action: 'fees.online_payment.family',
      targetType: 'fee_online_order',
      targetId: order.id,
      details: { payments: ids, students: shares.map((s) => s.studentId) },
    });
    return { firstPaymentId: ids[0]! };
  }
}
