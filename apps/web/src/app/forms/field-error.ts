import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ROLES_PER_USER, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@shala/contracts';
import type { SharedText } from '../i18n/en';
import type { Namespace } from '../i18n/resources';

/** Our shared zod schemas (app/forms/fields.ts) use these keys as their messages. */
export type ValidationMessageKey = `validation.${keyof SharedText['validation']}`;

/** Values the validation messages may interpolate ("Use at least {{min}} characters"). */
const messageValues = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, maxRoles: MAX_ROLES_PER_USER };

/** The part of a react-hook-form error we read (array fields like roles carry it too). */
export interface ErrorLike {
  type?: string;
  message?: string;
}

/** Turns a form error into text, or undefined when the field has none. */
export type FieldErrorText = (
  error: ErrorLike | string | undefined,
  values?: Record<string, unknown>,
) => string | undefined;

/**
 * The one way forms show field errors. Errors come from two places: our zod schemas, whose messages are
 * i18n keys (of namespace `ns`, or of the shared `validation.` strings it falls back to), and the API's
 * 400/409 details (type 'server', put on the field by applyServerFieldErrors), which are already readable
 * text. A bare string is a zod message key (`errors.amount?.message`).
 */
export function useFieldError(ns: Namespace = 'translation'): FieldErrorText {
  const { t } = useTranslation(ns);
  return useCallback(
    (error, values) => {
      const found = typeof error === 'string' ? { message: error } : error;
      if (!found?.message) return undefined;
      if (found.type === 'server') return found.message;
      // The key was checked where the schema was written (msg(), or the feature's own key union); here it
      // is a string at run time, so t() is called untyped.
      const translate = t as unknown as (key: string, options: Record<string, unknown>) => string;
      return translate(found.message, { ...messageValues, ...values });
    },
    [t],
  );
}
