import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconCircleCheck, IconLock } from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { FormModal } from '../../../app/components/form-modal';
import { toApiProblem } from '../../../app/api/errors';
import { formatDateTime } from '../../../app/format';
import type { MarksGridView, SaveMarksRequest, SaveMarksRow } from '@shala/contracts';
import { useSaveMarks, useSubmitMarks } from '../hooks/use-exams';
import { useExamsText } from '../i18n';
import { cellPayload, cellProblem, cellText } from './mark-cell';

type Texts = Record<string, Record<string, string>>;
const cellKey = (studentId: string, code: string) => `${studentId}:${code}`;

function textsOf(grid: MarksGridView): Texts {
  return Object.fromEntries(
    grid.rows.map((row) => [
      row.studentId,
      Object.fromEntries(grid.columns.map((c) => [c.code, cellText(row.cells[c.code])])),
    ]),
  );
}

interface MarksGridProps {
  grid: MarksGridView;
  /** Names for the confirmation ("Mathematics", "Class 5 A"). */
  subjectName: string;
  sectionName: string;
  /** exams.moderate: a submitted sheet stays editable, each save asking for a reason. */
  canModerate: boolean;
}

/**
 * One paper's marks for one section: a row per student, an input per column. Cells are checked as typed
 * (the API's rule), so nothing invalid is sent; the API's 400 details land on the cell they name. Enter and
 * Tab move down the column, Shift+Tab up. "Saved" shows only after the API answered 200.
 */
export function MarksGrid({ grid, subjectName, sectionName, canModerate }: MarksGridProps) {
  const t = useExamsText();
  const [baseline, setBaseline] = useState<Texts>(() => textsOf(grid));
  const [texts, setTexts] = useState<Texts>(() => textsOf(grid));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [showInvalid, setShowInvalid] = useState(false);
  const [notice, setNotice] = useState<'saved' | 'submitted' | 'fixFirst' | null>(null);
  const [changed, setChanged] = useState(0);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const save = useSaveMarks();
  const submit = useSubmitMarks();

  const submitted = grid.status === 'submitted';
  const readOnly = submitted && !canModerate;
  const columns = grid.columns;
  const rows = grid.rows;

  const problemOf = (studentId: string, code: string) => {
    const column = columns.find((c) => c.code === code);
    const problem = cellProblem(texts[studentId]?.[code] ?? '', column?.maxMarks ?? 0);
    if (!problem) return null;
    return problem.kind === 'tooHigh' ? t('cell.tooHigh', { max: problem.max }) : t('cell.invalid');
  };
  const dirtyRows = (): SaveMarksRow[] =>
    rows.flatMap((row) => {
      const cells: SaveMarksRow['cells'] = {};
      for (const column of columns) {
        const now = texts[row.studentId]?.[column.code] ?? '';
        if (now.trim() !== (baseline[row.studentId]?.[column.code] ?? '').trim())
          cells[column.code] = cellPayload(now);
      }
      return Object.keys(cells).length ? [{ studentId: row.studentId, cells }] : [];
    });
  const invalidCount = rows.reduce(
    (n, row) => n + columns.filter((c) => problemOf(row.studentId, c.code) !== null).length,
    0,
  );
  const unsaved = dirtyRows();

  const edit = (studentId: string, code: string, value: string) => {
    setTexts((current) => ({ ...current, [studentId]: { ...current[studentId], [code]: value } }));
    setServerErrors(({ [cellKey(studentId, code)]: _gone, ...rest }) => rest);
    setNotice(null);
  };

  const focusCell = (rowIndex: number, colIndex: number) => {
    const input = inputs.current.get(`${rowIndex}:${colIndex}`);
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, rowIndex: number, colIndex: number) => {
    if (event.key !== 'Enter' && event.key !== 'Tab') return;
    const back = event.key === 'Tab' && event.shiftKey;
    let moved: boolean;
    if (back) moved = focusCell(rowIndex - 1, colIndex) || focusCell(rows.length - 1, colIndex - 1);
    else moved = focusCell(rowIndex + 1, colIndex) || focusCell(0, colIndex + 1);
    // At the grid's ends Tab leaves it as usual (to the save bar); Enter stays put.
    if (moved || event.key === 'Enter') event.preventDefault();
  };

  /** The API's 400/422 details onto their cells: `{ studentId, column }`, or a student's empty cells. */
  const showServerErrors = (error: unknown) => {
    const next: Record<string, string> = {};
    for (const detail of toApiProblem(error).details) {
      const studentId = typeof detail.studentId === 'string' ? detail.studentId : null;
      if (!studentId) continue;
      if (typeof detail.column === 'string') next[cellKey(studentId, detail.column)] = detail.message;
      else
        for (const column of columns)
          if ((texts[studentId]?.[column.code] ?? '').trim() === '')
            next[cellKey(studentId, column.code)] = detail.message;
    }
    setServerErrors(next);
  };

  const send = async (withReason?: string): Promise<boolean> => {
    setShowInvalid(true);
    if (invalidCount > 0) {
      setNotice('fixFirst');
      return false;
    }
    const body: SaveMarksRequest = { rows: unsaved };
    if (withReason) body.reason = withReason;
    try {
      const result = await save.mutateAsync({ paperId: grid.paperId, sectionId: grid.sectionId, body });
      // What was sent is what is stored: codes upper-cased, spaces trimmed.
      const stored: Texts = Object.fromEntries(
        Object.entries(texts).map(([studentId, cells]) => [
          studentId,
          Object.fromEntries(Object.entries(cells).map(([code, text]) => [code, cellPayload(text) ?? ''])),
        ]),
      );
      setTexts(stored);
      setBaseline(stored);
      setServerErrors({});
      setChanged(result.changed);
      setNotice('saved');
      return true;
    } catch (error) {
      showServerErrors(error);
      return false;
    }
  };

  const onSave = () => {
    if (submitted) {
      if (invalidCount > 0) {
        setShowInvalid(true);
        setNotice('fixFirst');
        return;
      }
      setAskReason(true);
      return;
    }
    void send();
  };

  const onSubmit = async () => {
    if (unsaved.length > 0 && !(await send())) {
      setConfirmSubmit(false);
      return;
    }
    try {
      await submit.mutateAsync({ paperId: grid.paperId, sectionId: grid.sectionId });
      setConfirmSubmit(false);
      setNotice('submitted');
    } catch (error) {
      setConfirmSubmit(false);
      showServerErrors(error);
    }
  };

  const when = grid.submittedAt ? formatDateTime(grid.submittedAt) : '';
  const error = save.error ?? submit.error;

  return (
    <Stack gap="sm">
      {submitted ? (
        <Alert color={readOnly ? 'gray' : 'yellow'} icon={<IconLock size={18} aria-hidden />}>
          {readOnly ? t('marks.locked', { when }) : t('marks.moderate', { when })}
        </Alert>
      ) : (
        <Group gap="sm" justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="sm" c="dimmed">
            {t('marks.hint')}
          </Text>
          <Badge color="gray" variant="light" style={{ flexShrink: 0 }}>
            {t('marks.statusDraft')}
          </Badge>
        </Group>
      )}
      <Table.ScrollContainer minWidth={120 + columns.length * 96} maw={280 + columns.length * 110}>
        <Table
          aria-label={`${subjectName} · ${sectionName}`}
          verticalSpacing={4}
          horizontalSpacing="xs"
          data-testid="marks-grid"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44}>{t('marks.roll')}</Table.Th>
              <Table.Th>{t('marks.student')}</Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.code} w={96}>
                  {columnName(t, column.code)}
                  <Text span size="xs" c="dimmed" display="block">
                    {t('marks.maxOf', { max: column.maxMarks })}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, rowIndex) => (
              <Table.Tr key={row.studentId} data-testid="marks-row">
                <Table.Td>{row.rollNo ?? '–'}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {row.fullName}
                  </Text>
                </Table.Td>
                {columns.map((column, colIndex) => {
                  const key = cellKey(row.studentId, column.code);
                  const typed = texts[row.studentId]?.[column.code] ?? '';
                  const local = problemOf(row.studentId, column.code);
                  // A cell's own problem shows once the user leaves it (or tries to save).
                  const cellError =
                    serverErrors[key] ?? (local && (showInvalid || typed !== '') ? local : null);
                  return (
                    <Table.Td key={column.code} style={{ verticalAlign: 'top' }}>
                      <TextInput
                        ref={(node) => {
                          if (node) inputs.current.set(`${rowIndex}:${colIndex}`, node);
                          else inputs.current.delete(`${rowIndex}:${colIndex}`);
                        }}
                        aria-label={t('cell.label', {
                          column: columnName(t, column.code),
                          student: row.fullName,
                        })}
                        value={typed}
                        readOnly={readOnly}
                        autoComplete="off"
                        enterKeyHint="next"
                        size="sm"
                        w={84}
                        error={cellError}
                        data-cell={key}
                        onChange={(event) => edit(row.studentId, column.code, event.currentTarget.value)}
                        onKeyDown={(event) => onKeyDown(event, rowIndex, colIndex)}
                        styles={{ error: { fontSize: 11, lineHeight: 1.2, maxWidth: 84 } }}
                      />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {readOnly ? null : (
        <Paper
          withBorder
          shadow="sm"
          p="sm"
          style={{ position: 'sticky', bottom: 0, zIndex: 5 }}
          data-testid="marks-save-bar"
        >
          <Stack gap="xs">
            {error ? <ApiErrorAlert error={error} /> : null}
            <Box role="status" aria-live="polite">
              {notice === 'saved' ? (
                <Group gap={6} c="green">
                  <IconCircleCheck size={18} aria-hidden />
                  <Text size="sm">{t('marks.saved', { changed })}</Text>
                </Group>
              ) : notice === 'submitted' ? (
                <Text size="sm" c="green">
                  {t('marks.submitted')}
                </Text>
              ) : notice === 'fixFirst' ? (
                <Text size="sm" c="red">
                  {t('marks.fixFirst')}
                </Text>
              ) : invalidCount > 0 ? (
                <Text size="sm" c="red">
                  {t('marks.invalidCount', { count: invalidCount })}
                </Text>
              ) : unsaved.length > 0 ? (
                <Text size="sm" c="dimmed">
                  {t('marks.unsaved', {
                    count: unsaved.reduce((n, r) => n + Object.keys(r.cells).length, 0),
                  })}
                </Text>
              ) : null}
            </Box>
            <Group gap="sm" justify="flex-end">
              <Button onClick={onSave} loading={save.isPending} disabled={submit.isPending}>
                {t('marks.save')}
              </Button>
              {submitted ? null : (
                <Button variant="light" onClick={() => setConfirmSubmit(true)} disabled={save.isPending}>
                  {t('marks.submit')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}
      <ConfirmModal
        opened={confirmSubmit}
        title={t('marks.submitTitle')}
        confirmLabel={t('marks.submit')}
        color="blue"
        loading={save.isPending || submit.isPending}
        onConfirm={() => void onSubmit()}
        onClose={() => setConfirmSubmit(false)}
      >
        {t('marks.submitBody', { subject: subjectName, section: sectionName })}
      </ConfirmModal>
      <FormModal
        opened={askReason}
        onClose={() => setAskReason(false)}
        title={t('marks.reasonTitle')}
        submitLabel={t('marks.save')}
        busy={save.isPending}
        onSubmit={async (event) => {
          event.preventDefault();
          if (!reason.trim()) {
            setReasonError(t('marks.reasonRequired'));
            return;
          }
          setReasonError(null);
          if (await send(reason.trim())) {
            setAskReason(false);
            setReason('');
          } else setAskReason(false);
        }}
      >
        <Textarea
          label={t('marks.reason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={reasonError}
          required
          autosize
          minRows={2}
          data-autofocus
        />
      </FormModal>
    </Stack>
  );
}

function columnName(t: ReturnType<typeof useExamsText>, code: string): string {
  return code === 'total' || code === 'theory' || code === 'practical' || code === 'internal'
    ? t(`column.${code}`)
    : code;
}
