import type { CounterPaymentMethod, RecordPaymentBody } from '@shala/contracts';
import { z } from 'zod';

/** An amount typed in rupees (two decimals at most), turned into paise by toPaise. Messages are fees i18n keys. */
export function amountSchema(maxPaise: number) {
  return z.object({
    amount: z
      .number({ required_error: 'pay.amountRequired', invalid_type_error: 'pay.amountRequired' })
      .min(1, 'pay.amountTooSmall')
      .refine((value) => Math.round(value * 100) <= maxPaise, 'pay.amountTooLarge'),
  });
}

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

/**
 * The counter form: the fields each method needs (as the API requires them) and a payment date that is
 * not after `today` (the school's today; the API also refuses a day before the academic year).
 */
export function recordPaymentSchema(today: string) {
  return z
    .object({
      amount: z
        .number({ required_error: 'pay.amountRequired', invalid_type_error: 'pay.amountRequired' })
        .min(1, 'pay.amountTooSmall'),
      method: z.enum(COUNTER_METHODS),
      reference: z.string().trim().max(100),
      instrumentNo: z.string().trim().max(40),
      instrumentBank: z.string().trim().max(100),
      instrumentDate: z.string(),
      paidOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'collect.paidOnRequired')
        .refine((date) => date <= today, 'collect.paidOnFuture'),
      note: z.string().trim().max(500),
    })
    .superRefine((values, ctx) => {
      if (isInstrumentMethod(values.method)) {
        if (!values.instrumentNo)
          ctx.addIssue({ code: 'custom', path: ['instrumentNo'], message: 'collect.instrumentNoRequired' });
        if (!values.instrumentBank)
          ctx.addIssue({
            code: 'custom',
            path: ['instrumentBank'],
            message: 'collect.instrumentBankRequired',
          });
        if (!/^\d{4}-\d{2}-\d{2}$/.test(values.instrumentDate))
          ctx.addIssue({
            code: 'custom',
            path: ['instrumentDate'],
            message: 'collect.instrumentDateRequired',
          });
        else if (values.instrumentDate > values.paidOn)
          ctx.addIssue({ code: 'custom', path: ['instrumentDate'], message: 'collect.instrumentPostDated' });
      }
      if (values.method === 'bank_transfer' && !values.reference)
        ctx.addIssue({ code: 'custom', path: ['reference'], message: 'collect.referenceRequired' });
    });
}

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

export type RecordPaymentValues = z.infer<ReturnType<typeof recordPaymentSchema>>;

export function toPaise(rupees: number): number {
  return Math.round(rupees * 100);
}
