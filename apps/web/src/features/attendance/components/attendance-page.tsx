import { Stack, Tabs } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { PageHeader } from '../../../app/components/page-header';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useAttendanceText } from '../i18n';
import { MarkingPanel } from './marking-panel';

const ReportsPanel = lazy(async () => ({ default: (await import('./reports-panel')).ReportsPanel }));
const LeavePanel = lazy(async () => ({ default: (await import('./leave-panel')).LeavePanel }));
const ApprovalsPanel = lazy(async () => ({ default: (await import('./leave-panel')).ApprovalsPanel }));
const CalendarPanel = lazy(async () => ({ default: (await import('./calendar-panel')).CalendarPanel }));
const SettingsPanel = lazy(async () => ({ default: (await import('./settings-panel')).SettingsPanel }));

type TabKey = 'mark' | 'reports' | 'leave' | 'approvals' | 'calendar' | 'settings';

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
  const tabs: { key: TabKey; panel: ReactNode }[] = [];
  if (can(Permission.AttendanceMark)) tabs.push({ key: 'mark', panel: <MarkingPanel /> });
  if (!parent) tabs.push({ key: 'reports', panel: <ReportsPanel /> });
  if (can(Permission.AttendanceLeaveApprove)) tabs.push({ key: 'approvals', panel: <ApprovalsPanel /> });
  if (parent) {
    tabs.push({ key: 'calendar', panel: <CalendarPanel /> });
    tabs.push({ key: 'leave', panel: <LeavePanel /> });
  }
  if (can(Permission.InstitutionSettingsWrite)) tabs.push({ key: 'settings', panel: <SettingsPanel /> });
  const [active, setActive] = useState<string | null>(tabs[0]?.key ?? null);

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} intro={t('intro')} />
      <Tabs value={active} onChange={setActive} keepMounted={false}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.key} value={tab.key}>
              {t(`tabs.${tab.key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.key} value={tab.key} pt="md">
            <Suspense fallback={null}>{tab.panel}</Suspense>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
