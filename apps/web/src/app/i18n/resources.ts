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
import { settingsText } from '../../features/settings/i18n';
import { dashboardText } from '../../features/dashboard/i18n';
import { academicsTextHi } from '../../features/academics/i18n.hi';
import { accountTextHi } from '../../features/account/i18n.hi';
import { attendanceTextHi } from '../../features/attendance/i18n.hi';
import { auditTextHi } from '../../features/audit/i18n.hi';
import { authTextHi } from '../../features/auth/i18n.hi';
import { examsTextHi } from '../../features/exams/i18n.hi';
import { feesTextHi } from '../../features/fees/i18n.hi';
import { healthTextHi } from '../../features/health/i18n.hi';
import { notificationsTextHi } from '../../features/notifications/i18n.hi';
import { platformTextHi } from '../../features/platform/i18n.hi';
import { rolesTextHi } from '../../features/roles/i18n.hi';
import { studentsTextHi } from '../../features/students/i18n.hi';
import { usersTextHi } from '../../features/users/i18n.hi';
import { settingsTextHi } from '../../features/settings/i18n.hi';
import { dashboardTextHi } from '../../features/dashboard/i18n.hi';
import { privacyText } from '../../features/privacy/i18n';
import { privacyTextHi } from '../../features/privacy/i18n.hi';
import { privacyGrievancesText } from '../../features/privacy/grievances/i18n';
import { privacyGrievancesTextHi } from '../../features/privacy/grievances/i18n.hi';
import { privacyIncidentsText } from '../../features/privacy/incidents/i18n';
import { privacyIncidentsTextHi } from '../../features/privacy/incidents/i18n.hi';
import { privacyNoticeText } from '../../features/privacy/notice/i18n';
import { offboardingText } from '../../features/platform/offboarding/i18n';
import { privacyNoticeTextHi } from '../../features/privacy/notice/i18n.hi';
import { offboardingTextHi } from '../../features/platform/offboarding/i18n.hi';
import { privacyRetentionText } from '../../features/privacy/retention/i18n';
import { privacyRetentionTextHi } from '../../features/privacy/retention/i18n.hi';
import { privacyConsentText } from '../../features/privacy/consent/i18n';
import { privacyConsentTextHi } from '../../features/privacy/consent/i18n.hi';
import { privacyErasureText } from '../../features/privacy/erasure/i18n';
import { privacyErasureTextHi } from '../../features/privacy/erasure/i18n.hi';
import { calendarText } from '../../features/calendar/i18n';
import { calendarTextHi } from '../../features/calendar/i18n.hi';
import { circularsText } from '../../features/circulars/i18n';
import { circularsTextHi } from '../../features/circulars/i18n.hi';
import { timetableText } from '../../features/timetable/i18n';
import { timetableTextHi } from '../../features/timetable/i18n.hi';
import { en } from './en';
import { hi } from './hi';
import type { Translation } from './translation';

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
  settings: settingsText,
  dashboard: dashboardText,
  privacy: privacyText,
  privacyGrievances: privacyGrievancesText,
  privacyIncidents: privacyIncidentsText,
  privacyNotice: privacyNoticeText,
  offboarding: offboardingText,
  privacyRetention: privacyRetentionText,
  privacyConsent: privacyConsentText,
  privacyErasure: privacyErasureText,
  calendar: calendarText,
  circulars: circularsText,
  timetable: timetableText,
} as const;

export type EnglishResources = typeof englishResources;
export type Namespace = keyof EnglishResources;

/**
 * Hindi, namespace by namespace: `app/i18n/hi.ts` and each `features/<feature>/i18n.hi.ts`. Typed as a
 * `Translation` of the English, so a key missing on either side does not compile (and i18n.test.ts checks
 * keys, empty strings and {{variables}} at run time).
 */
export const hindiResources: Translation<EnglishResources> = {
  translation: hi,
  academics: academicsTextHi,
  account: accountTextHi,
  attendance: attendanceTextHi,
  audit: auditTextHi,
  auth: authTextHi,
  exams: examsTextHi,
  fees: feesTextHi,
  health: healthTextHi,
  notifications: notificationsTextHi,
  platform: platformTextHi,
  roles: rolesTextHi,
  students: studentsTextHi,
  users: usersTextHi,
  settings: settingsTextHi,
  dashboard: dashboardTextHi,
  privacy: privacyTextHi,
  privacyGrievances: privacyGrievancesTextHi,
  privacyIncidents: privacyIncidentsTextHi,
  privacyNotice: privacyNoticeTextHi,
  offboarding: offboardingTextHi,
  privacyRetention: privacyRetentionTextHi,
  privacyConsent: privacyConsentTextHi,
  privacyErasure: privacyErasureTextHi,
  calendar: calendarTextHi,
  circulars: circularsTextHi,
  timetable: timetableTextHi,
};

/** The catalogues by language; their codes are LOCALES of @shala/contracts (app/i18n/language.ts). */
export const resources = { en: englishResources, hi: hindiResources } as const;

export const languages = Object.keys(resources) as (keyof typeof resources)[];
