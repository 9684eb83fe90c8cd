import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { DayCloseReport as DayCloseView } from '@shala/contracts';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { formatSchoolDate } from '../../../app/school-date';
import { formatMoney } from '../../fees/money';
import { useDayClose, useDownloadDayClose } from '../hooks/use-dashboards';
import { useDashboardText } from '../i18n';
import { DashboardQuery } from './dashboard-query';
import classes from './day-close.module.css';

/** The printable day-close report with its CSV; `initialDate` is the school's today. */
export function DayClose({ initialDate }: { initialDate: string }) {
  const t = useDashboardText();
  const [date, setDate] = useState(initialDate);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const query = useDayClose(date, valid);
  const download = useDownloadDayClose();
  return (
    <Card component="section" aria-labelledby="day-close-title" className={classes.report}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Title order={2} size="h4" id="day-close-title">
            {t('dayClose.heading')}
          </Title>
          <Group gap="xs" className={classes.noPrint} wrap="wrap">
            <TextInput
              type="date"
              label={t('dayClose.date')}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              size="xs"
            />
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPrinter size={16} aria-hidden />}
              onClick={() => window.print()}
              disabled={!query.data}
            >
              {t('dayClose.print')}
            </Button>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={download.isPending}
              onClick={() => download.mutate(date)}
              disabled={!valid}
            >
              {t('dayClose.csv')}
            </Button>
          </Group>
        </Group>
        {download.isError ? <ApiErrorAlert error={download.error} /> : null}
        {valid ? <DashboardQuery query={query}>{(d) => <DayCloseBody d={d} />}</DashboardQuery> : null}
      </Stack>
    </Card>
  );
}

export function DayCloseBody({ d }: { d: DayCloseView }) {
  const t = useDashboardText();
  const money = (minor: number) => formatMoney(minor, d.currency);
  return (
    <Stack gap="xs">
      <Text fw={600}>
        {d.institutionName} · {formatSchoolDate(d.date)}
      </Text>
      {d.items.length === 0 ? (
        <Text c="dimmed">{t('dayClose.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dayClose.receipt')}</Table.Th>
                <Table.Th>{t('dayClose.student')}</Table.Th>
                <Table.Th>{t('dayClose.method')}</Table.Th>
                <Table.Th>{t('dayClose.cashier')}</Table.Th>
                <Table.Th ta="right">{t('dayClose.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.items.map((p) => (
                <Table.Tr key={p.paymentId} c={p.status === 'reversed' ? 'dimmed' : undefined}>
                  <Table.Td>{p.receiptNo}</Table.Td>
                  <Table.Td>
                    {p.fullName} ({p.admissionNo})
                  </Table.Td>
                  <Table.Td>{p.method}</Table.Td>
                  <Table.Td>{p.cashier ?? t('accountant.online')}</Table.Td>
                  <Table.Td ta="right" td={p.status === 'reversed' ? 'line-through' : undefined}>
                    {money(p.amount)}
                    {p.status === 'reversed' ? ` (${t('dayClose.reversed')})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text fw={700} data-testid="day-close-total">
        {t('dayClose.total', { amount: money(d.collected), count: d.payments })}
      </Text>
      {d.reversedCount > 0 ? (
        <Text size="sm" c="dimmed">
          {t('dayClose.reversedTotal', { amount: money(d.reversedAmount), count: d.reversedCount })}
        </Text>
      ) : null}
    </Stack>
  );
}
