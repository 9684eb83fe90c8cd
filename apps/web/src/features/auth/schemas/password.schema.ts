import { z } from 'zod';
import { fields, withConfirmation } from '../../../app/forms/fields';

// Messages are i18n keys (src/app/i18n/en.ts).
export const passwordResetRequestSchema = z.object({
  institution: fields.institution(),
  email: fields.email(),
});
export type PasswordResetRequestInput = z.input<typeof passwordResetRequestSchema>;
export type PasswordResetRequestValues = z.output<typeof passwordResetRequestSchema>;

/** Reset page and invitation page: a new password, typed twice. */
export const newPasswordSchema = withConfirmation({
  newPassword: fields.newPassword(),
  confirmPassword: z.string(),
});
export type NewPasswordInput = z.input<typeof newPasswordSchema>;
export type NewPasswordValues = z.output<typeof newPasswordSchema>;

/** Account page: the current password re-authenticates the change (AUT-05). */
export const changePasswordSchema = withConfirmation({
  currentPassword: fields.password('validation.currentPasswordRequired'),
  newPassword: fields.newPassword(),
  confirmPassword: z.string(),
});
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
export type ChangePasswordValues = z.output<typeof changePasswordSchema>;
