import { Stack } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { lazy, useState } from 'react';
import { PageHeader } from '../../../app/components/page-header';
import { PageTabs, type PageTab } from '../../../app/components/page-tabs';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useAttendanceText, type attendanceText } from '../i18n';
import { MarkingPanel } from './marking-panel';

const ReportsPanel = lazy(async () => ({ default: (await import('./reports-panel')).ReportsPanel }));
const LeavePanel = lazy(async () => ({ default: (await import('./leave-panel')).LeavePanel }));
const ApprovalsPanel = lazy(async () => ({ default: (await import('./leave-panel')).ApprovalsPanel }));
const CalendarPanel = lazy(async () => ({ default: (await import('./calendar-panel')).CalendarPanel }));
const SettingsPanel = lazy(async () => ({ default: (await import('./settings-panel')).SettingsPanel }));

/** /attendance: the tabs this user's permissions allow, marking first for teachers, settings last for admins. */
export function AttendancePage() {
  const t = useAttendanceText();
  const { permissions } = useCurrentUser();
  const can = (permission: Permission) => permissions.includes(permission);
  // Parents ask for leave; staff who also hold that permission (an admin) work as staff here.
  const parent =
    can(Permission.AttendanceLeaveRequest) &&
    !can(Permission.AttendanceLeaveApprove) &&
    !can(Permission.AttendanceMark);
  const tabs: PageTab[] = [];
  const add = (key: keyof (typeof attendanceText)['tabs'], panel: PageTab['panel']) =>
    tabs.push({ key, label: t(`tabs.${key}`), panel });
  if (can(Permission.AttendanceMark)) add('mark', <MarkingPanel />);
  if (!parent) add('reports', <ReportsPanel />);
  if (can(Permission.AttendanceLeaveApprove)) add('approvals', <ApprovalsPanel />);
  if (parent) {
    add('calendar', <CalendarPanel />);
    add('leave', <LeavePanel />);
  }
  if (can(Permission.InstitutionSettingsWrite)) add('settings', <SettingsPanel />);
  // The open tab is the page's own state, not `?tab=`: switching tabs is no navigation here.
  const [active, setActive] = useState(tabs[0]?.key);

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} intro={t('intro')} />
      <PageTabs tabs={tabs} active={active} onChange={setActive} />
    </Stack>
  );
}
