import { z } from 'zod';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const slotSchema = z
  .object({
    kind: z.enum(['period', 'break']),
    label: z.string().max(40, 'bell.errors.label'),
    start: z.string().regex(HH_MM, 'bell.errors.time'),
    end: z.string().regex(HH_MM, 'bell.errors.time'),
  })
  .refine((s) => !HH_MM.test(s.start) || !HH_MM.test(s.end) || s.end > s.start, {
    message: 'bell.errors.endAfterStart',
    path: ['end'],
  });

const limit = (max: number) =>
  z.union([
    z.literal(''),
    z.number().int('bell.errors.limit').min(1, 'bell.errors.limit').max(max, 'bell.errors.limit'),
  ]);

export const bellSchema = z.object({
  days: z.array(z.object({ weekday: z.number(), taught: z.boolean(), slots: z.array(slotSchema).max(24) })),
  maxPeriodsPerDay: limit(20),
  maxPeriodsPerWeek: limit(140),
});
export type BellValues = z.infer<typeof bellSchema>;
