/** One thing that can be paid: an invoice's head, with what is still owed on it (minor units). */
export interface Due {
  invoiceId: string;
  headId: string;
  dueDate: string;
  /** Tie-break among dues of the same date: invoice creation order, then line order. */
  order: number;
  outstanding: number;
}

export interface Allocation {
  invoiceId: string;
  headId: string;
  amount: number;
}

/**
 * Spreads a payment over dues, oldest due date first (then invoice and line order): each due gets at most
 * what is owed on it, and the total allocated is min(amount, total outstanding). Integer minor units only.
 */
export function allocate(amount: number, dues: readonly Due[]): Allocation[] {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError('amount must be a non-negative integer');
  const ordered = [...dues]
    .filter((d) => d.outstanding > 0)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.order - b.order));
  const out: Allocation[] = [];
  let left = amount;
  for (const due of ordered) {
    if (left === 0) break;
    const take = Math.min(left, due.outstanding);
    out.push({ invoiceId: due.invoiceId, headId: due.headId, amount: take });
    left -= take;
  }
  return out;
}

/** Percentage of an amount in minor units, rounded half up to a whole unit (basis points avoid floats). */
export function percentOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5000) / 10000);
}
