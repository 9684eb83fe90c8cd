import { describe, expect, it } from 'vitest';
import { balanceAfterPayment } from './receipt-balance';

const entry = (id: string, kind: string, amount: number, paymentId: string | null = null) => ({
  id: `0190${id}`,
  kind,
  amount,
  paymentId,
});

describe('balanceAfterPayment', () => {
  const ledger = [
    entry('01', 'charge', 10_000_00),
    entry('02', 'charge', 2_000_00),
    entry('03', 'payment', -4_000_00, 'p1'),
    entry('04', 'payment', -1_000_00, 'p1'),
    entry('05', 'fine', 100_00),
    entry('06', 'payment', -3_000_00, 'p2'),
    entry('07', 'reversal', 4_000_00, 'p1'),
    entry('08', 'charge', 5_000_00),
  ];

  it("is the student's ledger up to the payment, not what they owe now", () => {
    expect(balanceAfterPayment(ledger, 'p1')).toBe(7_000_00);
    expect(balanceAfterPayment(ledger, 'p2')).toBe(4_100_00);
  });

  it('ignores the order the entries arrive in', () => {
    expect(balanceAfterPayment([...ledger].reverse(), 'p1')).toBe(7_000_00);
  });

  it('is null for a payment with no ledger entries', () => {
    expect(balanceAfterPayment(ledger, 'p9')).toBeNull();
  });
});
