import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { AccountantDashboard as AccountantView, DayCloseGroup } from '@shala/contracts';
import { formatMoney } from '../../fees/money';
import { useDashboard } from '../hooks/use-dashboards';
import { useDashboardText } from '../i18n';
import { DashboardQuery } from './dashboard-query';
import { DayClose } from './day-close';
import { StatCard } from './stat-card';

/** The accountant's day: collections by method and cashier, overdue totals, the day-close report. */
export function AccountantDashboard() {
  const query = useDashboard('accountant');
  return (
    <DashboardQuery query={query}>
      {(d) => (
        <Stack gap="md">
          <AccountantCards d={d} />
          <DayClose initialDate={d.date} />
        </Stack>
      )}
    </DashboardQuery>
  );
}

export function AccountantCards({ d }: { d: AccountantView }) {
  const t = useDashboardText();
  const money = (minor: number) => formatMoney(minor, d.currency);
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('accountant.heading')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <StatCard
          testId="card-accountant-collected"
          label={t('accountant.collected')}
          value={money(d.collectedToday)}
          detail={t('accountant.collectedDetail', { count: d.paymentsToday })}
          to="/fees?tab=payments"
        />
        <StatCard
          testId="card-accountant-overdue"
          label={t('accountant.overdue')}
          value={money(d.overdueAmount)}
          detail={t('accountant.overdueDetail', { count: d.overdueStudents })}
          to="/fees?tab=dues"
        />
        <Groups title={t('accountant.byMethod')} groups={d.byMethod} money={money} />
        <Groups title={t('accountant.byCashier')} groups={d.byCashier} money={money} />
      </SimpleGrid>
    </Stack>
  );
}

function Groups({
  title,
  groups,
  money,
}: {
  title: string;
  groups: DayCloseGroup[];
  money: (minor: number) => string;
}) {
  const t = useDashboardText();
  return (
    <Card component="section" aria-label={title}>
      <Text size="sm" c="dimmed" fw={500} mb={4}>
        {title}
      </Text>
      {groups.length === 0 ? (
        <Text size="sm">{t('accountant.nothing')}</Text>
      ) : (
        <Table fz="sm" verticalSpacing={2}>
          <Table.Tbody>
            {groups.map((g) => (
              <Table.Tr key={g.key}>
                <Table.Td>{g.key === 'online' ? t('accountant.online') : g.label}</Table.Td>
                <Table.Td ta="right">{money(g.amount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
