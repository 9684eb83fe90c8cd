import { z } from 'zod';
import { INSTITUTION_SLUG_PATTERN } from '@shala/contracts';

// Messages are i18n keys (src/app/i18n/en.ts); the form translates them when it shows them.
export const loginSchema = z.object({
  institution: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'auth.validation.institutionRequired')
    .regex(INSTITUTION_SLUG_PATTERN, 'auth.validation.institutionFormat'),
  email: z
    .string()
    .trim()
    .min(1, 'auth.validation.emailRequired')
    .email('auth.validation.emailFormat')
    .max(254, 'auth.validation.emailFormat'),
  // Passwords are sent as typed: no trimming, the API checks them (AUT-02 allows up to 128 characters).
  password: z.string().min(1, 'auth.validation.passwordRequired'),
});

export type LoginFormInput = z.input<typeof loginSchema>;
export type LoginFormValues = z.output<typeof loginSchema>;
