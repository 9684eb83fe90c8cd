import { z } from 'zod';
import { MAX_ROLES_PER_USER } from '@shala/contracts';
import { fields, msg } from '../../../app/forms/fields';

// Messages are i18n keys (src/app/i18n/en.ts).
const roles = () =>
  z
    .array(z.string())
    .min(1, msg('validation.rolesRequired'))
    .max(MAX_ROLES_PER_USER, msg('validation.rolesTooMany'));

export const inviteUserSchema = z.object({
  email: fields.email(),
  displayName: fields.displayName(),
  roles: roles(),
});
export type InviteUserInput = z.input<typeof inviteUserSchema>;
export type InviteUserValues = z.output<typeof inviteUserSchema>;

export const userRolesSchema = z.object({ roles: roles() });
export type UserRolesInput = z.input<typeof userRolesSchema>;
export type UserRolesValues = z.output<typeof userRolesSchema>;

/**
 * The admin confirms a two-step reset with their own password, and their own code when their two-step
 * verification is on (the API requires both for users who manage users or roles).
 */
export const resetMfaSchema = z.object({
  currentPassword: fields.password('validation.currentPasswordRequired'),
  code: fields.totpCode(),
});
/** For an admin without two-step verification of their own: the code field is not shown nor sent. */
export const resetMfaPasswordOnlySchema = z.object({
  currentPassword: fields.password('validation.currentPasswordRequired'),
  code: z.string(),
});
export type ResetMfaInput = z.input<typeof resetMfaSchema>;
export type ResetMfaValues = z.output<typeof resetMfaSchema>;
