import { Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { AnalyticsFigures, GradeCount, SectionAnalytics } from '@shala/contracts';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { ResponsiveList } from '../../../app/components/responsive-list';
import { BarChart } from '../../fees/components/bar-chart';
import { useClassAnalytics, useDownloadAnalyticsCsv, useExamStructure } from '../hooks/use-exams';
import { useExamLookups } from '../hooks/use-lookups';
import { useExamsText } from '../i18n';
import { ClassSelect, percent, TermSelect } from './pickers';

/** Staff: a class's term in figures (overall and per subject, with the sections side by side) and its CSV. */
export function AnalyticsPanel() {
  const t = useExamsText();
  const structure = useExamStructure();
  const lookups = useExamLookups();
  const [termId, setTermId] = useState<string | null>(null);
  const [classId, setClassId] = useState<string | null>(null);
  const term = termId ?? structure.data?.terms[0]?.id ?? null;
  const klass = classId ?? lookups.classes[0]?.id ?? null;
  const analytics = useClassAnalytics(term, klass);
  const download = useDownloadAnalyticsCsv();

  if (structure.isPending || lookups.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  const loadError = structure.error ?? lookups.error;
  if (loadError || !structure.data) return <ApiErrorAlert error={loadError} />;
  const data = analytics.data;

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TermSelect structure={structure.data} value={term} onChange={setTermId} />
        <ClassSelect classes={lookups.classes} value={klass} onChange={setClassId} />
        <Button
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          disabled={!term || !klass}
          loading={download.isPending}
          onClick={() => term && klass && download.mutate({ termId: term, classId: klass })}
        >
          {t('analytics.downloadCsv')}
        </Button>
      </Group>
      {download.error ? <ApiErrorAlert error={download.error} /> : null}
      {!term || !klass ? (
        <Text c="dimmed">{t('analytics.pickAll')}</Text>
      ) : analytics.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : analytics.isError ? (
        <ApiErrorAlert error={analytics.error} />
      ) : !data ? null : (
        <>
          <FiguresCard
            testId="overall-analytics"
            title={t('analytics.overall')}
            summary={t('analytics.overallSummary', {
              students: data.students,
              graded: data.overall.graded,
              pending: data.overall.pending,
              exempt: data.overall.exempt,
            })}
            figures={data.overall}
            distribution={data.overall.gradeDistribution}
            sections={data.overall.sections}
          />
          {data.subjects.length === 0 ? (
            <EmptyState>{t('analytics.empty')}</EmptyState>
          ) : (
            data.subjects.map((subject) => (
              <FiguresCard
                key={subject.subjectId}
                testId="subject-analytics"
                title={subject.subject}
                summary={t('analytics.overallSummary', {
                  students: data.students,
                  graded: subject.graded,
                  pending: subject.pending,
                  exempt: subject.exempt,
                })}
                figures={subject}
                distribution={subject.gradeDistribution}
                sections={subject.sections}
              />
            ))
          )}
        </>
      )}
    </Stack>
  );
}

function FiguresCard({
  testId,
  title,
  summary,
  figures,
  distribution,
  sections,
}: {
  testId: string;
  title: string;
  summary: string;
  figures: AnalyticsFigures;
  distribution: GradeCount[];
  sections: SectionAnalytics[];
}) {
  const t = useExamsText();
  const stats = [
    { key: 'average', label: t('analytics.average'), value: percent(figures.average) },
    { key: 'highest', label: t('analytics.highest'), value: percent(figures.highest) },
    { key: 'lowest', label: t('analytics.lowest'), value: percent(figures.lowest) },
    { key: 'pass', label: t('analytics.passPercentage'), value: percent(figures.passPercentage) },
  ];
  return (
    <Card withBorder padding="md" data-testid={testId} aria-label={title} component="section">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {summary}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {stats.map((stat) => (
            <div key={stat.key} data-testid={`figure-${stat.key}`}>
              <Text size="xs" c="dimmed">
                {stat.label}
              </Text>
              <Text fw={600} size="lg">
                {stat.value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {distribution.length > 0 ? (
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('analytics.distribution', { subject: title })}
            </Text>
            <BarChart
              data={distribution.map((g) => ({ key: g.grade, label: g.grade, value: g.count }))}
              title={t('analytics.distribution', { subject: title })}
              formatValue={(v) => String(v)}
            />
          </div>
        ) : null}
        {sections.length > 0 ? (
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('analytics.sections', { subject: title })}
            </Text>
            <ResponsiveList
              label={t('analytics.sections', { subject: title })}
              rows={sections}
              rowKey={(s) => s.sectionId}
              minWidth={560}
              phoneItems="divided"
              compact
              tableProps={{ fz: 'sm', verticalSpacing: 4 }}
              rowProps={() => ({ 'data-testid': 'section-analytics' })}
              columns={[
                { key: 'section', header: t('analytics.section'), cell: (s) => s.section },
                { key: 'students', header: t('analytics.students'), align: 'right', cell: (s) => s.students },
                { key: 'graded', header: t('analytics.graded'), align: 'right', cell: (s) => s.graded },
                {
                  key: 'average',
                  header: t('analytics.average'),
                  align: 'right',
                  cell: (s) => percent(s.average),
                },
                {
                  key: 'highest',
                  header: t('analytics.highest'),
                  align: 'right',
                  cell: (s) => percent(s.highest),
                },
                {
                  key: 'lowest',
                  header: t('analytics.lowest'),
                  align: 'right',
                  cell: (s) => percent(s.lowest),
                },
                {
                  key: 'pass',
                  header: t('analytics.passPercentage'),
                  align: 'right',
                  cell: (s) => percent(s.passPercentage),
                },
              ]}
              card={(s) => (
                <Stack gap={2}>
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Text fw={500} size="sm">
                      {s.section}
                    </Text>
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {t('analytics.graded')}: {s.graded} / {s.students}
                    </Text>
                  </Group>
                  <Text size="xs">
                    {t('analytics.average')} {percent(s.average)} · {t('analytics.highest')}{' '}
                    {percent(s.highest)} · {t('analytics.lowest')} {percent(s.lowest)} ·{' '}
                    {t('analytics.passPercentage')} {percent(s.passPercentage)}
                  </Text>
                </Stack>
              )}
            />
          </div>
        ) : null}
      </Stack>
    </Card>
  );
}
