import { z } from 'zod';
import { ROLE_KEY_PATTERN } from '@shala/contracts';
import { msg } from '../../../app/forms/fields';

// Messages are i18n keys (src/app/i18n/en.ts).
const name = () =>
  z.string().trim().min(2, msg('validation.roleNameLength')).max(100, msg('validation.roleNameLength'));

export const createRoleSchema = z.object({
  key: z.string().trim().regex(ROLE_KEY_PATTERN, msg('validation.roleKeyFormat')),
  name: name(),
  /** Id of a role whose permissions the new one starts with; '' for none. */
  copyFrom: z.string(),
});
export type CreateRoleInput = z.input<typeof createRoleSchema>;
export type CreateRoleValues = z.output<typeof createRoleSchema>;

export const renameRoleSchema = z.object({ name: name() });
export type RenameRoleInput = z.input<typeof renameRoleSchema>;
export type RenameRoleValues = z.output<typeof renameRoleSchema>;
