import { z } from 'zod';
import { INSTITUTION_SLUG_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@shala/contracts';
import type { ValidationMessageKey } from './field-error';

/** Zod messages are i18n keys; this keeps them to keys that exist (useFieldError translates them). */
export const msg = (key: ValidationMessageKey): ValidationMessageKey => key;

/** Field schemas that several forms share. */
export const fields = {
  institution: () =>
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1, msg('validation.institutionRequired'))
      .regex(INSTITUTION_SLUG_PATTERN, msg('validation.institutionFormat')),

  email: () =>
    z
      .string()
      .trim()
      .min(1, msg('validation.emailRequired'))
      .email(msg('validation.emailFormat'))
      .max(254, msg('validation.emailFormat')),

  /** A password as typed, to check an existing one: no trimming, the API checks it. */
  password: (required: ValidationMessageKey = 'validation.passwordRequired') =>
    z.string().min(1, msg(required)),

  /** A password being chosen (AUT-02): the API also refuses common passwords, with a detail on this field. */
  newPassword: () =>
    z
      .string()
      .min(PASSWORD_MIN_LENGTH, msg('validation.newPasswordTooShort'))
      .max(PASSWORD_MAX_LENGTH, msg('validation.newPasswordTooLong')),

  /** A 6-digit TOTP code; spaces typed or pasted in the middle are dropped. */
  totpCode: () =>
    z
      .string()
      .transform((value) => value.replace(/\s+/g, ''))
      .pipe(
        z
          .string()
          .min(1, msg('validation.codeRequired'))
          .regex(/^\d{6}$/, msg('validation.codeFormat')),
      ),

  displayName: () =>
    z
      .string()
      .trim()
      .min(2, msg('validation.displayNameLength'))
      .max(200, msg('validation.displayNameLength')),
};

/** A new password typed twice: the second must match (the error shows on the confirmation field). */
export function withConfirmation<Shape extends { newPassword: z.ZodTypeAny; confirmPassword: z.ZodTypeAny }>(
  shape: Shape,
) {
  return z.object(shape).refine((values) => values.newPassword === values.confirmPassword, {
    path: ['confirmPassword'],
    message: msg('validation.passwordsDiffer'),
  });
}
