import { z } from 'zod';
import type { academicsText } from '../i18n';

/** Zod messages are keys of the academics strings (useFieldError('academics') translates them). */
type FormMessage = `form.${keyof (typeof academicsText)['form']}`;
const msg = (key: FormMessage): FormMessage => key;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A new academic year: a name and its first and last day (YYYY-MM-DD, the school's local dates). */
export const yearSchema = z.object({
  name: z.string().trim().min(1, msg('form.required')),
  startsOn: z.string().regex(DATE, msg('form.dateFormat')),
  endsOn: z.string().regex(DATE, msg('form.dateFormat')),
});

export type YearValues = z.infer<typeof yearSchema>;
