import { Button, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { FamilyDashboard as FamilyView, FamilyDashboardChild } from '@shala/contracts';
import { Link } from 'react-router';
import { formatSchoolDate } from '../../../app/school-date';
import { formatMoney } from '../../fees/money';
import { useDashboard } from '../hooks/use-dashboards';
import { useDashboardText } from '../i18n';
import { DashboardQuery } from './dashboard-query';

/** A card per child (a student: their own), each with one-tap actions to the full screens. */
export function FamilyDashboard({ self = false }: { self?: boolean }) {
  const query = useDashboard('family');
  return <DashboardQuery query={query}>{(d) => <FamilyCards d={d} self={self} />}</DashboardQuery>;
}

export function FamilyCards({ d, self = false }: { d: FamilyView; self?: boolean }) {
  const t = useDashboardText();
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {self ? t('family.headingSelf') : t('family.heading')}
      </Title>
      {d.children.length === 0 ? <Text c="dimmed">{t('family.noChildren')}</Text> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {d.children.map((child) => (
          <ChildCard key={child.studentId} child={child} currency={d.currency} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function ChildCard({ child, currency }: { child: FamilyDashboardChild; currency: string }) {
  const t = useDashboardText();
  const today = !child.today.workingDay
    ? t('family.status.holiday')
    : child.today.onLeave && child.today.status !== 'present'
      ? t('family.status.onLeave')
      : t(`family.status.${child.today.status ?? 'none'}`);
  return (
    <Card component="section" aria-label={child.fullName} data-testid="child-card">
      <Stack gap="xs">
        <div>
          <Text fw={700} size="lg">
            {child.fullName}
          </Text>
          <Text size="sm" c="dimmed">
            {[child.className, child.sectionName].filter(Boolean).join(' ')} · {child.admissionNo}
          </Text>
        </div>
        <Divider />
        <SimpleGrid cols={2} spacing="xs">
          <Fact label={t('family.today')} value={today} />
          <Fact
            label={t('family.month')}
            value={child.month.percent === null ? '—' : `${child.month.percent}%`}
            detail={t('family.monthDetail', { days: child.month.workingDays })}
          />
          <Fact
            label={t('family.nextDue')}
            value={child.nextDue ? formatMoney(child.nextDue.outstanding, currency) : t('family.nothingDue')}
            detail={
              child.nextDue
                ? t('family.nextDueDetail', {
                    label: child.nextDue.label,
                    date: formatSchoolDate(child.nextDue.dueDate),
                  })
                : undefined
            }
            alert={
              child.overdue > 0
                ? t('family.overdue', { amount: formatMoney(child.overdue, currency) })
                : undefined
            }
          />
          <Fact
            label={t('family.result')}
            value={
              child.latestResult
                ? child.latestResult.percentage === null
                  ? '—'
                  : `${child.latestResult.percentage}%`
                : t('family.noResult')
            }
            detail={
              child.latestResult
                ? t('family.resultDetail', {
                    term: child.latestResult.termName,
                    grade: child.latestResult.grade ?? '—',
                  })
                : undefined
            }
          />
        </SimpleGrid>
        <Group gap="xs" wrap="wrap">
          <Button component={Link} to="/attendance?tab=calendar" size="xs" variant="light">
            {t('family.attendance')}
          </Button>
          <Button component={Link} to="/fees" size="xs" variant={child.outstanding > 0 ? 'filled' : 'light'}>
            {t('family.pay')}
          </Button>
          <Button component={Link} to="/exams" size="xs" variant="light">
            {t('family.results')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Fact({
  label,
  value,
  detail,
  alert,
}: {
  label: string;
  value: string;
  detail?: string;
  alert?: string;
}) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      {detail ? (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {detail}
        </Text>
      ) : null}
      {alert ? (
        <Text size="xs" c="red" fw={600}>
          {alert}
        </Text>
      ) : null}
    </Stack>
  );
}
