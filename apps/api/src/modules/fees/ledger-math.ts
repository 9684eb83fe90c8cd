import type { LedgerKind } from './entities/fees.entities';

export interface LedgerLike {
  kind: LedgerKind;
  amount: number;
}

/** What is owed: the sum of signed entries (charges and fines +, concessions, waivers, payments -). */
export function balanceOf(entries: readonly LedgerLike[]): number {
  return entries.reduce((sum, e) => sum + e.amount, 0);
}

/** The sign an entry of `kind` carries for a positive `amount`. */
export function signed(kind: Exclude<LedgerKind, 'reversal'>, amount: number): number {
  return kind === 'charge' || kind === 'fine' ? amount : -amount;
}
