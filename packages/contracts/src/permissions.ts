/**
 * The permission catalogue. Every API route names one of these (or is explicitly public);
 * roles are sets of them, and each institution may edit its roles.
 */
export const Permission = {
  InstitutionRead: 'institution.read',
  InstitutionSettingsWrite: 'institution.settings.write',
  PlatformInstitutionsManage: 'platform.institutions.manage',

  UsersRead: 'users.read',
  UsersWrite: 'users.write',
  RolesRead: 'roles.read',
  RolesWrite: 'roles.write',

  AcademicsRead: 'academics.read',
  AcademicsWrite: 'academics.write',

  StudentsRead: 'students.read',
  StudentsWrite: 'students.write',
  StudentsImport: 'students.import',
  StudentsExport: 'students.export',
  StudentsSensitiveReveal: 'students.sensitive.reveal',

  AttendanceRead: 'attendance.read',
  AttendanceMark: 'attendance.mark',
  AttendanceOverride: 'attendance.override',
  AttendanceLeaveRequest: 'attendance.leave.request',
  AttendanceLeaveApprove: 'attendance.leave.approve',

  FeesRead: 'fees.read',
  FeesSetup: 'fees.setup',
  FeesCollect: 'fees.collect',
  FeesConcession: 'fees.concession',
  FeesReverse: 'fees.reverse',
  FeesPay: 'fees.pay',

  ExamsRead: 'exams.read',
  ExamsWrite: 'exams.write',
  ExamsPublish: 'exams.publish',
  /** Change a submitted (locked) mark sheet, with a reason; audited with before and after. */
  ExamsModerate: 'exams.moderate',

  NotificationsRead: 'notifications.read',
  NotificationsManage: 'notifications.manage',

  AuditRead: 'audit.read',
  AuditExport: 'audit.export',

  PrivacyRequestsManage: 'privacy.requests.manage',
  PrivacyConsentManage: 'privacy.consent.manage',

  /** Read the school calendar (events, holidays, exam days): everyone in the school. */
  CalendarRead: 'calendar.read',
  /** Add, change and remove calendar events; create, rotate and revoke the iCalendar feed. */
  CalendarManage: 'calendar.manage',

  /** Read the circulars addressed to the caller (issue 16). */
  CircularsRead: 'circulars.read',
  /** Write, schedule and publish circulars; see every circular with its read and acknowledgement counts. */
  CircularsPublish: 'circulars.publish',

  /** Bell schedule, section timetables and substitutions (issue 16). */
  TimetableRead: 'timetable.read',
  TimetableManage: 'timetable.manage',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

export const ALL_PERMISSIONS: readonly Permission[] = Object.freeze(Object.values(Permission));

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(value);
}
