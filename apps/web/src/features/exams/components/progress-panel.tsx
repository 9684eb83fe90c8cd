import { Badge, Center, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { ResponsiveList } from '../../../app/components/responsive-list';
import type { MarksProgressRow } from '@shala/contracts';
import { useExamStructure, useMarksProgress } from '../hooks/use-exams';
import { useExamLookups } from '../hooks/use-lookups';
import { useExamsText } from '../i18n';

const STATUS_COLOR = { pending: 'red', entered: 'yellow', submitted: 'green' } as const;

/** Per assessment: every section x subject with its entry status (pending / entered / submitted). */
export function ProgressPanel() {
  const t = useExamsText();
  const structure = useExamStructure();
  const lookups = useExamLookups();
  const assessments = (structure.data?.terms ?? []).flatMap((term) =>
    term.assessments.map((a) => ({ value: a.id, label: `${term.name} · ${a.name}` })),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const assessmentId = chosen ?? assessments[0]?.value ?? null;
  const progress = useMarksProgress(assessmentId);

  if (structure.isPending || lookups.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  const loadError = structure.error ?? lookups.error;
  if (loadError) return <ApiErrorAlert error={loadError} />;

  const statusLabel = (row: MarksProgressRow) =>
    row.status === 'pending'
      ? t('progress.pending')
      : row.status === 'entered'
        ? t('progress.enteredStatus')
        : t('progress.submitted');
  const badge = (row: MarksProgressRow) => (
    <Badge color={STATUS_COLOR[row.status]} variant="light">
      {statusLabel(row)}
    </Badge>
  );
  const sectionLabel = (row: MarksProgressRow) => lookups.sectionById.get(row.sectionId)?.label ?? '';
  const rows = (progress.data?.rows ?? [])
    .slice()
    .sort(
      (a, b) =>
        lookups.sections.findIndex((s) => s.id === a.sectionId) -
          lookups.sections.findIndex((s) => s.id === b.sectionId) ||
        lookups.subjectName(a.subjectId).localeCompare(lookups.subjectName(b.subjectId)),
    );
  const count = (status: MarksProgressRow['status']) => rows.filter((r) => r.status === status).length;

  return (
    <Stack gap="md">
      <Select
        label={t('pick.assessment')}
        data={assessments}
        value={assessmentId}
        onChange={setChosen}
        allowDeselect={false}
        maw={420}
      />
      {progress.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : progress.isError ? (
        <ApiErrorAlert error={progress.error} />
      ) : rows.length === 0 ? (
        <EmptyState>{t('progress.empty')}</EmptyState>
      ) : (
        <>
          <Text size="sm" c="dimmed" data-testid="progress-summary">
            {t('progress.summary', {
              submitted: count('submitted'),
              entered: count('entered'),
              pending: count('pending'),
            })}
          </Text>
          <ResponsiveList
            label={t('progress.label')}
            rows={rows}
            rowKey={(row) => `${row.sectionId}:${row.subjectId}`}
            phoneItems="divided"
            compact
            columns={[
              { key: 'section', header: t('progress.section'), cell: sectionLabel },
              {
                key: 'subject',
                header: t('progress.subject'),
                cell: (row) => lookups.subjectName(row.subjectId),
              },
              {
                key: 'entered',
                header: t('progress.entered'),
                align: 'right',
                cell: (row) => t('progress.counts', { entered: row.entered, students: row.students }),
              },
              { key: 'status', header: t('progress.status'), cell: badge },
            ]}
            card={(row) => (
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={500}>
                    {sectionLabel(row)} · {lookups.subjectName(row.subjectId)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('progress.counts', { entered: row.entered, students: row.students })}
                  </Text>
                </Stack>
                {badge(row)}
              </Group>
            )}
          />
        </>
      )}
    </Stack>
  );
}
