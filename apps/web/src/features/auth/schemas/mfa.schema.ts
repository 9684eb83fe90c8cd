import { z } from 'zod';
import { fields, msg } from '../../../app/forms/fields';

// Messages are i18n keys (src/app/i18n/en.ts).
export const totpCodeSchema = z.object({ code: fields.totpCode() });

export const recoveryCodeSchema = z.object({
  recoveryCode: z
    .string()
    .trim()
    .min(1, msg('validation.recoveryCodeRequired'))
    .max(64, msg('validation.recoveryCodeFormat')),
});

export type TotpCodeInput = z.input<typeof totpCodeSchema>;
export type TotpCodeValues = z.output<typeof totpCodeSchema>;
export type RecoveryCodeInput = z.input<typeof recoveryCodeSchema>;
export type RecoveryCodeValues = z.output<typeof recoveryCodeSchema>;
