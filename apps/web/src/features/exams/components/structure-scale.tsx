import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { GradingScaleView } from '@shala/contracts';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { FormModal } from '../../../app/components/form-modal';
import { useReplaceScale } from '../hooks/use-structure';
import { useExamsText } from '../i18n';
import { UnplacedDetails, detailsByField, numberText, parseDecimal, pick } from './structure-fields';
import { newRowKey } from './structure-list-editor';

type BandField = 'grade' | 'minPercent' | 'maxPercent' | 'gradePoint' | 'description';
const FIELDS: readonly BandField[] = ['grade', 'minPercent', 'maxPercent', 'gradePoint', 'description'];
interface BandRow {
  key: string;
  values: Record<BandField, string>;
}

/**
 * The bands a scale-wide message of the API names ("band A1: ...", "bands B1 and A2 overlap", "gap between
 * bands C1 and B2"), so it shows beside them rather than only at the top.
 */
export function bandsNamed(message: string, grades: string[]): string[] {
  const match = /\bbands? (\S+?)(?: and (\S+?))?(?=[:\s(]|$)/.exec(message);
  if (!match) return [];
  return [match[1], match[2]].filter((g): g is string => Boolean(g) && grades.includes(g as string));
}

/** A grading scale's bands: grade, min/max %, grade point, description; Save replaces them all. */
export function ScaleEditor({
  scale,
  onSaved,
  onClose,
}: {
  scale: GradingScaleView;
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useExamsText();
  const replace = useReplaceScale();
  const [rows, setRows] = useState<BandRow[]>(() =>
    scale.bands.map((band) => ({
      key: newRowKey(),
      values: {
        grade: band.grade,
        minPercent: numberText(band.minPercent),
        maxPercent: numberText(band.maxPercent),
        gradePoint: numberText(band.gradePoint),
        description: band.description ?? '',
      },
    })),
  );
  const [server, setServer] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [showInvalid, setShowInvalid] = useState(false);
  const [fixFirst, setFixFirst] = useState(false);

  const label = (field: BandField) => t(`structureEdit.${field}`);
  const localProblem = (values: Record<BandField, string>, field: BandField): string | null => {
    const text = values[field].trim();
    if (field === 'grade') return text === '' ? t('structureEdit.required') : null;
    if (field === 'description') return null;
    if (text === '') return field === 'gradePoint' ? null : t('structureEdit.required');
    const n = parseDecimal(text);
    if (n === null || n > 100) return t('structureEdit.percent');
    if (field === 'maxPercent') {
      const min = parseDecimal(values.minPercent);
      if (min !== null && min > n) return t('structureEdit.minAboveMax');
    }
    return null;
  };
  const invalid = rows.some((row) => FIELDS.some((f) => localProblem(row.values, f) !== null));

  const edit = (index: number, field: BandField, value: string) => {
    setRows((current) =>
      current.map((row, i) => (i === index ? { ...row, values: { ...row.values, [field]: value } } : row)),
    );
    setServer(({ [`bands.${index}.${field}`]: _gone, ...rest }) => rest);
    setFixFirst(false);
  };

  const onSubmit = async () => {
    setShowInvalid(true);
    if (invalid) {
      setFixFirst(true);
      return;
    }
    setError(null);
    try {
      await replace.mutateAsync({
        scaleId: scale.id,
        scale: {
          name: scale.name,
          kind: scale.kind,
          bands: rows.map((row) => ({
            grade: row.values.grade.trim(),
            minPercent: parseDecimal(row.values.minPercent) ?? 0,
            maxPercent: parseDecimal(row.values.maxPercent) ?? 0,
            gradePoint: row.values.gradePoint.trim() === '' ? null : parseDecimal(row.values.gradePoint),
            description: row.values.description.trim() || null,
          })),
        },
      });
      setServer({});
      onSaved();
    } catch (caught) {
      setError(caught);
      // The API names grade points in hundredths (bands.2.gradePointCenti): put them on the field.
      const found = Object.fromEntries(
        Object.entries(detailsByField(caught)).map(([field, message]) => [
          field.replace(/\.gradePointCenti$/, '.gradePoint').replace(/\.minCenti$/, '.minPercent'),
          message,
        ]),
      );
      setServer(found);
    }
  };

  const grades = rows.map((r) => r.values.grade.trim());
  const scaleWide = server.bands ? server.bands.split('; ') : [];
  /** Scale-wide messages beside the bands they name; the rest above the list. */
  const besideBand = (grade: string) => scaleWide.filter((m) => bandsNamed(m, grades).includes(grade));
  const placed = (field: string) =>
    field === 'bands' || rows.some((_, i) => FIELDS.some((f) => field === `bands.${i}.${f}`));
  const unplaced = [
    ...Object.entries(server)
      .filter(([field]) => !placed(field))
      .map(([, message]) => message),
    ...scaleWide.filter((m) => bandsNamed(m, grades).length === 0),
  ];

  return (
    <FormModal
      title={t('structureEdit.bandsTitle', { scale: scale.name })}
      size="xl"
      onClose={onClose}
      busy={replace.isPending}
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
          const rowName = row.values.grade.trim() || t('structureEdit.rowN', { n: index + 1 });
          const notes = besideBand(row.values.grade.trim());
          return (
            <Paper key={row.key} withBorder p="sm" data-testid="band-row">
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <Stack gap={4} style={{ flex: 1 }}>
                  <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
                    {FIELDS.map((field) => (
                      <TextInput
                        key={field}
                        label={label(field)}
                        aria-label={t('structureEdit.fieldFor', {
                          field: label(field),
                          row: t('structureEdit.rowN', { n: index + 1 }),
                        })}
                        value={row.values[field]}
                        inputMode={field === 'grade' || field === 'description' ? undefined : 'decimal'}
                        autoComplete="off"
                        error={pick(
                          server,
                          `bands.${index}.${field}`,
                          localProblem(row.values, field),
                          showInvalid || row.values[field] !== '',
                        )}
                        onChange={(event) => edit(index, field, event.currentTarget.value)}
                      />
                    ))}
                  </SimpleGrid>
                  {notes.map((note) => (
                    <Text key={note} size="sm" c="red" data-testid="band-error">
                      {note}
                    </Text>
                  ))}
                </Stack>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  aria-label={t('structureEdit.remove', { name: rowName })}
                  disabled={rows.length <= 1}
                  onClick={() => {
                    setRows((current) => current.filter((_, i) => i !== index));
                    setServer({});
                  }}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            </Paper>
          );
        })}
      </Stack>
      <Group justify="flex-start">
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() =>
            setRows((current) => [
              ...current,
              {
                key: newRowKey(),
                values: { grade: '', minPercent: '', maxPercent: '', gradePoint: '', description: '' },
              },
            ])
          }
        >
          {t('structureEdit.addBand')}
        </Button>
      </Group>
      {fixFirst ? (
        <Text size="sm" c="red" role="alert">
          {t('structureEdit.fixFirst')}
        </Text>
      ) : null}
    </FormModal>
  );
}
