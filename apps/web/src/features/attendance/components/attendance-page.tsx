import { Stack } from '@mantine/core';
import { DefaultRole, Permission } from '@shala/contracts';
import { Suspense, lazy } from 'react';
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

/**
 * /attendance: the tabs this user's permissions allow (the open one in `?tab=`), marking first for
 * teachers, settings last for admins. Parents and students see their own calendar (a parent's per child,
 * and leave requests), never the staff reports.
 */
export function AttendancePage() {
  const t = useAttendanceText();
  const { permissions, roles } = useCurrentUser();
  const can = (permission: Permission) => permissions.includes(permission);
  // Staff who also hold a family permission (an admin can request leave) work as staff here.
  const staff = can(Permission.AttendanceMark) || can(Permission.AttendanceLeaveApprove);
  const parent = !staff && (can(Permission.AttendanceLeaveRequest) || roles.includes(DefaultRole.Parent));
  const student = !staff && !parent && roles.includes(DefaultRole.Student);
  const family = parent || student;
  const tabs: PageTab[] = [];
  const add = (key: keyof (typeof attendanceText)['tabs'], panel: PageTab['panel']) =>
    tabs.push({ key, label: t(`tabs.${key}`), panel });
  if (can(Permission.AttendanceMark)) add('mark', <MarkingPanel />);
  if (!family) add('reports', <ReportsPanel />);
  if (can(Permission.AttendanceLeaveApprove)) add('approvals', <ApprovalsPanel />);
  if (family) add('calendar', <CalendarPanel self={student} />);
  if (parent && can(Permission.AttendanceLeaveRequest)) add('leave', <LeavePanel />);
  if (can(Permission.InstitutionSettingsWrite)) add('settings', <SettingsPanel />);

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} intro={family ? t('familyIntro') : t('intro')} />
      {student ? (
        // A student has one view, their own calendar: no tab bar around it.
        <Suspense fallback={null}>
          <CalendarPanel self />
        </Suspense>
      ) : (
        <PageTabs tabs={tabs} />
      )}
    </Stack>
  );
}
