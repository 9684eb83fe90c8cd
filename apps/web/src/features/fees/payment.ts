import type { CounterPaymentMethod, RecordPaymentBody } from '@shala/contracts';
import { toPaise } from './money';
import type { RecordPaymentValues } from './schemas/payment.schema';

// The counter's payment methods and the body it sends (the form's zod schema is schemas/payment.schema.ts).

export const COUNTER_METHODS = [
  'cash',
  'upi',
  'card',
  'cheque',
  'demand_draft',
  'bank_transfer',
] as const satisfies readonly CounterPaymentMethod[];

/** Methods paid with a paper instrument whose number, bank and date the API requires. */
export const isInstrumentMethod = (method: CounterPaymentMethod) =>
  method === 'cheque' || method === 'demand_draft';
/** Methods with a UTR or transaction id (required for a bank transfer, recommended for UPI and card). */
export const isReferenceMethod = (method: CounterPaymentMethod) =>
  method === 'upi' || method === 'card' || method === 'bank_transfer';

/** The API body for the values: only the fields the method takes. */
export function recordPaymentBody(values: RecordPaymentValues, today: string): RecordPaymentBody {
  return {
    amount: toPaise(values.amount),
    method: values.method,
    ...(values.reference && !isInstrumentMethod(values.method) ? { reference: values.reference } : {}),
    ...(isInstrumentMethod(values.method)
      ? {
          instrumentNo: values.instrumentNo,
          instrumentBank: values.instrumentBank,
          instrumentDate: values.instrumentDate,
        }
      : {}),
    ...(values.paidOn !== today ? { paidOn: values.paidOn } : {}),
    ...(values.note ? { note: values.note } : {}),
  };
}
