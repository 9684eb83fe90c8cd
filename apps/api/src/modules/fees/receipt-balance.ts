/** A ledger entry as the receipt's balance reads it: charges and fines positive, payments negative. */
export interface BalanceEntry {
  /** UUIDv7: ids sort in the order the entries were written. */
  id: string;
  paymentId: string | null;
  kind: string;
  amount: number;
}

/**
 * What the student owed right after this payment was recorded: the sum of their ledger up to and including
 * the payment's own entries, so charges, fines, concessions and reversals written later do not change an
 * old receipt. Null when the ledger holds no entry of the payment.
 */
export function balanceAfterPayment(entries: readonly BalanceEntry[], paymentId: string): number | null {
  const own = entries.filter((e) => e.paymentId === paymentId && e.kind === 'payment').map((e) => e.id);
  if (own.length === 0) return null;
  const last = own.sort().at(-1)!;
  return entries.filter((e) => e.id <= last).reduce((sum, e) => sum + e.amount, 0);
}
