import { Badge, Button, Center, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileZip } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { ResponsiveList } from '../../../app/components/responsive-list';
import type { SectionResultRow } from '@shala/contracts';
import {
  useDownloadJobZip,
  useExamStructure,
  useReportCardJob,
  useSectionResults,
  useStartReportCards,
} from '../hooks/use-exams';
import { useExamLookups } from '../hooks/use-lookups';
import { useExamsText } from '../i18n';
import { decimal, SectionSelect, TermSelect } from './pickers';

/** A term's results for one section: subjects' grades, percentage, grade and rank; the section's cards. */
export function ResultsPanel() {
  const t = useExamsText();
  const structure = useExamStructure();
  const lookups = useExamLookups();
  const [termId, setTermId] = useState<string | null>(null);
  const [sectionId, setSectionId] = useState<string | null>(null);
  const term = termId ?? structure.data?.terms[0]?.id ?? null;
  const section = sectionId ?? lookups.sections[0]?.id ?? null;
  const results = useSectionResults(term, section);

  if (structure.isPending || lookups.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  const loadError = structure.error ?? lookups.error;
  if (loadError || !structure.data) return <ApiErrorAlert error={loadError} />;

  const data = results.data;
  const result = (row: SectionResultRow) =>
    row.passed === null ? t('results.pending') : row.passed ? t('results.pass') : t('results.fail');

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TermSelect structure={structure.data} value={term} onChange={setTermId} />
        <SectionSelect sections={lookups.sections} value={section} onChange={setSectionId} />
      </Group>
      {!term || !section ? (
        <Text c="dimmed">{t('results.pickAll')}</Text>
      ) : results.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : results.isError ? (
        <ApiErrorAlert error={results.error} />
      ) : !data || data.rows.length === 0 ? (
        <EmptyState>{t('results.empty')}</EmptyState>
      ) : (
        <>
          <Group gap="sm" justify="space-between" align="flex-start">
            <Badge color={data.published ? 'green' : 'gray'} variant="light">
              {data.published ? t('results.published') : t('results.notPublished')}
            </Badge>
            <ReportCardsJob key={`${term}:${section}`} termId={term} sectionId={section} />
          </Group>
          <ResponsiveList
            label={t('results.label')}
            rows={data.rows}
            rowKey={(row) => row.studentId}
            minWidth={360 + data.subjects.length * 70}
            tableProps={{ striped: true }}
            rowProps={() => ({ 'data-testid': 'result-row' })}
            columns={[
              { key: 'roll', header: t('results.roll'), cell: (row) => row.rollNo ?? '–', width: 50 },
              { key: 'name', header: t('results.student'), cell: (row) => row.fullName },
              ...data.subjects.map((subject) => ({
                key: subject.subjectId,
                header: subject.subject,
                align: 'center' as const,
                cell: (row: SectionResultRow) =>
                  row.subjects.find((s) => s.subjectId === subject.subjectId)?.grade ?? '–',
              })),
              {
                key: 'percentage',
                header: t('results.percentage'),
                align: 'right',
                cell: (row) => decimal(row.percentage),
              },
              { key: 'grade', header: t('results.grade'), align: 'center', cell: (row) => row.grade ?? '–' },
              {
                key: 'rank',
                header: t('results.rank'),
                align: 'right',
                cell: (row) => row.rankInSection ?? '–',
              },
              { key: 'result', header: t('results.result'), cell: result },
            ]}
            card={(row) => (
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Text fw={500} size="sm" miw={0}>
                    {row.rollNo ?? '–'}. {row.fullName}
                  </Text>
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {decimal(row.percentage)}% · {row.grade ?? '–'}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('results.rank')}: {row.rankInSection ?? '–'} · {result(row)}
                </Text>
                <Text size="xs">{row.subjects.map((s) => `${s.subject} ${s.grade ?? '–'}`).join(' · ')}</Text>
              </Stack>
            )}
          />
        </>
      )}
    </Stack>
  );
}

/** Renders the section's report cards as a job: a progress bar while it runs, then the ZIP. */
function ReportCardsJob({ termId, sectionId }: { termId: string; sectionId: string }) {
  const t = useExamsText();
  const start = useStartReportCards();
  const jobId = start.data?.jobId ?? null;
  const job = useReportCardJob(jobId);
  const download = useDownloadJobZip();
  const view = job.data;
  const running = start.isPending || (jobId !== null && (!view || view.status === 'running'));

  return (
    <Stack gap="xs" miw={0} style={{ flex: '0 1 22rem' }}>
      {view?.status === 'done' ? (
        <Button
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={() => download.mutate(view.jobId)}
          loading={download.isPending}
        >
          {t('results.download')}
        </Button>
      ) : (
        <Button
          variant="light"
          leftSection={<IconFileZip size={16} aria-hidden />}
          onClick={() => start.mutate({ termId, sectionId })}
          loading={running}
        >
          {t('results.generate')}
        </Button>
      )}
      {view && view.status !== 'failed' ? (
        <>
          <Progress
            value={view.total ? (view.done / view.total) * 100 : 0}
            aria-label={t('results.progress', { done: view.done, total: view.total })}
          />
          <Text size="xs" c="dimmed" role="status">
            {t('results.progress', { done: view.done, total: view.total })}
          </Text>
        </>
      ) : null}
      {view?.status === 'failed' ? (
        <Text size="sm" c="red">
          {t('results.failed')}
        </Text>
      ) : null}
      {start.error ? <ApiErrorAlert error={start.error} /> : null}
      {job.error ? <ApiErrorAlert error={job.error} /> : null}
      {download.error ? <ApiErrorAlert error={download.error} /> : null}
    </Stack>
  );
}
