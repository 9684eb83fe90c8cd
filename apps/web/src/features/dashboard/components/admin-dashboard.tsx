import { SimpleGrid, Stack, Title } from '@mantine/core';
import type { AdminDashboard as AdminView } from '@shala/contracts';
import { formatMoney } from '../../fees/money';
import { useDashboard } from '../hooks/use-dashboards';
import { useDashboardText } from '../i18n';
import { DashboardQuery } from './dashboard-query';
import { StatCard } from './stat-card';

/** The admin's cards: each number equals the list its link opens. */
export function AdminDashboard() {
  const query = useDashboard('admin');
  return <DashboardQuery query={query}>{(d) => <AdminCards d={d} />}</DashboardQuery>;
}

export function AdminCards({ d }: { d: AdminView }) {
  const t = useDashboardText();
  const money = (minor: number) => formatMoney(minor, d.currency);
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('admin.heading')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {d.attendance ? (
          <StatCard
            testId="card-attendance"
            label={t('admin.attendance')}
            value={
              !d.attendance.workingDay
                ? t('admin.notWorkingDay')
                : d.attendance.percent === null
                  ? '—'
                  : `${d.attendance.percent}%`
            }
            detail={t('admin.attendanceDetail', {
              marked: d.attendance.sectionsMarked,
              unmarked: d.attendance.sectionsUnmarked,
            })}
            to="/attendance?tab=reports"
          />
        ) : null}
        {d.fees ? (
          <>
            <StatCard
              testId="card-collected-today"
              label={t('admin.collectedToday')}
              value={money(d.fees.collectedToday)}
              detail={t('admin.collectedTodayDetail', { count: d.fees.paymentsToday })}
              to="/fees?tab=payments"
            />
            <StatCard
              testId="card-collected-month"
              label={t('admin.collectedMonth')}
              value={money(d.fees.collectedThisMonth)}
              detail={t('admin.collectedTodayDetail', { count: d.fees.paymentsThisMonth })}
              to="/fees?tab=collections"
            />
            <StatCard
              testId="card-overdue"
              label={t('admin.overdue')}
              value={money(d.fees.overdueAmount)}
              detail={t('admin.overdueDetail', { count: d.fees.overdueStudents })}
              to="/fees?tab=dues"
            />
          </>
        ) : null}
        {d.students ? (
          <StatCard
            testId="card-students"
            label={t('admin.students')}
            value={String(d.students.active)}
            to="/students"
          />
        ) : null}
        {d.leave ? (
          <StatCard
            testId="card-leave"
            label={t('admin.leave')}
            value={String(d.leave.pending)}
            to="/attendance?tab=approvals"
          />
        ) : null}
        {d.messages ? (
          <StatCard
            testId="card-failed"
            label={t('admin.failed')}
            value={String(d.messages.failed)}
            to="/notifications?tab=log"
          />
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}
