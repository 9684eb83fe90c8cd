// The Hindi catalogue, loaded by import() only when the page speaks Hindi (index.ts), so an English page
// does not download it. Registered namespace by namespace like the English one in resources.ts.
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
import { privacyTextHi } from '../../features/privacy/i18n.hi';
import { privacyGrievancesTextHi } from '../../features/privacy/grievances/i18n.hi';
import { privacyIncidentsTextHi } from '../../features/privacy/incidents/i18n.hi';
import { privacyNoticeTextHi } from '../../features/privacy/notice/i18n.hi';
import { offboardingTextHi } from '../../features/platform/offboarding/i18n.hi';
import { privacyRetentionTextHi } from '../../features/privacy/retention/i18n.hi';
import { privacyConsentTextHi } from '../../features/privacy/consent/i18n.hi';
import { privacyErasureTextHi } from '../../features/privacy/erasure/i18n.hi';
import { calendarTextHi } from '../../features/calendar/i18n.hi';
import { circularsTextHi } from '../../features/circulars/i18n.hi';
import { timetableTextHi } from '../../features/timetable/i18n.hi';
import { hi } from './hi';
import type { EnglishResources } from './resources';
import type { Translation } from './translation';

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
