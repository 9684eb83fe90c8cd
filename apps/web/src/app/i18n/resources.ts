import { academicsText } from '../../features/academics/i18n';
import { accountText } from '../../features/account/i18n';
import { attendanceText } from '../../features/attendance/i18n';
import { auditText } from '../../features/audit/i18n';
import { examsText } from '../../features/exams/i18n';
import { authText } from '../../features/auth/i18n';
import { feesText } from '../../features/fees/i18n';
import { healthText } from '../../features/health/i18n';
import { notificationsText } from '../../features/notifications/i18n';
import { platformText } from '../../features/platform/i18n';
import { rolesText } from '../../features/roles/i18n';
import { studentsText } from '../../features/students/i18n';
import { usersText } from '../../features/users/i18n';
import { en } from './en';

/**
 * Every string of the SPA, one i18next namespace per feature: `translation` (app/i18n/en.ts) holds what the
 * whole app shares (common, errors, validation, shell, role and permission names), and each feature owns
 * its screens' strings in `features/<feature>/i18n.ts`. A feature's t() falls back to `translation`, so
 * `t('common.cancel')` works in every namespace. The types in i18next.d.ts come from this object: a key
 * that is not here is a compile error.
 */
export const englishResources = {
  translation: en,
  academics: academicsText,
  account: accountText,
  attendance: attendanceText,
  audit: auditText,
  auth: authText,
  exams: examsText,
  fees: feesText,
  health: healthText,
  notifications: notificationsText,
  platform: platformText,
  roles: rolesText,
  students: studentsText,
  users: usersText,
} as const;

export type EnglishResources = typeof englishResources;
export type Namespace = keyof EnglishResources;

/**
 * The catalogues by language. A second language (Hindi, `hi`) is one more entry of the same shape — typed
 * as `DeepPartial<EnglishResources>`-like objects per namespace — plus its code in `languages`; a
 * missing string falls back to English.
 */
export const resources = { en: englishResources } as const;

export const languages = Object.keys(resources) as (keyof typeof resources)[];
