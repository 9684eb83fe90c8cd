import type { PaymentView } from '@shala/contracts';

/** A completed payment of ₹5,000.00 with receipt 2026-27/00001, for the fee screens' tests. */
export function testPayment(studentId: string, method: PaymentView['method']): PaymentView {
  return {
    id: 'pay-1',
    studentId,
    amount: 500000,
    currency: 'INR',
    method,
    reference: null,
    instrument: null,
    paidOn: '2026-05-02',
    receiptNo: '2026-27/00001',
    status: 'completed',
    reversedAt: null,
    reversalReason: null,
    createdAt: '2026-05-02T05:00:00.000Z',
    allocations: [],
  };
}
