import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Pagination,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Permission } from '@shala/contracts';
import { IconBell, IconCheck, IconMoodHappy, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useClasses } from '../../academics/hooks/use-academics';
import { schoolToday } from '../../../app/school-date';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import type { DefaulterRow } from '@shala/contracts';
import { useDefaulters, useExportDefaulters, useSendFeeReminder } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney, formatSchoolDate } from '../money';
import { ExportButton, Waiting } from './report-parts';
import { ResponsiveList } from '../../../app/components/responsive-list';

const PAGE_SIZE = 20;

/** Outstanding dues by student as of a date: who owes, how much, and for how long; CSV export. */
export function DuesReport() {
  const t = useFeesText();
  const today = schoolToday(useCurrentUser().institution.timeZone);
  const classes = useClasses(useCan(Permission.AcademicsRead));
  const [asOf, setAsOf] = useState(today);
  const [classId, setClassId] = useState<string | null>(null);
  const [minDays, setMinDays] = useState<number | ''>('');
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim().toLowerCase(), 200);
  const [page, setPage] = useState(1);
  const query = {
    asOf,
    ...(classId ? { classId } : {}),
    ...(typeof minDays === 'number' ? { minDaysOverdue: minDays } : {}),
  };
  const report = useDefaulters(query);
  const canRemind = useCan(Permission.FeesCollect);
  const exporter = useExportDefaulters();

  const rows = (report.data?.items ?? []).filter(
    (row) =>
      !term || row.fullName.toLowerCase().includes(term) || row.admissionNo.toLowerCase().includes(term),
  );
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const shown = rows.slice((Math.min(page, pages) - 1) * PAGE_SIZE, Math.min(page, pages) * PAGE_SIZE);
  const money = (paise: number) => formatMoney(paise, report.data?.currency ?? 'INR');
  const resetPage = () => setPage(1);

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('dues.asOf')}
          value={asOf}
          onChange={(e) => {
            if (!e.currentTarget.value) return;
            setAsOf(e.currentTarget.value);
            resetPage();
          }}
          w={170}
        />
        <Select
          label={t('dues.class')}
          placeholder={t('dues.allClasses')}
          data={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={(value) => {
            setClassId(value);
            resetPage();
          }}
          clearable
          w={180}
        />
        <NumberInput
          label={t('dues.minDays')}
          value={minDays}
          min={0}
          max={3650}
          allowDecimal={false}
          onChange={(value) => {
            setMinDays(typeof value === 'number' ? value : '');
            resetPage();
          }}
          w={170}
        />
        <ExportButton
          label={t('dues.export')}
          loading={exporter.isPending}
          onClick={() => exporter.mutate(query)}
        />
      </Group>
      {exporter.isError ? <ApiErrorAlert error={exporter.error} title={t('dues.exportFailed')} /> : null}
      {report.isPending ? (
        <Waiting />
      ) : report.isError ? (
        <ApiErrorAlert error={report.error} />
      ) : report.data.items.length === 0 ? (
        <EmptyState icon={IconMoodHappy}>{t('dues.empty', { date: formatSchoolDate(asOf) })}</EmptyState>
      ) : (
        <Card withBorder component="section" aria-labelledby="dues-summary">
          <Stack gap="md">
            <Title order={2} size="h4" id="dues-summary" data-testid="dues-summary">
              {t('dues.summary', { count: report.data.count, amount: money(report.data.totalOutstanding) })}
            </Title>
            <TextInput
              label={t('dues.search')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                resetPage();
              }}
              maw={360}
            />
            {rows.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('dues.noMatch')}
              </Text>
            ) : (
              <ResponsiveList
                label={t('dues.table')}
                rows={shown}
                rowKey={(row) => row.studentId}
                rowProps={() => ({ 'data-testid': 'defaulter-row' })}
                tableProps={{ striped: true }}
                columns={[
                  { key: 'student', header: t('dues.student'), cell: (row) => row.fullName },
                  { key: 'admissionNo', header: t('dues.admissionNo'), cell: (row) => row.admissionNo },
                  {
                    key: 'classSection',
                    header: t('dues.classSection'),
                    cell: (row) => `${row.className} ${row.sectionName}`.trim(),
                  },
                  {
                    key: 'outstanding',
                    header: t('dues.outstanding'),
                    align: 'right',
                    cell: (row) => money(row.outstanding),
                  },
                  {
                    key: 'oldestDue',
                    header: t('dues.oldestDue'),
                    cell: (row) => formatSchoolDate(row.oldestDueDate),
                  },
                  {
                    key: 'daysOverdue',
                    header: t('dues.daysOverdue'),
                    align: 'right',
                    cell: (row) => row.daysOverdue,
                  },
                  {
                    key: 'guardianPhone',
                    header: t('dues.guardianPhone'),
                    cell: (row) => row.guardianPhoneMasked ?? '—',
                  },
                  ...(canRemind
                    ? [
                        {
                          key: 'remind',
                          header: t('dues.remind'),
                          cell: (row: DefaulterRow) => <RemindButton row={row} />,
                        },
                      ]
                    : []),
                ]}
                card={(row) => <DefaulterCard row={row} money={money} canRemind={canRemind} />}
              />
            )}
            {pages > 1 ? (
              <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} size="sm" />
            ) : null}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

/**
 * One tap queues the fee reminder to the student's opted-in guardians. The row says "Queued" only once the
 * API answered so, and "Already sent today" when a reminder went earlier today (the API sends one a day).
 */
export function RemindButton({ row }: { row: DefaulterRow }) {
  const t = useFeesText();
  const send = useSendFeeReminder();
  const outcome = send.data?.outcome ?? (row.remindedToday ? 'already_sent' : null);
  if (outcome === 'queued')
    return (
      <Stack gap={2}>
        <Badge color="green" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
          {t('dues.queued')}
        </Badge>
        {send.data?.enqueued === 0 ? (
          <Text size="xs" c="dimmed">
            {t('dues.queuedNone', { name: row.fullName })}
          </Text>
        ) : null}
      </Stack>
    );
  if (outcome === 'already_sent')
    return (
      <Badge color="gray" variant="light">
        {t('dues.alreadySent')}
      </Badge>
    );
  return (
    <Stack gap={2} align="flex-start">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconBell size={14} aria-hidden />}
        loading={send.isPending}
        aria-label={t('dues.remindFor', { name: row.fullName })}
        onClick={() => send.mutate(row.studentId)}
      >
        {t('dues.remind')}
      </Button>
      {send.isError ? <ApiErrorAlert error={send.error} title={t('dues.remindFailed')} /> : null}
    </Stack>
  );
}

function DefaulterCard({
  row,
  money,
  canRemind,
}: {
  row: DefaulterRow;
  money: (paise: number) => string;
  canRemind: boolean;
}) {
  const t = useFeesText();
  return (
    <>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={0} miw={0}>
          <Text fw={600} truncate>
            {row.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {row.admissionNo} · {`${row.className} ${row.sectionName}`.trim()}
          </Text>
        </Stack>
        <Text fw={600}>{money(row.outstanding)}</Text>
      </Group>
      <Group gap="xs" mt={4}>
        <Badge color={row.daysOverdue > 30 ? 'red' : 'yellow'} variant="light">
          {t('dues.days', { count: row.daysOverdue })}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('dues.since', { date: formatSchoolDate(row.oldestDueDate) })}
        </Text>
      </Group>
      <Group gap="xs" mt={4} justify="space-between" wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('dues.guardianPhone')}: {row.guardianPhoneMasked ?? '—'}
        </Text>
        {canRemind ? <RemindButton row={row} /> : null}
      </Group>
    </>
  );
}
