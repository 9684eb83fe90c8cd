import { Button, Card, Center, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { StudentResultsView, TermResultView } from '@shala/contracts';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useStudents } from '../../students/hooks/use-students';
import { childLabel } from '../../attendance/components/child-label';
import { BarChart } from '../../fees/components/bar-chart';
import { useDownloadReportCard, useStudentResults } from '../hooks/use-exams';
import { useExamsText } from '../i18n';
import { FamilySchedule } from './family-schedule';
import { decimal } from './pickers';

/** A child's percentage in each assessment of the published terms: weighted marks over maxima, per paper. */
export function assessmentPercentages(results: StudentResultsView) {
  return results.items.flatMap((term) => {
    const byAssessment = new Map<string, { label: string; marks: number; max: number }>();
    for (const subject of term.subjects)
      for (const a of subject.assessments) {
        if (a.status === 'EX' || a.status === 'ML' || a.status === null) continue;
        const entry = byAssessment.get(a.assessmentId) ?? {
          label: `${term.termName} · ${a.code}`,
          marks: 0,
          max: 0,
        };
        entry.marks += a.marks ?? 0;
        entry.max += a.maxMarks;
        byAssessment.set(a.assessmentId, entry);
      }
    return [...byAssessment.entries()].map(([key, e]) => ({
      key,
      label: e.label,
      value: e.max ? Math.round((e.marks / e.max) * 10000) / 100 : 0,
    }));
  });
}

/** Parents and students: a child's published results per term, a chart, and the report card PDF. */
export function FamilyResults() {
  const t = useExamsText();
  const children = useStudents({});
  const kids = children.data?.pages.flatMap((p) => p.items) ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const studentId = chosen ?? kids[0]?.id ?? null;
  const results = useStudentResults(studentId);

  if (children.isPending) {
    return (
      <Center py="md" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  if (children.isError) return <ApiErrorAlert error={children.error} />;
  if (kids.length === 0) return <EmptyState>{t('family.noChildren')}</EmptyState>;
  const published = results.data?.items.filter((term) => term.published) ?? [];
  const points = results.data ? assessmentPercentages({ ...results.data, items: published }) : [];

  return (
    <Stack gap="md" maw={760}>
      {kids.length > 1 ? (
        <Select
          label={t('pick.child')}
          data={kids.map((k) => ({ value: k.id, label: childLabel(k) }))}
          value={studentId}
          onChange={setChosen}
          allowDeselect={false}
          maw={420}
        />
      ) : (
        <Text fw={500}>{kids[0] ? childLabel(kids[0]) : null}</Text>
      )}
      {studentId ? <FamilySchedule key={studentId} studentId={studentId} /> : null}
      {results.isPending ? (
        <Center py="md" role="status">
          <Loader size="sm" />
        </Center>
      ) : results.isError ? (
        <ApiErrorAlert error={results.error} />
      ) : published.length === 0 ? (
        <EmptyState>{t('family.empty')}</EmptyState>
      ) : (
        <>
          {published.map((term) => (
            <TermCard key={term.termId} term={term} studentId={studentId ?? ''} />
          ))}
          {points.length > 0 ? (
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="xs">
                {t('family.chart')}
              </Title>
              <BarChart data={points} title={t('family.chart')} formatValue={(v) => `${decimal(v)}%`} />
            </Card>
          ) : null}
        </>
      )}
    </Stack>
  );
}

function TermCard({ term, studentId }: { term: TermResultView; studentId: string }) {
  const t = useExamsText();
  const download = useDownloadReportCard();
  const result = term.passed === null ? '–' : term.passed ? t('results.pass') : t('results.fail');
  return (
    <Card withBorder padding="md" data-testid="term-result">
      <Group justify="space-between" gap="sm" mb="xs">
        <Title order={2} size="h4">
          {t('family.subjects', { term: term.termName })}
        </Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          loading={download.isPending}
          onClick={() => download.mutate({ studentId, termId: term.termId })}
        >
          {t('family.download')}
        </Button>
      </Group>
      {download.error ? <ApiErrorAlert error={download.error} /> : null}
      <Table aria-label={t('family.subjects', { term: term.termName })} fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('family.subject')}</Table.Th>
            <Table.Th ta="right">{t('family.marks')}</Table.Th>
            <Table.Th ta="center">{t('family.grade')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {term.subjects.map((s) => (
            <Table.Tr key={s.subjectId}>
              <Table.Td>{s.subject}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {s.status === 'exempt'
                  ? t('results.exempt')
                  : s.status === 'pending'
                    ? t('results.pending')
                    : `${decimal(s.marks)} / ${decimal(s.maxMarks)}`}
              </Table.Td>
              <Table.Td ta="center">{s.grade ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text mt="sm" fw={500} data-testid="term-overall">
        {t('family.overall', { percentage: decimal(term.percentage), grade: term.grade ?? '–', result })}
      </Text>
    </Card>
  );
}
