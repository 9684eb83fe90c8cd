import { Alert, Card, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { schoolToday } from '../../../app/school-date';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { COLLECTION_GROUPS, type CollectionGroup } from '@shala/contracts';
import { useCollections, useExportCollections } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney, formatSchoolDate } from '../money';
import { BarChart } from './bar-chart';
import { ExportButton, Waiting } from './report-parts';
import { LabelledSegments } from './setup-section';

/** Money collected (payments less reversals) between two dates, by day, class or head, with a chart. */
export function CollectionsReport() {
  const t = useFeesText();
  const today = schoolToday(useCurrentUser().institution.timeZone);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<CollectionGroup>('day');
  const rangeValid = from <= to;
  const report = useCollections({ from, to, groupBy });
  const exporter = useExportCollections();
  const groupName = t(`collections.groups.${groupBy}`).toLowerCase();

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('collections.from')}
          value={from}
          max={to}
          onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          type="date"
          label={t('collections.to')}
          value={to}
          onChange={(e) => e.currentTarget.value && setTo(e.currentTarget.value)}
          w={170}
        />
        <LabelledSegments
          label={t('collections.groupBy')}
          value={groupBy}
          onChange={setGroupBy}
          data={COLLECTION_GROUPS.map((group) => ({ value: group, label: t(`collections.groups.${group}`) }))}
        />
        <ExportButton
          label={t('collections.export')}
          loading={exporter.isPending}
          disabled={!rangeValid}
          onClick={() => exporter.mutate({ from, to, groupBy })}
        />
      </Group>
      {exporter.isError ? (
        <ApiErrorAlert error={exporter.error} title={t('collections.exportFailed')} />
      ) : null}
      {!rangeValid ? (
        <Alert color="yellow" variant="light">
          {t('collections.rangeInvalid')}
        </Alert>
      ) : report.isPending ? (
        <Waiting />
      ) : report.isError ? (
        <ApiErrorAlert error={report.error} />
      ) : report.data.items.length === 0 ? (
        <EmptyState icon={IconChartBar}>
          {t('collections.empty', { from: formatSchoolDate(from), to: formatSchoolDate(to) })}
        </EmptyState>
      ) : (
        <Card withBorder component="section" aria-labelledby="collections-total">
          <Stack gap="md">
            <Title order={2} size="h4" id="collections-total" data-testid="collections-total">
              {t('collections.total', {
                amount: formatMoney(report.data.totalCollected, report.data.currency),
              })}
            </Title>
            <BarChart
              title={t('collections.chart', {
                group: groupName,
                from: formatSchoolDate(report.data.from),
                to: formatSchoolDate(report.data.to),
              })}
              data={report.data.items.map((item) => ({
                key: item.key,
                label: report.data.groupBy === 'day' ? formatSchoolDate(item.label) : item.label,
                value: item.amount,
              }))}
              formatValue={(value) => formatMoney(value, report.data.currency)}
            />
            <Table striped aria-label={t('collections.table', { group: groupName })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`collections.label.${report.data.groupBy}`)}</Table.Th>
                  <Table.Th ta="right">{t('collections.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.items.map((item) => (
                  <Table.Tr key={item.key}>
                    <Table.Td>
                      {report.data.groupBy === 'day' ? formatSchoolDate(item.label) : item.label}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(item.amount, report.data.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
