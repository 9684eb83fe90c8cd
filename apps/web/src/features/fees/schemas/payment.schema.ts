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

export const recordPaymentSchema = z.object({
  amount: z
    .number({ required_error: 'pay.amountRequired', invalid_type_error: 'pay.amountRequired' })
    .min(1, 'pay.amountTooSmall'),
  method: z.enum(['cash', 'cheque', 'bank_transfer']),
  reference: z.string().trim().max(100),
  note: z.string().trim().max(500),
});

export type RecordPaymentValues = z.infer<typeof recordPaymentSchema>;

export function toPaise(rupees: number): number {
  return Math.round(rupees * 100);
}
