import type { academicsText } from '../../features/academics/i18n';
import type { accountText } from '../../features/account/i18n';
import type { attendanceText } from '../../features/attendance/i18n';
import type { auditText } from '../../features/audit/i18n';
import type { examsText } from '../../features/exams/i18n';
import { authText } from '../../features/auth/i18n';
import type { feesText } from '../../features/fees/i18n';
import type { healthText } from '../../features/health/i18n';
import type { notificationsText } from '../../features/notifications/i18n';
import type { platformText } from '../../features/platform/i18n';
import type { rolesText } from '../../features/roles/i18n';
import type { studentsText } from '../../features/students/i18n';
import type { usersText } from '../../features/users/i18n';
import type { settingsText } from '../../features/settings/i18n';
import type { dashboardText } from '../../features/dashboard/i18n';
import type { privacyText } from '../../features/privacy/i18n';
import type { privacyGrievancesText } from '../../features/privacy/grievances/i18n';
import type { privacyIncidentsText } from '../../features/privacy/incidents/i18n';
import type { privacyNoticeText } from '../../features/privacy/notice/i18n';
import type { offboardingText } from '../../features/platform/offboarding/i18n';
import type { privacyRetentionText } from '../../features/privacy/retention/i18n';
import type { privacyConsentText } from '../../features/privacy/consent/i18n';
import type { privacyErasureText } from '../../features/privacy/erasure/i18n';
import type { calendarText } from '../../features/calendar/i18n';
import type { circularsText } from '../../features/circulars/i18n';
import type { timetableText } from '../../features/timetable/i18n';
import { en } from './en';

/**
 * Every string of the SPA, one i18next namespace per feature: `translation` (app/i18n/en.ts) holds what the
 * whole app shares (common, errors, validation, shell, role and permission names), and each feature owns
 * its screens' strings in `features/<feature>/i18n.ts`. A feature's t() falls back to `translation`, so
 * `t('common.cancel')` works in every namespace. The types in i18next.d.ts come from EnglishResources: a
 * key that is not there is a compile error. Bundled with the entry: the shared strings and what the
 * sign-in pages need (auth).
 */
export const englishResources = {
  translation: en,
  auth: authText,
} as const;

/**
 * The other namespaces come with their feature's code: its `i18n.ts` registers them when it loads
 * (registry.ts), so the sign-in page does not carry every screen's strings. A namespace added here must
 * be registered by its feature and listed in FEATURE_NAMESPACES below.
 */
export interface FeatureResources {
  academics: typeof academicsText;
  calendar: typeof calendarText;
  circulars: typeof circularsText;
  timetable: typeof timetableText;
  account: typeof accountText;
  attendance: typeof attendanceText;
  audit: typeof auditText;
  exams: typeof examsText;
  fees: typeof feesText;
  health: typeof healthText;
  notifications: typeof notificationsText;
  platform: typeof platformText;
  roles: typeof rolesText;
  students: typeof studentsText;
  users: typeof usersText;
  settings: typeof settingsText;
  dashboard: typeof dashboardText;
  privacy: typeof privacyText;
  privacyGrievances: typeof privacyGrievancesText;
  privacyIncidents: typeof privacyIncidentsText;
  privacyNotice: typeof privacyNoticeText;
  offboarding: typeof offboardingText;
  privacyRetention: typeof privacyRetentionText;
  privacyConsent: typeof privacyConsentText;
  privacyErasure: typeof privacyErasureText;
}

/** Every feature namespace (the compiler keeps this in step with FeatureResources). */
const FEATURE_NAMESPACES: Record<keyof FeatureResources, true> = {
  academics: true,
  calendar: true,
  circulars: true,
  timetable: true,
  account: true,
  attendance: true,
  audit: true,
  exams: true,
  fees: true,
  health: true,
  notifications: true,
  platform: true,
  roles: true,
  students: true,
  users: true,
  settings: true,
  dashboard: true,
  privacy: true,
  privacyGrievances: true,
  privacyIncidents: true,
  privacyNotice: true,
  offboarding: true,
  privacyRetention: true,
  privacyConsent: true,
  privacyErasure: true,
};

export type EnglishResources = typeof englishResources & FeatureResources;
export type Namespace = keyof EnglishResources;

/** Every namespace, bundled or not: i18next loads Hindi for all of them (index.ts). */
export const NAMESPACES = [
  ...Object.keys(englishResources),
  ...Object.keys(FEATURE_NAMESPACES),
] as Namespace[];

// Hindi is in resources.hi.ts, loaded by import() only when the page speaks Hindi (index.ts).
