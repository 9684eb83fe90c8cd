import { Permission } from './permissions';

/** The roles every institution starts with. Institutions may edit them and add custom roles. */
export const DefaultRole = {
  PlatformOperator: 'platform_operator',
  SchoolAdmin: 'school_admin',
  Teacher: 'teacher',
  Accountant: 'accountant',
  Parent: 'parent',
  Student: 'student',
} as const;

export type DefaultRole = (typeof DefaultRole)[keyof typeof DefaultRole];

/** Roles whose holders must enrol TOTP MFA before they can do anything else (AUT-06). */
export const MFA_REQUIRED_ROLES: readonly DefaultRole[] = [
  DefaultRole.PlatformOperator,
  DefaultRole.SchoolAdmin,
  DefaultRole.Accountant,
];

const P = Permission;

/** Permissions of each default role when an institution is provisioned. */
export const DEFAULT_ROLE_PERMISSIONS: Readonly<Record<DefaultRole, readonly Permission[]>> = {
  // The operator provisions institutions and never reads school data (TEN-05).
  [DefaultRole.PlatformOperator]: [P.PlatformInstitutionsManage],
  [DefaultRole.SchoolAdmin]: Object.values(P).filter(
    (p) => p !== P.PlatformInstitutionsManage && p !== P.FeesPay,
  ),
  [DefaultRole.Teacher]: [
    P.InstitutionRead,
    P.AcademicsRead,
    P.StudentsRead,
    P.AttendanceRead,
    P.AttendanceMark,
    P.AttendanceLeaveApprove,
    P.ExamsRead,
    P.ExamsWrite,
    P.CircularsRead,
    P.TimetableRead,
    P.CalendarRead,
  ],
  [DefaultRole.Accountant]: [
    P.InstitutionRead,
    P.AcademicsRead,
    P.StudentsRead,
    P.FeesRead,
    P.FeesSetup,
    P.FeesCollect,
    P.FeesConcession,
    P.FeesReverse,
    P.NotificationsRead,
    P.CircularsRead,
    P.TimetableRead,
    P.CalendarRead,
  ],
  [DefaultRole.Parent]: [
    P.InstitutionRead,
    P.StudentsRead,
    P.AttendanceRead,
    P.AttendanceLeaveRequest,
    P.FeesRead,
    P.FeesPay,
    P.ExamsRead,
    P.PrivacyConsentManage,
    P.CircularsRead,
    P.TimetableRead,
    P.CalendarRead,
  ],
  [DefaultRole.Student]: [
    P.InstitutionRead,
    P.StudentsRead,
    P.AttendanceRead,
    P.FeesRead,
    P.ExamsRead,
    P.TimetableRead,
    P.CircularsRead,
    P.CalendarRead,
  ],
};

export const ROLE_LABELS: Readonly<Record<DefaultRole, string>> = {
  [DefaultRole.PlatformOperator]: 'Platform operator',
  [DefaultRole.SchoolAdmin]: 'School admin',
  [DefaultRole.Teacher]: 'Teacher',
  [DefaultRole.Accountant]: 'Accountant',
  [DefaultRole.Parent]: 'Parent',
  [DefaultRole.Student]: 'Student',
};
