import { NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import type { BellDay, TimetableCell, TimetableSettings } from '@shala/contracts';
import { useState } from 'react';
import { toApiProblem } from '../../../app/api/errors';
import { useClearCell, useSaveCell } from '../api/timetable.api';
import { useTimetableText } from '../i18n';

export const DAY_KEYS = [
  'days.sun',
  'days.mon',
  'days.tue',
  'days.wed',
  'days.thu',
  'days.fri',
  'days.sat',
] as const;

/**
 * A day column's width in the editor. A cell's select shows the subject and the lines under it the
 * teacher and the room, each wrapping: nothing is clipped, however long a teacher's name.
 */
const EDIT_DAY_WIDTH = 170;
/** A day column's width in the read-only week. */
const READ_DAY_WIDTH = 130;

/** Long names wrap inside their cell instead of running out of it. */
const WRAP = { overflowWrap: 'anywhere' } as const;

/** Monday first, Sunday last, as school weeks are read. */
export const weekOrder = (days: BellDay[]) =>
  [...days].sort((a, b) => ((a.weekday + 6) % 7) - ((b.weekday + 6) % 7));

export interface LessonOption {
  subjectId: string;
  teacherUserId: string;
  subjectName: string;
  teacherName: string;
}

/**
 * What a lesson's option reads: the subject alone (its teacher shows on the line under the select), or
 * "Subject — Teacher" where the section has that subject with more than one teacher.
 */
export function lessonLabels(options: LessonOption[]): Map<string, string> {
  const teachersOf = new Map<string, number>();
  for (const o of options) teachersOf.set(o.subjectId, (teachersOf.get(o.subjectId) ?? 0) + 1);
  return new Map(
    options.map((o) => [
      optionValue(o),
      (teachersOf.get(o.subjectId) ?? 0) > 1 ? `${o.subjectName} — ${o.teacherName}` : o.subjectName,
    ]),
  );
}

/**
 * A week as a table: a row per period, a column per weekday taught (periods a day lacks are blank). Read
 * only, or, for an admin editing a section, a select per cell (subject and teacher from the section's
 * assignments) and a room field; a refused change shows the API's reason on the cell.
 */
export function TimetableGrid({
  settings,
  cells,
  show,
  edit,
}: {
  settings: TimetableSettings;
  cells: TimetableCell[];
  show: 'section' | 'teacher';
  edit?: { sectionId: string; options: LessonOption[] };
}) {
  const t = useTimetableText();
  const days = weekOrder(settings.days);
  const periods = Math.max(0, ...days.flatMap((d) => d.slots.map((s) => s.period ?? 0)));
  const at = (weekday: number, period: number) =>
    cells.find((c) => c.weekday === weekday && c.period === period) ?? null;
  const first = days[0];
  // Narrow screens scroll the grid sideways inside its container rather than squeeze the columns.
  const dayWidth = edit ? EDIT_DAY_WIDTH : READ_DAY_WIDTH;
  return (
    <Table.ScrollContainer minWidth={Math.max(720, 110 + days.length * dayWidth)}>
      <Table withTableBorder withColumnBorders striped data-testid="timetable-grid">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('lesson')}</Table.Th>
            {days.map((d) => (
              <Table.Th key={d.weekday} scope="col">
                {t(DAY_KEYS[d.weekday]!)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Array.from({ length: periods }, (_, i) => i + 1).map((period) => {
            const slot = first?.slots.find((s) => s.period === period);
            return (
              <Table.Tr key={period}>
                <Table.Th scope="row">
                  <Text size="sm" fw={600}>
                    {t('period', { period })}
                  </Text>
                  {slot ? (
                    <Text size="xs" c="dimmed">
                      {slot.start}–{slot.end}
                    </Text>
                  ) : null}
                </Table.Th>
                {days.map((d) => {
                  const taught = d.slots.some((s) => s.period === period);
                  const cell = at(d.weekday, period);
                  return (
                    <Table.Td key={d.weekday} miw={dayWidth}>
                      {!taught ? null : edit ? (
                        <EditableCell
                          key={`${cell?.id ?? 'free'}`}
                          sectionId={edit.sectionId}
                          weekday={d.weekday}
                          period={period}
                          cell={cell}
                          options={edit.options}
                          label={t('cellLabel', { day: t(DAY_KEYS[d.weekday]!), period })}
                        />
                      ) : (
                        <ReadCell cell={cell} show={show} />
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReadCell({ cell, show }: { cell: TimetableCell | null; show: 'section' | 'teacher' }) {
  const t = useTimetableText();
  if (!cell)
    return (
      <Text size="sm" c="dimmed">
        {t('free')}
      </Text>
    );
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} style={WRAP}>
        {cell.subjectName}
      </Text>
      <Text size="xs" style={WRAP}>
        {show === 'section' ? cell.teacherName : cell.sectionName}
      </Text>
      {cell.room ? (
        <Text size="xs" c="dimmed" style={WRAP}>
          {cell.room}
        </Text>
      ) : null}
    </Stack>
  );
}

const optionValue = (o: { subjectId: string; teacherUserId: string }) => `${o.subjectId}|${o.teacherUserId}`;

function EditableCell({
  sectionId,
  weekday,
  period,
  cell,
  options,
  label,
}: {
  sectionId: string;
  weekday: number;
  period: number;
  cell: TimetableCell | null;
  options: LessonOption[];
  label: string;
}) {
  const t = useTimetableText();
  const save = useSaveCell();
  const clear = useClearCell();
  const [room, setRoom] = useState(cell?.room ?? '');
  const [error, setError] = useState<string | null>(null);
  const current = cell ? optionValue(cell) : '';
  const fail = (e: unknown) => {
    const problem = toApiProblem(e);
    setError(problem.details.map((d) => d.message).join(' ') || problem.message || String(problem.status));
  };
  const write = (value: string, newRoom: string) => {
    setError(null);
    if (!value) {
      clear.mutate({ sectionId, weekday, period }, { onError: fail });
      return;
    }
    const [subjectId, teacherUserId] = value.split('|') as [string, string];
    save.mutate(
      { sectionId, weekday, period, subjectId, teacherUserId, room: newRoom.trim() || null },
      { onError: fail },
    );
  };
  const labels = lessonLabels(options);
  return (
    <Stack gap={4}>
      <NativeSelect
        aria-label={label}
        size="xs"
        value={current}
        data={[
          { value: '', label: t('clear') },
          ...options.map((o) => ({ value: optionValue(o), label: labels.get(optionValue(o))! })),
        ]}
        onChange={(e) => write(e.currentTarget.value, room)}
        // The teacher on a line of their own under the subject, wrapping: never cut off.
        description={cell ? cell.teacherName : undefined}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        styles={{ description: WRAP, error: WRAP }}
        error={error ?? undefined}
        disabled={save.isPending || clear.isPending}
      />
      {cell ? (
        <TextInput
          size="xs"
          aria-label={`${label}: ${t('room')}`}
          placeholder={t('room')}
          value={room}
          maxLength={40}
          onChange={(e) => setRoom(e.currentTarget.value)}
          onBlur={() => {
            if ((cell.room ?? '') !== room.trim()) write(current, room);
          }}
        />
      ) : null}
    </Stack>
  );
}
