import type { ErrorDetail, PaymentMethod } from '@shala/contracts';
import { INSTRUMENT_METHODS } from '@shala/contracts';
import { addDays } from '../../platform/time/local-time';

/** A cheque is valid for three months from its date (RBI); older ones are stale. */
export const STALE_INSTRUMENT_DAYS = 91;

export interface InstrumentInput {
  method: PaymentMethod;
  reference?: string | null;
  instrumentNo?: string | null;
  instrumentBank?: string | null;
  instrumentDate?: string | null;
}

const isInstrument = (m: PaymentMethod) => (INSTRUMENT_METHODS as readonly string[]).includes(m);

/**
 * What a real counter needs per method: a cheque or demand draft needs its number, drawee bank and the
 * date on it (not post-dated past the payment date, not stale); a bank transfer needs its UTR; UPI and
 * card references are recommended but optional (the cashier may not have the UTR at hand); the
 * instrument fields belong to cheques and demand drafts only.
 */
export function instrumentProblems(input: InstrumentInput, paidOn: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const label = input.method === 'demand_draft' ? 'a demand draft' : 'a cheque';
  if (isInstrument(input.method)) {
    if (!input.instrumentNo?.trim())
      problems.push({ field: 'instrumentNo', message: `is required for ${label}` });
    if (!input.instrumentBank?.trim())
      problems.push({ field: 'instrumentBank', message: `is required for ${label}` });
    if (!input.instrumentDate)
      problems.push({ field: 'instrumentDate', message: `is required for ${label}` });
    else if (input.instrumentDate > paidOn)
      problems.push({
        field: 'instrumentDate',
        message: 'is after the payment date (record a post-dated instrument on its date)',
      });
    else if (input.instrumentDate < addDays(paidOn, -STALE_INSTRUMENT_DAYS))
      problems.push({ field: 'instrumentDate', message: 'is more than three months old (stale)' });
  } else {
    for (const field of ['instrumentNo', 'instrumentBank', 'instrumentDate'] as const)
      if (input[field] !== undefined && input[field] !== null)
        problems.push({ field, message: 'is only for cheque and demand draft payments' });
  }
  if (input.method === 'bank_transfer' && !input.reference?.trim())
    problems.push({ field: 'reference', message: 'is required for a bank transfer (the UTR)' });
  return problems;
}
