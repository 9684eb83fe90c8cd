import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { FormModal } from '../../../app/components/form-modal';
import { useExamsText } from '../i18n';
import { decimal } from './pickers';
import { UnplacedDetails, detailsByField, parseDecimal, pick, sumOf } from './structure-fields';

export interface ListColumn {
  key: string;
  label: string;
  type: 'text' | 'date' | 'weight';
}

export interface ListRow {
  /** Stable React key (the id, or a fresh one for a new row). */
  key: string;
  id?: string;
  values: Record<string, string>;
}

interface WeightedListEditorProps {
  title: string;
  /** The list's name in the API's error fields ('terms' -> terms.1.name). */
  list: string;
  columns: ListColumn[];
  /** The column holding the share of 100 %. */
  weightKey: string;
  initial: ListRow[];
  blank: () => Record<string, string>;
  addLabel: string;
  /** Extra checks of one row (beyond required fields and weights): column key -> message. */
  check?: (values: Record<string, string>) => Record<string, string>;
  busy: boolean;
  /** Sends the whole list; throws the request's error, resolves once the API answered 2xx. */
  save: (rows: ListRow[]) => Promise<unknown>;
  onSaved: () => void;
  onClose: () => void;
}

let nextKey = 0;
export const newRowKey = () => `new-${++nextKey}`;

/**
 * A list set whole (terms of a year, assessments of a term): a card of fields per row, stacked on a phone,
 * the running total of the weights beside Save. Rows are checked before anything is sent; the API's 422
 * details land on the field they name (terms.1.yearWeightage), the list's own (the sum) beside the total.
 */
export function WeightedListEditor(props: WeightedListEditorProps) {
  const { title, list, columns, weightKey, initial, blank, addLabel, check, busy, save, onSaved, onClose } =
    props;
  const t = useExamsText();
  const [rows, setRows] = useState<ListRow[]>(() =>
    initial.length ? initial : [{ key: newRowKey(), values: blank() }],
  );
  const [server, setServer] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [showInvalid, setShowInvalid] = useState(false);
  const [fixFirst, setFixFirst] = useState(false);

  const localProblem = (values: Record<string, string>, column: ListColumn): string | null => {
    const text = values[column.key] ?? '';
    if (text.trim() === '') return t('structureEdit.required');
    if (column.type === 'weight') {
      const n = parseDecimal(text);
      if (n === null || n > 100) return t('structureEdit.percent');
    }
    return check?.(values)[column.key] ?? null;
  };
  const invalid = rows.some((row) => columns.some((c) => localProblem(row.values, c) !== null));
  const total = sumOf(rows.map((r) => r.values[weightKey] ?? ''));

  const edit = (index: number, key: string, value: string) => {
    setRows((current) =>
      current.map((row, i) => (i === index ? { ...row, values: { ...row.values, [key]: value } } : row)),
    );
    setServer(({ [`${list}.${index}.${key}`]: _gone, ...rest }) => rest);
    setFixFirst(false);
  };
  const remove = (index: number) => {
    setRows((current) => current.filter((_, i) => i !== index));
    // Indexes move: the server's per-row details no longer point at the right rows.
    setServer({});
  };

  const onSubmit = async () => {
    setShowInvalid(true);
    if (invalid) {
      setFixFirst(true);
      return;
    }
    setError(null);
    try {
      await save(rows);
      setServer({});
      onSaved();
    } catch (caught) {
      setError(caught);
      setServer(detailsByField(caught));
    }
  };

  const listMessage = [server[list], server[`${list}.${weightKey}`]].filter(Boolean).join('; ') || null;
  const placed = (field: string) =>
    field === list ||
    field === `${list}.${weightKey}` ||
    rows.some((_, i) => columns.some((c) => field === `${list}.${i}.${c.key}`));
  const unplaced = Object.entries(server)
    .filter(([field]) => !placed(field))
    .map(([, message]) => message);

  return (
    <FormModal
      title={title}
      size="xl"
      onClose={onClose}
      busy={busy}
      error={error}
      submitLabel={t('structureEdit.save')}
      onSubmit={async (event) => {
        event.preventDefault();
        await onSubmit();
      }}
    >
      <UnplacedDetails messages={unplaced} />
      <Stack gap="sm">
        {rows.map((row, index) => {
          const rowName = t('structureEdit.rowN', { n: index + 1 });
          return (
            <Paper key={row.key} withBorder p="sm" data-testid={`${list}-row`}>
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: columns.length }} spacing="xs" style={{ flex: 1 }}>
                  {columns.map((column) => {
                    const text = row.values[column.key] ?? '';
                    const local = localProblem(row.values, column);
                    return (
                      <TextInput
                        key={column.key}
                        label={column.label}
                        aria-label={t('structureEdit.fieldFor', { field: column.label, row: rowName })}
                        type={column.type === 'date' ? 'date' : 'text'}
                        inputMode={column.type === 'weight' ? 'decimal' : undefined}
                        value={text}
                        autoComplete="off"
                        error={pick(server, `${list}.${index}.${column.key}`, local, showInvalid)}
                        onChange={(event) => edit(index, column.key, event.currentTarget.value)}
                      />
                    );
                  })}
                </SimpleGrid>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  aria-label={t('structureEdit.remove', { name: row.values.name || rowName })}
                  disabled={rows.length <= 1}
                  onClick={() => remove(index)}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            </Paper>
          );
        })}
      </Stack>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setRows((current) => [...current, { key: newRowKey(), values: blank() }])}
        >
          {addLabel}
        </Button>
        <Stack gap={2} align="flex-end">
          <Text
            size="sm"
            fw={500}
            c={total === 100 && !listMessage ? undefined : 'red'}
            data-testid={`${list}-total`}
            role="status"
          >
            {total === 100
              ? t('structureEdit.total', { total: decimal(total) })
              : t('structureEdit.totalOff', { total: decimal(total) })}
          </Text>
          {listMessage ? (
            <Text size="sm" c="red" data-testid={`${list}-total-error`}>
              {listMessage}
            </Text>
          ) : null}
        </Stack>
      </Group>
      {fixFirst ? (
        <Text size="sm" c="red" role="alert">
          {t('structureEdit.fixFirst')}
        </Text>
      ) : null}
    </FormModal>
  );
}
