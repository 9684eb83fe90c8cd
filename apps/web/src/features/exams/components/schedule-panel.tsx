import { Alert, Button, Card, Center, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { ExamScheduleView, ExamSittingView } from '@shala/contracts';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { ResponsiveList } from '../../../app/components/responsive-list';
import { formatSchoolDate, schoolToday } from '../../../app/school-date';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useDownloadHallTickets, useExamSchedule, useExamStructure } from '../hooks/use-exams';
import { useExamLookups, type SectionOption } from '../hooks/use-lookups';
import { useExamsText } from '../i18n';
import { ScheduleEditor } from './schedule-editor';
import { useCanEditStructure } from './structure-panel';

/** The sections a schedule seats: each sitting's own section, or every section of its class. */
export function scheduledSections(schedule: ExamScheduleView, sections: SectionOption[]) {
  const seen = new Map<string, { id: string; label: string }>();
  const order = new Map(sections.map((s, i) => [s.id, i] as const));
  for (const sitting of schedule.sittings) {
    if (sitting.sectionId) {
      if (!seen.has(sitting.sectionId))
        seen.set(sitting.sectionId, {
          id: sitting.sectionId,
          // The API names a section with its class ("Class 5 A").
          label: sitting.sectionName ?? sitting.className,
        });
    } else {
      for (const s of sections)
        if (s.classId === sitting.classId && !seen.has(s.id)) seen.set(s.id, { id: s.id, label: s.label });
    }
  }
  return [...seen.values()].sort(
    (a, b) =>
      (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER) ||
      a.label.localeCompare(b.label),
  );
}

/**
 * The assessment the schedule opens on: the first one of the term under way (or the next to come), so
 * the screen opens on this term's exams, not last term's; the last one once every term is over.
 */
export function defaultAssessmentId(
  terms: readonly { endsOn: string; assessments: readonly { id: string }[] }[],
  today: string,
): string | null {
  const withAssessments = terms.filter((term) => term.assessments.length > 0);
  const current = withAssessments.find((term) => term.endsOn >= today);
  if (current) return current.assessments[0]!.id;
  return withAssessments.at(-1)?.assessments.at(-1)?.id ?? null;
}

/** Staff: an assessment's sittings (date, time, class/section, subject, room, invigilator) and hall tickets. */
export function SchedulePanel() {
  const t = useExamsText();
  const me = useCurrentUser();
  const structure = useExamStructure();
  const lookups = useExamLookups();
  const [chosen, setChosen] = useState<string | null>(null);
  const terms = structure.data?.terms ?? [];
  const assessments = terms.flatMap((term) =>
    term.assessments.map((a) => ({ value: a.id, label: `${term.name} · ${a.name}` })),
  );
  const today = schoolToday(me.institution.timeZone);
  const assessmentId = chosen ?? defaultAssessmentId(terms, today);
  const schedule = useExamSchedule(assessmentId);
  const tickets = useDownloadHallTickets();
  const canEdit = useCanEditStructure();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  if (structure.isPending || lookups.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  const loadError = structure.error ?? lookups.error;
  if (loadError || !structure.data) return <ApiErrorAlert error={loadError} />;
  if (assessments.length === 0) return <EmptyState>{t('schedule.noAssessments')}</EmptyState>;

  const data = schedule.data;
  const assessment = structure.data.terms
    .flatMap((term) => term.assessments)
    .find((a) => a.id === assessmentId);
  const where = (s: ExamSittingView) =>
    s.sectionId ? (s.sectionName ?? s.className) : t('schedule.wholeClass', { class: s.className });
  const time = (s: ExamSittingView) => t('schedule.timeRange', { from: s.startsAt, to: s.endsAt });
  const sections = data ? scheduledSections(data, lookups.sections) : [];

  return (
    <Stack gap="md">
      <Select
        label={t('pick.assessment')}
        data={assessments}
        value={assessmentId}
        onChange={(value) => {
          setSaved(false);
          setChosen(value);
        }}
        allowDeselect={false}
        searchable
        maw={420}
      />
      {canEdit && assessment ? (
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPencil size={14} aria-hidden />}
            disabled={!data}
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t('scheduleEdit.edit')}
          </Button>
        </Group>
      ) : null}
      {saved ? (
        <Alert color="green" role="status">
          {t('scheduleEdit.saved')}
        </Alert>
      ) : null}
      {editing && assessment && data ? (
        <ScheduleEditor
          assessment={assessment}
          sittings={data.sittings}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : null}
      {schedule.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : schedule.isError ? (
        <ApiErrorAlert error={schedule.error} />
      ) : !data || data.sittings.length === 0 ? (
        <EmptyState>{t('schedule.empty')}</EmptyState>
      ) : (
        <>
          <Card withBorder padding="sm">
            <Text fw={500} size="sm">
              {t('schedule.hallTickets')}
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t('schedule.hallTicketsHint')}
            </Text>
            <Group gap="xs">
              {sections.map((section) => (
                <Button
                  key={section.id}
                  size="xs"
                  variant="light"
                  leftSection={<IconDownload size={14} aria-hidden />}
                  aria-label={t('schedule.hallTicketsFor', { section: section.label })}
                  loading={
                    tickets.isPending &&
                    tickets.variables !== undefined &&
                    'sectionId' in tickets.variables &&
                    tickets.variables.sectionId === section.id
                  }
                  onClick={() => tickets.mutate({ assessmentId: data.assessmentId, sectionId: section.id })}
                >
                  {section.label}
                </Button>
              ))}
            </Group>
            {tickets.error ? <ApiErrorAlert error={tickets.error} /> : null}
          </Card>
          <ResponsiveList
            label={t('schedule.label')}
            rows={data.sittings}
            rowKey={(s) => s.id}
            minWidth={760}
            tableProps={{ striped: true }}
            rowProps={() => ({ 'data-testid': 'sitting-row' })}
            columns={[
              {
                key: 'date',
                header: t('schedule.date'),
                cell: (s) => <span style={{ whiteSpace: 'nowrap' }}>{formatSchoolDate(s.sitsOn)}</span>,
              },
              {
                key: 'time',
                header: t('schedule.time'),
                cell: (s) => <span style={{ whiteSpace: 'nowrap' }}>{time(s)}</span>,
              },
              { key: 'where', header: t('schedule.classSection'), cell: where },
              { key: 'subject', header: t('schedule.subject'), cell: (s) => s.subject },
              { key: 'room', header: t('schedule.room'), cell: (s) => s.room },
              {
                key: 'invigilator',
                header: t('schedule.invigilator'),
                cell: (s) => s.invigilatorName ?? '–',
              },
            ]}
            card={(s) => (
              <Stack gap={2}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Text fw={500} size="sm" miw={0}>
                    {s.subject}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatSchoolDate(s.sitsOn)}
                  </Text>
                </Group>
                <Text size="xs">
                  {time(s)} · {where(s)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('schedule.room')}: {s.room} · {t('schedule.invigilator')}: {s.invigilatorName ?? '–'}
                </Text>
              </Stack>
            )}
          />
        </>
      )}
    </Stack>
  );
}
