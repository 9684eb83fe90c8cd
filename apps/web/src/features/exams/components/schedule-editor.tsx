import {
  ActionIcon,
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { AssessmentView, ExamSittingView } from '@shala/contracts';
import { useRef, useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { FormModal } from '../../../app/components/form-modal';
import type { SittingInput } from '../api/schedule.api';
import { useExamLookups } from '../hooks/use-lookups';
import { useInvigilatorOptions, useReplaceSchedule } from '../hooks/use-schedule';
import { useExamsText } from '../i18n';
import { UnplacedDetails, detailsByField } from './structure-fields';

const WHOLE_CLASS = '__whole_class__';
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ROOM_MAX = 60;

type Field = 'paperId' | 'sectionId' | 'sitsOn' | 'startsAt' | 'endsAt' | 'room' | 'invigilatorUserId';

interface Row {
  key: number;
  paperId: string | null;
  sectionId: string;
  sitsOn: string;
  startsAt: string;
  endsAt: string;
  room: string;
  invigilatorUserId: string | null;
}

const rowOf = (key: number, s: ExamSittingView): Row => ({
  key,
  paperId: s.paperId,
  sectionId: s.sectionId ?? WHOLE_CLASS,
  sitsOn: s.sitsOn,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  room: s.room,
  invigilatorUserId: s.invigilatorUserId,
});

/** The API's detail field as a row index: "sittings[3]", "sittings[3].room" or "sittings.3.room". */
export function sittingIndexOf(field: string): number | null {
  const match = /^sittings(?:\[(\d+)\]|\.(\d+))/.exec(field);
  if (!match) return null;
  return Number(match[1] ?? match[2]);
}

/**
 * An assessment's whole schedule as editable rows (paper, section or whole class, date, start, end, room,
 * invigilator). Save sends the whole list; local checks (required fields, end after start) stop the send;
 * the API's 422 details land on the row they name; "saved" is the caller's, after a 2xx only.
 */
export function ScheduleEditor({
  assessment,
  sittings,
  onSaved,
  onClose,
}: {
  assessment: AssessmentView;
  sittings: ExamSittingView[];
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useExamsText();
  const lookups = useExamLookups();
  const staff = useInvigilatorOptions();
  const save = useReplaceSchedule();
  const nextKey = useRef(sittings.length);
  const [rows, setRows] = useState<Row[]>(() => sittings.map((s, i) => rowOf(i, s)));
  const [server, setServer] = useState<Record<number, string[]>>({});
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [fixFirst, setFixFirst] = useState(false);

  const className = (id: string) => lookups.classes.find((c) => c.id === id)?.name ?? id;
  const papers = assessment.papers.map((p) => ({
    value: p.id,
    classId: p.classId,
    label: `${className(p.classId)} · ${lookups.subjectName(p.subjectId)}`,
  }));
  // A sitting's paper may have left the assessment's list: keep it selectable under its id.
  const paperOptions = [
    ...papers.map(({ value, label }) => ({ value, label })),
    ...rows
      .filter((r) => r.paperId && !papers.some((p) => p.value === r.paperId))
      .map((r) => {
        const known = sittings.find((s) => s.paperId === r.paperId);
        return { value: r.paperId!, label: known ? `${known.className} · ${known.subject}` : r.paperId! };
      }),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  const classOf = (paperId: string | null) =>
    papers.find((p) => p.value === paperId)?.classId ?? sittings.find((s) => s.paperId === paperId)?.classId;
  const sectionOptions = (paperId: string | null) => {
    const classId = classOf(paperId);
    return [
      { value: WHOLE_CLASS, label: t('scheduleEdit.wholeClass') },
      ...lookups.sections.filter((s) => s.classId === classId).map((s) => ({ value: s.id, label: s.label })),
    ];
  };
  const invigilators = [
    ...staff.options,
    ...sittings
      .filter((s) => s.invigilatorUserId && !staff.options.some((o) => o.value === s.invigilatorUserId))
      .map((s) => ({ value: s.invigilatorUserId!, label: s.invigilatorName ?? s.invigilatorUserId! })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);

  const problemOf = (row: Row, field: Field): string | null => {
    switch (field) {
      case 'paperId':
        return row.paperId ? null : t('scheduleEdit.required');
      case 'sitsOn':
        return /^\d{4}-\d{2}-\d{2}$/.test(row.sitsOn) ? null : t('scheduleEdit.required');
      case 'startsAt':
        if (row.startsAt === '') return t('scheduleEdit.required');
        return HH_MM.test(row.startsAt) ? null : t('scheduleEdit.badTime');
      case 'endsAt':
        if (row.endsAt === '') return t('scheduleEdit.required');
        if (!HH_MM.test(row.endsAt)) return t('scheduleEdit.badTime');
        return HH_MM.test(row.startsAt) && row.endsAt <= row.startsAt
          ? t('scheduleEdit.endAfterStart')
          : null;
      case 'room':
        if (row.room.trim() === '') return t('scheduleEdit.required');
        return row.room.trim().length > ROOM_MAX ? t('scheduleEdit.tooLong', { max: ROOM_MAX }) : null;
      default:
        return null;
    }
  };
  const FIELDS: Field[] = ['paperId', 'sitsOn', 'startsAt', 'endsAt', 'room'];
  const invalid = rows.some((r) => FIELDS.some((f) => problemOf(r, f) !== null));
  // End before start is flagged as soon as both are typed; a missing field once Save was pressed.
  const shown = (row: Row, field: Field) => {
    const problem = problemOf(row, field);
    if (!problem) return null;
    if (fixFirst) return problem;
    return field === 'endsAt' && problem === t('scheduleEdit.endAfterStart') ? problem : null;
  };

  const edit = (key: number, patch: Partial<Row>) => {
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setFixFirst(false);
  };
  const add = () => {
    const key = nextKey.current++;
    setRows((current) => [
      ...current,
      {
        key,
        paperId: papers.length === 1 ? papers[0]!.value : null,
        sectionId: WHOLE_CLASS,
        sitsOn: current.at(-1)?.sitsOn ?? '',
        startsAt: '',
        endsAt: '',
        room: '',
        invigilatorUserId: null,
      },
    ]);
  };
  const remove = (key: number) => {
    setRows((current) => current.filter((r) => r.key !== key));
    // The API's row numbers no longer match the rows.
    setServer({});
  };

  const onSubmit = async () => {
    if (invalid) {
      setFixFirst(true);
      return;
    }
    const sent: SittingInput[] = rows.map((r) => ({
      paperId: r.paperId!,
      sectionId: r.sectionId === WHOLE_CLASS ? null : r.sectionId,
      sitsOn: r.sitsOn,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      room: r.room.trim(),
      invigilatorUserId: r.invigilatorUserId,
    }));
    setError(null);
    setServer({});
    setUnplaced([]);
    try {
      await save.mutateAsync({ assessmentId: assessment.id, sittings: sent });
      onSaved();
    } catch (caught) {
      setError(caught);
      const next: Record<number, string[]> = {};
      const rest: string[] = [];
      for (const [field, message] of Object.entries(detailsByField(caught))) {
        const index = sittingIndexOf(field);
        if (index === null || index >= rows.length) {
          rest.push(message);
          continue;
        }
        next[index] = [...(next[index] ?? []), message];
      }
      setServer(next);
      setUnplaced(rest);
    }
  };

  let body;
  if (lookups.isPending)
    body = (
      <Center py="md" role="status">
        <Loader size="sm" />
      </Center>
    );
  else if (lookups.error) body = <ApiErrorAlert error={lookups.error} />;
  else
    body = (
      <Stack gap="sm">
        {papers.length === 0 ? <Alert color="gray">{t('scheduleEdit.noPapers')}</Alert> : null}
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('scheduleEdit.noSittings')}
          </Text>
        ) : null}
        {rows.map((row, index) => {
          const n = index + 1;
          const named = (field: string) => t('scheduleEdit.fieldFor', { field, n });
          const rowErrors = server[index];
          return (
            <Paper
              key={row.key}
              withBorder
              p="xs"
              data-testid="schedule-edit-row"
              role="group"
              aria-label={t('scheduleEdit.row', { n })}
              style={rowErrors ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
            >
              <Group justify="space-between" wrap="nowrap" mb={4}>
                <Text size="sm" fw={500}>
                  {t('scheduleEdit.row', { n })}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('scheduleEdit.remove', { n })}
                  onClick={() => remove(row.key)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs" verticalSpacing="xs">
                <Select
                  label={t('scheduleEdit.paper')}
                  aria-label={named(t('scheduleEdit.paper'))}
                  data={paperOptions}
                  value={row.paperId}
                  searchable
                  allowDeselect={false}
                  error={shown(row, 'paperId')}
                  onChange={(value) => {
                    const keep = sectionOptions(value).some((o) => o.value === row.sectionId);
                    edit(row.key, { paperId: value, sectionId: keep ? row.sectionId : WHOLE_CLASS });
                  }}
                />
                <Select
                  label={t('scheduleEdit.section')}
                  aria-label={named(t('scheduleEdit.section'))}
                  data={sectionOptions(row.paperId)}
                  value={row.sectionId}
                  allowDeselect={false}
                  disabled={!row.paperId}
                  onChange={(value) => edit(row.key, { sectionId: value ?? WHOLE_CLASS })}
                />
                <TextInput
                  type="date"
                  label={t('scheduleEdit.date')}
                  aria-label={named(t('scheduleEdit.date'))}
                  value={row.sitsOn}
                  error={shown(row, 'sitsOn')}
                  onChange={(event) => edit(row.key, { sitsOn: event.currentTarget.value })}
                />
                <Select
                  label={t('scheduleEdit.invigilator')}
                  aria-label={named(t('scheduleEdit.invigilator'))}
                  data={invigilators}
                  value={row.invigilatorUserId}
                  placeholder={t('scheduleEdit.noInvigilator')}
                  searchable
                  clearable
                  onChange={(value) => edit(row.key, { invigilatorUserId: value })}
                />
                <TextInput
                  type="time"
                  label={t('scheduleEdit.start')}
                  aria-label={named(t('scheduleEdit.start'))}
                  value={row.startsAt}
                  error={shown(row, 'startsAt')}
                  onChange={(event) => edit(row.key, { startsAt: event.currentTarget.value })}
                />
                <TextInput
                  type="time"
                  label={t('scheduleEdit.end')}
                  aria-label={named(t('scheduleEdit.end'))}
                  value={row.endsAt}
                  error={shown(row, 'endsAt')}
                  onChange={(event) => edit(row.key, { endsAt: event.currentTarget.value })}
                />
                <TextInput
                  label={t('scheduleEdit.room')}
                  aria-label={named(t('scheduleEdit.room'))}
                  value={row.room}
                  maxLength={ROOM_MAX + 10}
                  autoComplete="off"
                  error={shown(row, 'room')}
                  onChange={(event) => edit(row.key, { room: event.currentTarget.value })}
                />
              </SimpleGrid>
              {rowErrors ? (
                <Stack gap={2} mt="xs" role="alert" data-testid="schedule-row-error">
                  {rowErrors.map((message) => (
                    <Text
                      key={message}
                      size="sm"
                      c="red"
                      style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}
                    >
                      {message}
                    </Text>
                  ))}
                </Stack>
              ) : null}
            </Paper>
          );
        })}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={add}
            disabled={papers.length === 0}
          >
            {t('scheduleEdit.add')}
          </Button>
        </Group>
      </Stack>
    );

  return (
    <FormModal
      title={t('scheduleEdit.title', { assessment: assessment.name })}
      size="xl"
      onClose={onClose}
      busy={save.isPending}
      error={error}
      submitLabel={t('scheduleEdit.save')}
      onSubmit={async (event) => {
        event.preventDefault();
        await onSubmit();
      }}
    >
      <UnplacedDetails messages={unplaced} />
      <Text size="sm" c="dimmed">
        {t('scheduleEdit.hint')}
      </Text>
      {staff.error ? <ApiErrorAlert error={staff.error} /> : null}
      {body}
      {fixFirst ? (
        <Text size="sm" c="red" role="alert">
          {t('scheduleEdit.fixFirst')}
        </Text>
      ) : null}
    </FormModal>
  );
}
