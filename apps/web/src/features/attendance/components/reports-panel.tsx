import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useCurrentUser } from '../../auth/hooks/current-user';
import {
  useChronicAbsentees,
  useDaySummary,
  useExportSectionMonth,
  useSectionMonth,
  useUnmarkedSections,
} from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { formatSchoolDate, schoolToday } from '../../../app/school-date';
import { useNonWorkingText } from './non-working';

function Waiting() {
  return (
    <Center py="md" role="status">
      <Loader size="sm" />
    </Center>
  );
}

/** Day summary with absentees, unmarked sections, a section's month register, chronic absentees. */
export function ReportsPanel() {
  const t = useAttendanceText();
  const me = useCurrentUser();
  const today = schoolToday(me.institution.timeZone);
  const [date, setDate] = useState(today);
  const summary = useDaySummary(date);
  const unmarked = useUnmarkedSections(date);
  const nonWorkingText = useNonWorkingText();

  return (
    <Stack gap="lg">
      <TextInput
        type="date"
        label={t('marking.date')}
        value={date}
        max={today}
        onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)}
        maw={220}
      />
      <Card withBorder component="section" aria-labelledby="report-day">
        <Title order={2} size="h4" id="report-day" mb="xs">
          {t('reports.day')} · {formatSchoolDate(date)}
        </Title>
        {summary.isPending ? (
          <Waiting />
        ) : summary.isError ? (
          <ApiErrorAlert error={summary.error} />
        ) : summary.data.sections.length === 0 ? (
          <EmptyState>{t('reports.noSections')}</EmptyState>
        ) : (
          <Stack gap="sm">
            {summary.data.workingDay === false ? (
              <Text c="dimmed" data-testid="summary-non-working">
                {t('marking.nonWorking', {
                  reason: nonWorkingText(date, summary.data.nonWorkingReason ?? null),
                })}
              </Text>
            ) : null}
            <Group gap="sm">
              <Text fw={600}>
                {summary.data.percent != null ? t('reports.percent', { percent: summary.data.percent }) : '—'}
              </Text>
              <Text c="dimmed">
                {t('reports.sectionsMarked', {
                  marked: summary.data.sectionsMarked,
                  total: summary.data.sections.length,
                })}
              </Text>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
              {summary.data.sections.map((section) => (
                <Card key={section.sectionId} withBorder padding="sm" data-testid="day-section">
                  <Group justify="space-between">
                    <Text fw={600}>
                      {section.className} {section.sectionName}
                    </Text>
                    {section.marked ? (
                      <Badge color="green" variant="light">
                        {section.percent != null ? t('reports.percent', { percent: section.percent }) : ''}
                      </Badge>
                    ) : (
                      <Badge color="gray">{t('reports.notMarked')}</Badge>
                    )}
                  </Group>
                  {section.marked ? (
                    <Text size="sm" mt={4}>
                      {t('reports.absentees')}:{' '}
                      {section.absentees.length === 0
                        ? t('reports.noAbsentees')
                        : section.absentees
                            .map((a) => (a.note ? `${a.fullName} (${a.note})` : a.fullName))
                            .join(', ')}
                    </Text>
                  ) : null}
                </Card>
              ))}
            </SimpleGrid>
          </Stack>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="report-unmarked">
        <Title order={2} size="h4" id="report-unmarked" mb="xs">
          {t('reports.unmarked')}
        </Title>
        {unmarked.isPending ? (
          <Waiting />
        ) : unmarked.isError ? (
          <ApiErrorAlert error={unmarked.error} />
        ) : !unmarked.data.workingDay ? (
          <Text>
            {t('marking.nonWorking', { reason: nonWorkingText(date, unmarked.data.nonWorkingReason) })}
          </Text>
        ) : unmarked.data.sections.length === 0 ? (
          <Text c="green">{t('reports.allMarked')}</Text>
        ) : (
          <Group gap="xs">
            {unmarked.data.sections.map((s) => (
              <Badge key={s.sectionId} color="orange" variant="light" size="lg">
                {s.className} {s.sectionName}
              </Badge>
            ))}
          </Group>
        )}
      </Card>
      <MonthRegister
        sections={(summary.data?.sections ?? []).map((s) => ({
          value: s.sectionId,
          label: `${s.className} ${s.sectionName}`,
        }))}
        month={today.slice(0, 7)}
      />
      <ChronicAbsentees today={today} />
    </Stack>
  );
}

function MonthRegister({
  sections,
  month: thisMonth,
}: {
  sections: { value: string; label: string }[];
  month: string;
}) {
  const t = useAttendanceText();
  const [chosen, setChosen] = useState<string | null>(null);
  const sectionId = chosen ?? sections[0]?.value ?? null;
  const [month, setMonth] = useState(thisMonth);
  const register = useSectionMonth(sectionId, month);
  const exporter = useExportSectionMonth();

  return (
    <Card withBorder component="section" aria-labelledby="report-month">
      <Title order={2} size="h4" id="report-month" mb="xs">
        {t('reports.month')}
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="sm">
        <Select
          label={t('marking.section')}
          data={sections}
          value={sectionId}
          onChange={setChosen}
          allowDeselect={false}
        />
        <TextInput
          type="month"
          label={t('reports.monthLabel')}
          value={month}
          max={thisMonth}
          onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
        />
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          disabled={!sectionId}
          loading={exporter.isPending}
          onClick={() => sectionId && exporter.mutate({ sectionId, month })}
        >
          {t('reports.export')}
        </Button>
      </Group>
      {exporter.isError ? <ApiErrorAlert error={exporter.error} /> : null}
      {!sectionId ? null : register.isPending ? (
        <Waiting />
      ) : register.isError ? (
        <ApiErrorAlert error={register.error} />
      ) : (
        <Table.ScrollContainer minWidth={Math.max(320, 200 + register.data.workingDays.length * 28)}>
          <Table withColumnBorders striped fz="xs" aria-label={t('reports.month')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.student')}</Table.Th>
                {register.data.workingDays.map((day) => (
                  <Table.Th key={day} ta="center">
                    {Number(day.slice(8))}
                  </Table.Th>
                ))}
                <Table.Th>{t('reports.percentCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {register.data.rows.map((row) => (
                <Table.Tr key={row.studentId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.fullName}</Table.Td>
                  {register.data.workingDays.map((day) => (
                    <Table.Td key={day} ta="center" c={row.days[day] === 'A' ? 'red' : undefined}>
                      {row.days[day] ?? ''}
                    </Table.Td>
                  ))}
                  <Table.Td>{row.percent ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function ChronicAbsentees({ today }: { today: string }) {
  const t = useAttendanceText();
  const from = (() => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 30);
    return d.toISOString().slice(0, 10);
  })();
  const chronic = useChronicAbsentees(from, today);
  return (
    <Card withBorder component="section" aria-labelledby="report-chronic">
      <Title order={2} size="h4" id="report-chronic" mb="xs">
        {t('reports.chronic')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {formatSchoolDate(from)} – {formatSchoolDate(today)}
      </Text>
      {chronic.isPending ? (
        <Waiting />
      ) : chronic.isError ? (
        <ApiErrorAlert error={chronic.error} />
      ) : chronic.data.length === 0 ? (
        <Alert color="green" variant="light">
          {t('reports.noChronic')}
        </Alert>
      ) : (
        <Table aria-label={t('reports.chronic')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.student')}</Table.Th>
              <Table.Th>{t('reports.sectionCol')}</Table.Th>
              <Table.Th>{t('reports.percentCol')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {chronic.data.map((s) => (
              <Table.Tr key={s.studentId}>
                <Table.Td>{s.fullName}</Table.Td>
                <Table.Td>
                  {s.className} {s.sectionName}
                </Table.Td>
                <Table.Td>{s.percent}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
