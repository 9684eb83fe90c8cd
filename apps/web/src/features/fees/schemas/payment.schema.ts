import { z } from 'zod';
import { COUNTER_METHODS, isInstrumentMethod } from '../payment';

/** An amount typed in rupees (two decimals at most), turned into paise by toPaise. Messages are fees i18n keys. */
export function amountSchema(maxPaise: number) {
  return z.object({
    amount: z
      .number({ required_error: 'pay.amountRequired', invalid_type_error: 'pay.amountRequired' })
      .min(1, 'pay.amountTooSmall')
      .refine((value) => Math.round(value * 100) <= maxPaise, 'pay.amountTooLarge'),
  });
}

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

export type RecordPaymentValues = z.infer<ReturnType<typeof recordPaymentSchema>>;
