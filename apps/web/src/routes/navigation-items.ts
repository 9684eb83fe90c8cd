import { Permission } from '@shala/contracts';
import {
  IconBooks,
  IconBuildingBank,
  IconCalendarCheck,
  IconCertificate,
  IconHome,
  IconKey,
  IconLock,
  IconMessage,
  IconReceipt2,
  IconSettings,
  IconSchool,
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
    | 'exams'
    | 'users'
    | 'roles'
    | 'audit'
    | 'institutions'
    | 'settings'
    | 'privacy';
  icon: Icon;
  /** Shown only to users who hold this permission; the API enforces it regardless. */
  permission?: Permission;
}

export const navigationItems: readonly NavigationItem[] = [
  { to: '/', label: 'dashboard', icon: IconHome },
  { to: '/students', label: 'students', icon: IconSchool, permission: Permission.StudentsRead },
  { to: '/academics', label: 'academics', icon: IconBooks, permission: Permission.AcademicsRead },
  { to: '/attendance', label: 'attendance', icon: IconCalendarCheck, permission: Permission.AttendanceRead },
  { to: '/fees', label: 'fees', icon: IconReceipt2, permission: Permission.FeesRead },
  {
    to: '/notifications',
    label: 'notifications',
    icon: IconMessage,
    permission: Permission.NotificationsRead,
  },
  { to: '/exams', label: 'exams', icon: IconCertificate, permission: Permission.ExamsRead },
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
  { to: '/privacy', label: 'privacy', icon: IconLock, permission: Permission.PrivacyConsentManage },
];

/** The items a holder of these permissions sees. */
export function visibleNavigationItems(permissions: readonly string[]): NavigationItem[] {
  const held = new Set(permissions);
  return navigationItems.filter((item) => !item.permission || held.has(item.permission));
}
