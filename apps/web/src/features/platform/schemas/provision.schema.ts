import { z } from 'zod';
import { INSTITUTION_SLUG_PATTERN } from '@shala/contracts';
import { fields, msg } from '../../../app/forms/fields';

// Messages are i18n keys (src/app/i18n/en.ts). Empty optional fields are left out of the request.
export const provisionSchema = z.object({
  slug: z.string().trim().toLowerCase().regex(INSTITUTION_SLUG_PATTERN, msg('validation.slugFormat')),
  name: z
    .string()
    .trim()
    .min(2, msg('validation.schoolNameLength'))
    .max(200, msg('validation.schoolNameLength')),
  timeZone: z
    .string()
    .trim()
    .refine(
      (value) => value === '' || /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(value),
      msg('validation.timeZoneFormat'),
    ),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((value) => value === '' || /^[A-Z]{3}$/.test(value), msg('validation.currencyFormat')),
  adminEmail: fields.email(),
  adminName: fields.displayName(),
});
export type ProvisionInput = z.input<typeof provisionSchema>;
export type ProvisionValues = z.output<typeof provisionSchema>;
