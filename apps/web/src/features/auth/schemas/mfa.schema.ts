import { z } from 'zod';

// Messages are i18n keys (src/app/i18n/en.ts).
export const totpCodeSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'auth.validation.codeRequired')
        .regex(/^\d{6}$/, 'auth.validation.codeFormat'),
    ),
});

export const recoveryCodeSchema = z.object({
  recoveryCode: z
    .string()
    .trim()
    .min(1, 'auth.validation.recoveryCodeRequired')
    .max(64, 'auth.validation.recoveryCodeFormat'),
});

export type TotpCodeInput = z.input<typeof totpCodeSchema>;
export type TotpCodeValues = z.output<typeof totpCodeSchema>;
export type RecoveryCodeInput = z.input<typeof recoveryCodeSchema>;
export type RecoveryCodeValues = z.output<typeof recoveryCodeSchema>;
