import { Permission } from '@shala/contracts';
import {
  IconBooks,
  IconBuildingBank,
  IconCalendarCheck,
  IconCalendarEvent,
  IconCertificate,
  IconHome,
  IconKey,
  IconLock,
  IconMessage,
  IconReceipt2,
  IconSettings,
  IconSchool,
  IconSpeakerphone,
  IconTable,
  IconShieldCheck,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';

export interface NavigationItem {
  to: string;
  /** Key under shell.nav in the i18n resources. */
  label:
    | 'dashboard'
    | 'students'
    | 'academics'
    | 'attendance'
    | 'fees'
    | 'notifications'
    | 'circulars'
    | 'exams'
    | 'users'
    | 'roles'
    | 'audit'
    | 'institutions'
    | 'settings'
    | 'privacy'
    | 'myData'
    | 'calendar'
    | 'timetable';
  icon: Icon;
  /** Shown only to users who hold this permission; the API enforces it regardless. */
  permission?: Permission;
  /** Another label for users without this permission (a parent's "My data" where staff see "Privacy"). */
  labelWithout?: { permission: Permission; label: 'myData' };
}

export const navigationItems: readonly NavigationItem[] = [
  { to: '/', label: 'dashboard', icon: IconHome },
  { to: '/students', label: 'students', icon: IconSchool, permission: Permission.StudentsRead },
  { to: '/academics', label: 'academics', icon: IconBooks, permission: Permission.AcademicsRead },
  { to: '/attendance', label: 'attendance', icon: IconCalendarCheck, permission: Permission.AttendanceRead },
  { to: '/timetable', label: 'timetable', icon: IconTable, permission: Permission.TimetableRead },
  { to: '/fees', label: 'fees', icon: IconReceipt2, permission: Permission.FeesRead },
  { to: '/circulars', label: 'circulars', icon: IconSpeakerphone, permission: Permission.CircularsRead },
  {
    to: '/notifications',
    label: 'notifications',
    icon: IconMessage,
    permission: Permission.NotificationsRead,
  },
  { to: '/exams', label: 'exams', icon: IconCertificate, permission: Permission.ExamsRead },
  { to: '/calendar', label: 'calendar', icon: IconCalendarEvent, permission: Permission.CalendarRead },
  { to: '/users', label: 'users', icon: IconUsers, permission: Permission.UsersRead },
  { to: '/roles', label: 'roles', icon: IconKey, permission: Permission.RolesRead },
  { to: '/audit', label: 'audit', icon: IconShieldCheck, permission: Permission.AuditRead },
  {
    to: '/platform/institutions',
    label: 'institutions',
    icon: IconBuildingBank,
    permission: Permission.PlatformInstitutionsManage,
  },
  { to: '/settings', label: 'settings', icon: IconSettings, permission: Permission.InstitutionSettingsWrite },
  {
    to: '/privacy',
    label: 'privacy',
    icon: IconLock,
    permission: Permission.PrivacyConsentManage,
    labelWithout: { permission: Permission.PrivacyRequestsManage, label: 'myData' },
  },
];

/** The items a holder of these permissions sees. */
export function visibleNavigationItems(permissions: readonly string[]): NavigationItem[] {
  const held = new Set(permissions);
  return navigationItems
    .filter((item) => !item.permission || held.has(item.permission))
    .map((item) =>
      item.labelWithout && !held.has(item.labelWithout.permission)
        ? { ...item, label: item.labelWithout.label }
        : item,
    );
}
