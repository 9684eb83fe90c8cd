import { Box, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ResponsiveList, type ResponsiveColumn } from '../../../app/components/responsive-list';
import { usePhoneLayout } from '../../../app/use-phone-layout';
import type {
  CoScholasticGridView,
  RemarksGridView,
  SaveCoScholasticRow,
  SaveRemarkRow,
} from '@shala/contracts';
import { useSaveCoScholastic, useSaveRemarks } from '../hooks/use-term-sheets';
import { useExamsText } from '../i18n';

type Grades = Record<string, Record<string, string>>;
type Remarks = Record<string, string>;
type Notice = 'saved' | 'nothing' | 'fixFirst' | 'gradesOnly' | 'remarksOnly' | 'notSaved';

interface Row {
  studentId: string;
  fullName: string;
  rollNo: number | null;
}

/** Where a server problem is shown: a grade cell, a student's remark, or the student's row. */
export const gradeKey = (studentId: string, areaId: string) => `${studentId}:grade:${areaId}`;
export const remarkKey = (studentId: string) => `${studentId}:remark`;
export const rowKey = (studentId: string) => `${studentId}:row`;

function gradesOf(view: CoScholasticGridView): Grades {
  return Object.fromEntries(
    view.rows.map((row) => [
      row.studentId,
      Object.fromEntries(view.areas.map((a) => [a.areaId, row.grades[a.areaId] ?? ''])),
    ]),
  );
}

const nullsAsEmpty = (grades: Record<string, string | null>): Record<string, string> =>
  Object.fromEntries(Object.entries(grades).map(([areaId, grade]) => [areaId, grade ?? '']));

/** The scale's grades, plus a stored grade the scale no longer has, so the select shows what is stored. */
const gradeOptions = (grades: string[], stored: string) =>
  stored && !grades.includes(stored) ? [...grades, stored] : grades;

function remarksOf(view: RemarksGridView): Remarks {
  return Object.fromEntries(view.rows.map((row) => [row.studentId, row.remark ?? '']));
}

/**
 * The API's 400 details as messages by where they belong. A detail names its student (or its row index
 * in what was sent) and its field: `rows.N.grades.<areaId>`, `rows.N.remark`, or the student as a whole.
 */
export function problemsAt(
  error: unknown,
  sent: readonly { studentId: string }[],
  kind: 'grades' | 'remarks',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const detail of toApiProblem(error).details) {
    const field = typeof detail.field === 'string' ? detail.field : '';
    const index = /^rows\.(\d+)\./.exec(field)?.[1];
    const studentId =
      typeof detail.studentId === 'string'
        ? detail.studentId
        : index !== undefined
          ? (sent[Number(index)]?.studentId ?? null)
          : null;
    if (!studentId) continue;
    const area = kind === 'grades' ? /^rows\.\d+\.grades\.(.+)$/.exec(field)?.[1] : undefined;
    const key = area
      ? gradeKey(studentId, area)
      : kind === 'remarks' && field.endsWith('.remark')
        ? remarkKey(studentId)
        : rowKey(studentId);
    out[key] = out[key] ? `${out[key]} ${detail.message}` : detail.message;
  }
  return out;
}

interface TermEntriesGridProps {
  grades: CoScholasticGridView;
  remarks: RemarksGridView;
  /** "Class 5 A", for the grid's name. */
  sectionName: string;
}

/**
 * One term's report card entries for one section: a row per student (a card on a phone) with a grade per
 * co-scholastic area and the class teacher's remark. Save sends only the sheet(s) that changed; the API's
 * 400 details land on the cell or remark they name, and "Saved" shows only after the API answered 2xx.
 * Every control is a native select or textarea in reading order; Ctrl+Enter saves from anywhere in the grid.
 */
export function TermEntriesGrid({
  grades: gradesView,
  remarks: remarksView,
  sectionName,
}: TermEntriesGridProps) {
  const t = useExamsText();
  const phone = usePhoneLayout();
  const [gradeBase, setGradeBase] = useState<Grades>(() => gradesOf(gradesView));
  const [grades, setGrades] = useState<Grades>(() => gradesOf(gradesView));
  const [remarkBase, setRemarkBase] = useState<Remarks>(() => remarksOf(remarksView));
  const [remarks, setRemarks] = useState<Remarks>(() => remarksOf(remarksView));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [failures, setFailures] = useState<unknown[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [changed, setChanged] = useState(0);
  const saveGrades = useSaveCoScholastic();
  const saveRemarks = useSaveRemarks();
  const busy = saveGrades.isPending || saveRemarks.isPending;

  const areas = gradesView.areas;
  const maxLength = remarksView.maxLength;
  const remarkRows = new Map(remarksView.rows.map((r) => [r.studentId, r]));
  const rows: Row[] = [
    ...gradesView.rows,
    ...remarksView.rows.filter((r) => !gradesView.rows.some((g) => g.studentId === r.studentId)),
  ];
  const hasRemark = (studentId: string) => remarkRows.has(studentId);
  const hasGrades = (studentId: string) => studentId in gradeBase;

  const dirtyGrades = (): SaveCoScholasticRow[] =>
    rows.flatMap((row) => {
      if (!hasGrades(row.studentId)) return [];
      const cells: SaveCoScholasticRow['grades'] = {};
      for (const area of areas) {
        const now = grades[row.studentId]?.[area.areaId] ?? '';
        if (now !== (gradeBase[row.studentId]?.[area.areaId] ?? '')) cells[area.areaId] = now || null;
      }
      return Object.keys(cells).length ? [{ studentId: row.studentId, grades: cells }] : [];
    });
  const dirtyRemarks = (): SaveRemarkRow[] =>
    rows.flatMap((row) => {
      if (!hasRemark(row.studentId)) return [];
      const now = (remarks[row.studentId] ?? '').trim();
      return now !== (remarkBase[row.studentId] ?? '').trim()
        ? [{ studentId: row.studentId, remark: now || null }]
        : [];
    });
  const tooLong = (studentId: string) => (remarks[studentId] ?? '').trim().length > maxLength;
  const unsavedGrades = dirtyGrades();
  const unsavedRemarks = dirtyRemarks();
  const unsavedCount =
    unsavedGrades.reduce((n, r) => n + Object.keys(r.grades).length, 0) + unsavedRemarks.length;
  const invalidCount = rows.filter((row) => tooLong(row.studentId)).length;

  const clearError = (...keys: string[]) =>
    setServerErrors((current) => {
      const next = { ...current };
      for (const key of keys) delete next[key];
      return next;
    });
  const editGrade = (studentId: string, areaId: string, value: string) => {
    setGrades((current) => ({ ...current, [studentId]: { ...current[studentId], [areaId]: value } }));
    clearError(gradeKey(studentId, areaId), rowKey(studentId));
    setNotice(null);
  };
  const editRemark = (studentId: string, value: string) => {
    setRemarks((current) => ({ ...current, [studentId]: value }));
    clearError(remarkKey(studentId), rowKey(studentId));
    setNotice(null);
  };

  const onSave = async () => {
    if (busy) return;
    if (invalidCount > 0) {
      setNotice('fixFirst');
      return;
    }
    const gradeBody = unsavedGrades;
    const remarkBody = unsavedRemarks;
    if (gradeBody.length === 0 && remarkBody.length === 0) {
      setNotice('nothing');
      return;
    }
    setNotice(null);
    const target = { termId: gradesView.termId, sectionId: gradesView.sectionId };
    const [gradeResult, remarkResult] = await Promise.allSettled([
      gradeBody.length ? saveGrades.mutateAsync({ ...target, body: { rows: gradeBody } }) : null,
      remarkBody.length ? saveRemarks.mutateAsync({ ...target, body: { rows: remarkBody } }) : null,
    ]);
    const errors: Record<string, string> = {};
    const failed: unknown[] = [];
    let total = 0;
    if (gradeResult.status === 'fulfilled') {
      // What was sent is now stored (edits made while saving stay unsaved).
      setGradeBase((base) => {
        const next = { ...base };
        for (const row of gradeBody)
          next[row.studentId] = { ...next[row.studentId], ...nullsAsEmpty(row.grades) };
        return next;
      });
      total += gradeResult.value?.changed ?? 0;
    } else {
      failed.push(gradeResult.reason);
      Object.assign(errors, problemsAt(gradeResult.reason, gradeBody, 'grades'));
    }
    if (remarkResult.status === 'fulfilled') {
      // What was sent is what is stored: remarks trimmed (unless edited again while saving).
      const sentTexts = { ...remarks };
      setRemarkBase((base) => ({
        ...base,
        ...Object.fromEntries(remarkBody.map((row) => [row.studentId, row.remark ?? ''])),
      }));
      setRemarks((current) => ({
        ...current,
        ...Object.fromEntries(
          remarkBody
            .filter((row) => current[row.studentId] === sentTexts[row.studentId])
            .map((row) => [row.studentId, row.remark ?? '']),
        ),
      }));
      total += remarkResult.value?.changed ?? 0;
    } else {
      failed.push(remarkResult.reason);
      Object.assign(errors, problemsAt(remarkResult.reason, remarkBody, 'remarks'));
    }
    setServerErrors(errors);
    setFailures(failed);
    setChanged(total);
    const gradesOk = gradeResult.status === 'fulfilled';
    const remarksOk = remarkResult.status === 'fulfilled';
    if (gradesOk && remarksOk) setNotice('saved');
    else if (gradesOk && gradeBody.length) setNotice('gradesOnly');
    else if (remarksOk && remarkBody.length) setNotice('remarksOnly');
    else setNotice('notSaved');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void onSave();
    }
  };

  const gradeSelect = (row: Row, area: (typeof areas)[number], withLabel: boolean) => {
    const key = gradeKey(row.studentId, area.areaId);
    const saved = gradeBase[row.studentId]?.[area.areaId] ?? '';
    return (
      <NativeSelect
        key={area.areaId}
        label={withLabel ? area.name : undefined}
        aria-label={t('termEntries.gradeLabel', { area: area.name, student: row.fullName })}
        data={[{ value: '', label: t('termEntries.notGraded') }, ...gradeOptions(area.grades, saved)]}
        value={grades[row.studentId]?.[area.areaId] ?? ''}
        onChange={(event) => editGrade(row.studentId, area.areaId, event.currentTarget.value)}
        error={serverErrors[key]}
        disabled={!hasGrades(row.studentId)}
        size="sm"
        miw={84}
        data-cell={key}
        styles={{ error: { fontSize: 11, lineHeight: 1.2 } }}
      />
    );
  };
  const remarkInput = (row: Row, withLabel: boolean) => {
    const text = remarks[row.studentId] ?? '';
    const length = text.trim().length;
    const over = length > maxLength;
    return (
      <Textarea
        label={withLabel ? t('termEntries.remark') : undefined}
        aria-label={t('termEntries.remarkLabel', { student: row.fullName })}
        value={text}
        onChange={(event) => editRemark(row.studentId, event.currentTarget.value)}
        description={
          <Text span size="xs" c={over ? 'red' : 'dimmed'}>
            {t('termEntries.counter', { count: length, max: maxLength })}
          </Text>
        }
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        error={
          serverErrors[remarkKey(row.studentId)] ??
          (over ? t('termEntries.tooLong', { max: maxLength }) : null)
        }
        disabled={!hasRemark(row.studentId)}
        autosize
        minRows={1}
        maxRows={5}
        size="sm"
        miw={200}
        data-cell={remarkKey(row.studentId)}
      />
    );
  };
  const rowError = (row: Row) =>
    serverErrors[rowKey(row.studentId)] ? (
      <Text size="xs" c="red" role="alert" data-cell={rowKey(row.studentId)}>
        {serverErrors[rowKey(row.studentId)]}
      </Text>
    ) : null;

  const columns: ResponsiveColumn<Row>[] = [
    { key: 'roll', header: t('termEntries.roll'), width: 44, cell: (row) => row.rollNo ?? '–' },
    {
      key: 'student',
      header: t('termEntries.student'),
      cell: (row) => (
        <Stack gap={2}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {row.fullName}
          </Text>
          {rowError(row)}
        </Stack>
      ),
    },
    ...areas.map((area) => ({
      key: `area:${area.areaId}`,
      header: area.name,
      width: 110,
      cell: (row: Row) => gradeSelect(row, area, false),
    })),
    { key: 'remark', header: t('termEntries.remark'), cell: (row) => remarkInput(row, false) },
  ];

  return (
    <Stack gap="sm" onKeyDown={onKeyDown}>
      <Text size="sm" c="dimmed">
        {t('termEntries.hint')}
      </Text>
      <ResponsiveList
        label={t('termEntries.label', { section: sectionName })}
        rows={rows}
        rowKey={(row) => row.studentId}
        columns={columns}
        minWidth={phone ? undefined : 360 + areas.length * 110}
        tableProps={{ verticalSpacing: 4, horizontalSpacing: 'xs' }}
        rowProps={() => ({ 'data-testid': 'term-entries-row' })}
        card={(row) => (
          <Stack gap="xs">
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {row.rollNo ?? '–'}
              </Text>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {row.fullName}
              </Text>
            </Group>
            {rowError(row)}
            {areas.length ? (
              <SimpleGrid cols={2} spacing="xs">
                {areas.map((area) => gradeSelect(row, area, true))}
              </SimpleGrid>
            ) : null}
            {remarkInput(row, true)}
          </Stack>
        )}
      />
      <Paper
        withBorder
        shadow="sm"
        p="sm"
        style={{ position: 'sticky', bottom: 0, zIndex: 5 }}
        data-testid="term-entries-save-bar"
      >
        <Stack gap="xs">
          {failures.map((failure, i) => (
            <ApiErrorAlert key={i} error={failure} />
          ))}
          <Box role="status" aria-live="polite">
            {notice === 'saved' ? (
              <Group gap={6} c="green">
                <IconCircleCheck size={18} aria-hidden />
                <Text size="sm">{t('termEntries.saved', { changed })}</Text>
              </Group>
            ) : notice === 'nothing' ? (
              <Text size="sm" c="dimmed">
                {t('termEntries.nothingToSave')}
              </Text>
            ) : notice === 'fixFirst' ||
              notice === 'gradesOnly' ||
              notice === 'remarksOnly' ||
              notice === 'notSaved' ? (
              <Text size="sm" c="red">
                {t(`termEntries.${notice}`)}
              </Text>
            ) : unsavedCount > 0 ? (
              <Text size="sm" c="dimmed">
                {t('termEntries.unsaved', { count: unsavedCount })}
              </Text>
            ) : null}
          </Box>
          <Group gap="sm" justify="flex-end">
            <Button onClick={() => void onSave()} loading={busy}>
              {t('termEntries.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
