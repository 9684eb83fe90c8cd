import { z } from 'zod';
import { fields } from '../../../app/forms/fields';

// Messages are i18n keys (src/app/i18n/en.ts).
export const disableMfaSchema = z.object({ password: fields.password(), code: fields.totpCode() });
export type DisableMfaInput = z.input<typeof disableMfaSchema>;
export type DisableMfaValues = z.output<typeof disableMfaSchema>;

export const reauthenticateSchema = z.object({ password: fields.password() });
export type ReauthenticateInput = z.input<typeof reauthenticateSchema>;
export type ReauthenticateValues = z.output<typeof reauthenticateSchema>;
