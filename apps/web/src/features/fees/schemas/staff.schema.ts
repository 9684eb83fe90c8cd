import { z } from 'zod';
import { ADJUSTMENT_KINDS, LATE_FEE_KINDS, REMINDER_KINDS } from '@shala/contracts';

/** Zod schemas of the office's fee forms. Money is typed in rupees (toPaise sends paise); messages are fees i18n keys. */

const rupees = (message: string) =>
  z
    .number({ required_error: message, invalid_type_error: message })
    .min(0, message)
    .max(100_000_000, message);
const positiveRupees = (message: string) =>
  z
    .number({ required_error: message, invalid_type_error: message })
    .min(0.01, message)
    .max(100_000_000, message);
const percent = (message: string) =>
  z.number({ required_error: message, invalid_type_error: message }).min(0.01, message).max(100, message);

export const reverseSchema = z.object({
  reason: z.string().trim().min(3, 'reverse.reasonRequired').max(300, 'reverse.reasonRequired'),
});
export type ReverseValues = z.infer<typeof reverseSchema>;

export const headSchema = z.object({
  name: z.string().trim().min(1, 'heads.nameRequired').max(80, 'heads.nameRequired'),
  optional: z.boolean(),
});
export type HeadValues = z.infer<typeof headSchema>;

export const adjustmentSchema = z
  .object({
    kind: z.enum(ADJUSTMENT_KINDS),
    headId: z.string(),
    by: z.enum(['amount', 'percent']),
    amount: z.number().optional(),
    percent: z.number().optional(),
    category: z.string(),
    reason: z.string().trim().min(3, 'adjust.reasonRequired').max(250, 'adjust.reasonRequired'),
  })
  .superRefine((value, ctx) => {
    const byPercent = value.kind === 'concession' && value.by === 'percent';
    if (byPercent && !percent('x').safeParse(value.percent).success)
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'adjust.percentRequired' });
    if (!byPercent && !positiveRupees('x').safeParse(value.amount).success)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'adjust.amountRequired' });
    if (value.kind === 'fine' && (!value.headId || value.headId === 'all'))
      ctx.addIssue({ code: 'custom', path: ['headId'], message: 'adjust.headRequired' });
  });
export type AdjustmentValues = z.infer<typeof adjustmentSchema>;

export const optionalHeadsSchema = z.object({
  heads: z.array(z.object({ headId: z.string(), amount: rupees('optional.amountInvalid') })),
});
export type OptionalHeadsValues = z.infer<typeof optionalHeadsSchema>;

export const structureSchema = z.object({
  classId: z.string().min(1, 'structureForm.classRequired'),
  name: z.string().trim().min(1, 'structureForm.nameRequired').max(100, 'structureForm.nameRequired'),
  instalments: z
    .array(
      z
        .object({
          label: z
            .string()
            .trim()
            .min(1, 'structureForm.labelRequired')
            .max(80, 'structureForm.labelRequired'),
          dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'structureForm.dueDateRequired'),
          amounts: z.array(z.object({ headId: z.string(), amount: rupees('structureForm.amountInvalid') })),
        })
        .refine((i) => i.amounts.some((a) => a.amount > 0), {
          message: 'structureForm.lineRequired',
          path: ['label'],
        }),
    )
    .min(1)
    .max(24),
});
export type StructureValues = z.infer<typeof structureSchema>;

export const lateFeeRuleSchema = z
  .object({
    name: z.string().trim().min(1, 'rules.nameRequired').max(80, 'rules.nameRequired'),
    kind: z.enum(LATE_FEE_KINDS),
    amount: z.number().optional(),
    percent: z.number().optional(),
    graceDays: z
      .number({ invalid_type_error: 'rules.graceInvalid' })
      .int('rules.graceInvalid')
      .min(0, 'rules.graceInvalid')
      .max(365, 'rules.graceInvalid'),
    cap: z.number().optional(),
    headId: z.string().min(1, 'rules.headRequired'),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'percent' && !percent('x').safeParse(value.percent).success)
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'rules.percentRequired' });
    if (value.kind !== 'percent' && !positiveRupees('x').safeParse(value.amount).success)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'rules.amountRequired' });
    if (value.cap !== undefined && !positiveRupees('x').safeParse(value.cap).success)
      ctx.addIssue({ code: 'custom', path: ['cap'], message: 'rules.amountRequired' });
  });
export type LateFeeRuleValues = z.infer<typeof lateFeeRuleSchema>;

export const reminderRuleSchema = z
  .object({ kind: z.enum(REMINDER_KINDS), days: z.number().optional() })
  .superRefine((value, ctx) => {
    const valid = z.number().int().min(1).max(365).safeParse(value.days).success;
    if (value.kind !== 'on_due' && !valid)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'rules.daysRequired' });
  });
export type ReminderRuleValues = z.infer<typeof reminderRuleSchema>;
