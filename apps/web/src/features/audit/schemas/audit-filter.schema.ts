import { z } from 'zod';
import { msg } from '../../../app/forms/fields';

// Messages are i18n keys (src/app/i18n/en.ts).
export const auditFilterSchema = z.object({
  /** An exact action or a prefix ending in * (the API's own pattern). */
  action: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === '' || /^[a-z][a-z0-9_.]*\*?$/.test(value), msg('validation.actionFormat')),
  outcome: z.enum(['', 'success', 'failure', 'denied']),
  /** Calendar days (YYYY-MM-DD) in the institution's time zone. */
  dates: z.tuple([z.string().nullable(), z.string().nullable()]),
  actorUserId: z.string(),
});
export type AuditFilterInput = z.input<typeof auditFilterSchema>;
export type AuditFilterValues = z.output<typeof auditFilterSchema>;
