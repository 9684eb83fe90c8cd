import { Permission } from '@shala/contracts';
import {
  IconCalendarCheck,
  IconCertificate,
  IconHome,
  IconReceipt2,
  IconShieldCheck,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';

export interface NavigationItem {
  to: string;
  /** Key under shell.nav in the i18n resources. */
  label: 'dashboard' | 'students' | 'attendance' | 'fees' | 'exams' | 'audit';
  icon: Icon;
  /** Shown only to users who hold this permission; the API enforces it regardless. */
  permission?: Permission;
}

export const navigationItems: readonly NavigationItem[] = [
  { to: '/', label: 'dashboard', icon: IconHome },
  { to: '/students', label: 'students', icon: IconUsers, permission: Permission.StudentsRead },
  { to: '/attendance', label: 'attendance', icon: IconCalendarCheck, permission: Permission.AttendanceRead },
  { to: '/fees', label: 'fees', icon: IconReceipt2, permission: Permission.FeesRead },
  { to: '/exams', label: 'exams', icon: IconCertificate, permission: Permission.ExamsRead },
  { to: '/audit', label: 'audit', icon: IconShieldCheck, permission: Permission.AuditRead },
];
