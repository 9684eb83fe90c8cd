import type { FieldError } from 'react-hook-form';
import type { TFunction } from 'i18next';
import type { en } from '../../../app/i18n/en';

/** Our zod schemas use these keys as their messages. */
export type ValidationMessageKey = `auth.validation.${keyof (typeof en)['auth']['validation']}`;

/**
 * Form errors come from two places: our zod schemas, whose messages are i18n keys, and the API's
 * 400 details (type 'server'), whose messages are already readable text.
 */
export function fieldErrorText(t: TFunction, error: FieldError | undefined): string | undefined {
  if (!error?.message) return undefined;
  if (error.type === 'server') return error.message;
  return t(error.message as ValidationMessageKey);
}
