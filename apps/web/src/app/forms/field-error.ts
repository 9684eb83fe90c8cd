import type { TFunction } from 'i18next';
import { MAX_ROLES_PER_USER, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@shala/contracts';
import type { en } from '../i18n/en';

/** Our zod schemas use these keys as their messages. */
export type ValidationMessageKey = `validation.${keyof (typeof en)['validation']}`;

/** Values the validation messages may interpolate ("Use at least {{min}} characters"). */
const messageValues = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, maxRoles: MAX_ROLES_PER_USER };

/**
 * Form errors come from two places: our zod schemas, whose messages are i18n keys, and the API's
 * 400 details (type 'server'), whose messages are already readable text.
 */
/** The part of a react-hook-form error we read (array fields like roles carry it too). */
interface ErrorLike {
  type?: string;
  message?: string;
}

export function fieldErrorText(t: TFunction, error: ErrorLike | undefined): string | undefined {
  if (!error?.message) return undefined;
  if (error.type === 'server') return error.message;
  return t(error.message as ValidationMessageKey, messageValues);
}
