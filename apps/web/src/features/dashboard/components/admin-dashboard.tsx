import { SimpleGrid, Stack, Title } from '@mantine/core';
import type { AdminDashboard as AdminView } from '@shala/contracts';
import { formatSchoolDate } from '../../../app/school-date';
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

const percentOf = (percent: number | null) => (percent === null ? '—' : `${percent}%`);

/**
 * Today's attendance; while today has no figure (a day off, or no register marked yet) the last working
 * day's stands beside it, so Monday morning shows Saturday's and a Sunday is not a blank card.
 */
function AttendanceCard({ attendance: a }: { attendance: NonNullable<AdminView['attendance']> }) {
  const t = useDashboardText();
  const previous = a.previous
    ? t('admin.previousDay', {
        date: formatSchoolDate(a.previous.date),
        percent: percentOf(a.previous.percent),
      })
    : null;
  if (!a.workingDay)
    return (
      <StatCard
        testId="card-attendance"
        label={
          a.previous
            ? t('admin.attendanceOn', { date: formatSchoolDate(a.previous.date) })
            : t('admin.attendance')
        }
        value={a.previous ? percentOf(a.previous.percent) : t('admin.notWorkingDay')}
        detail={a.previous ? t('admin.notWorkingDayToday') : undefined}
        to="/attendance?tab=reports"
      />
    );
  const marked = t('admin.attendanceDetail', { marked: a.sectionsMarked, unmarked: a.sectionsUnmarked });
  return (
    <StatCard
      testId="card-attendance"
      label={t('admin.attendance')}
      value={percentOf(a.percent)}
      detail={previous ? `${marked} · ${previous}` : marked}
      to="/attendance?tab=reports"
    />
  );
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
        {d.attendance ? <AttendanceCard attendance={d.attendance} /> : null}
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
            testId="card-undelivered"
            label={t('admin.undelivered')}
            value={String(d.messages.undelivered)}
            to="/notifications?tab=dead"
          />
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}
