import { percentOf } from './allocation';
import type { LateFeeKind } from './entities/fee-rules.entities';

export interface LateFeeRuleLike {
  kind: LateFeeKind;
  amount: number;
  basisPoints: number | null;
  graceDays: number;
  cap: number | null;
}

/** Days from one local date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * What a rule should have charged in total on an invoice by `asOf`: nothing within the grace period;
 * then flat, a percentage of the invoice's charges, or so much per day after the grace period; never
 * more than the cap. The job books only the difference from what it charged before (idempotent).
 */
export function lateFeeDue(rule: LateFeeRuleLike, dueDate: string, asOf: string, charged: number): number {
  const late = daysBetween(dueDate, asOf) - rule.graceDays;
  if (late <= 0) return 0;
  const raw =
    rule.kind === 'flat'
      ? rule.amount
      : rule.kind === 'percent'
        ? percentOf(charged, rule.basisPoints ?? 0)
        : rule.amount * late;
  return rule.cap !== null ? Math.min(raw, rule.cap) : raw;
}
