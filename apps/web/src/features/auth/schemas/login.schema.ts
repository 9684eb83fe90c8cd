import { z } from 'zod';
import { fields } from '../../../app/forms/fields';

// Messages are i18n keys (src/app/i18n/en.ts); the form translates them when it shows them.
export const loginSchema = z.object({
  institution: fields.institution(),
  email: fields.email(),
  // Passwords are sent as typed: no trimming, the API checks them (AUT-02 allows up to 128 characters).
  password: fields.password(),
});

export type LoginFormInput = z.input<typeof loginSchema>;
export type LoginFormValues = z.output<typeof loginSchema>;
