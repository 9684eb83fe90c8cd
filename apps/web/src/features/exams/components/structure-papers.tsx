import {
  Alert,
  Center,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { PAPER_COMPONENT_CODES, type AssessmentView, type PaperComponentCode } from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { FormModal } from '../../../app/components/form-modal';
import { usePhoneLayout } from '../../../app/use-phone-layout';
import type { PaperInput } from '../api/structure.api';
import { useExamLookups } from '../hooks/use-lookups';
import { useSavePapers } from '../hooks/use-structure';
import { useExamsText } from '../i18n';
import { UnplacedDetails, detailsByField, numberText, parseDecimal } from './structure-fields';

type Field = 'maxMarks' | 'passMarks' | PaperComponentCode;
const FIELDS: readonly Field[] = ['maxMarks', 'passMarks', ...PAPER_COMPONENT_CODES];
type Texts = Record<string, Record<Field, string>>;
const rowKey = (classId: string, subjectId: string) => `${classId}:${subjectId}`;

function textsOf(assessment: AssessmentView): Texts {
  const out: Texts = {};
  for (const paper of assessment.papers) {
    const component = (code: PaperComponentCode) =>
      numberText(paper.components.find((c) => c.code === code)?.maxMarks);
    out[rowKey(paper.classId, paper.subjectId)] = {
      maxMarks: numberText(paper.maxMarks),
      passMarks: numberText(paper.passMarks),
      theory: component('theory'),
      practical: component('practical'),
      internal: component('internal'),
    };
  }
  return out;
}

const EMPTY: Record<Field, string> = { maxMarks: '', passMarks: '', theory: '', practical: '', internal: '' };

/**
 * An assessment's papers: per class a table of subjects with max and pass marks and optional components.
 * A subject whose maximum stays empty has no paper and is not sent; pass above max is flagged as typed;
 * the API's 4xx details land on the cell they name (papers.3.passMarks -> that class and subject).
 */
export function PapersEditor({
  assessment,
  onSaved,
  onClose,
}: {
  assessment: AssessmentView;
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useExamsText();
  const lookups = useExamLookups();
  const phone = usePhoneLayout();
  const save = useSavePapers();
  const [texts, setTexts] = useState<Texts>(() => textsOf(assessment));
  const [server, setServer] = useState<Record<string, string>>({});
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [fixFirst, setFixFirst] = useState(false);
  const existing = new Set(assessment.papers.map((p) => rowKey(p.classId, p.subjectId)));

  const label = (field: Field) =>
    field === 'maxMarks' || field === 'passMarks' ? t(`structureEdit.${field}`) : t(`column.${field}`);

  const problemOf = (key: string, field: Field): string | null => {
    const row = texts[key] ?? EMPTY;
    const filled = row.maxMarks.trim() !== '' || existing.has(key);
    if (!filled) return null;
    const text = row[field].trim();
    if (field === 'maxMarks' || field === 'passMarks') {
      if (text === '') return t('structureEdit.required');
      const n = parseDecimal(text);
      if (n === null) return t('structureEdit.number');
      const max = parseDecimal(row.maxMarks);
      if (field === 'passMarks' && max !== null && n > max) return t('structureEdit.passAboveMax');
      return null;
    }
    if (text === '') return null;
    if (parseDecimal(text) === null) return t('structureEdit.number');
    const max = parseDecimal(row.maxMarks);
    const parts = PAPER_COMPONENT_CODES.map((c) => row[c].trim()).filter(Boolean);
    const sum = parts.reduce((s, p) => s + Math.round((parseDecimal(p) ?? 0) * 100), 0) / 100;
    // The sum is flagged once, on the first component filled.
    const first = PAPER_COMPONENT_CODES.find((c) => row[c].trim() !== '');
    if (field === first && max !== null && sum !== max) return t('structureEdit.componentsSum', { sum, max });
    return null;
  };

  const keys = lookups.classes.flatMap((c) => lookups.subjects.map((s) => rowKey(c.id, s.id)));
  const invalid = keys.some((key) => FIELDS.some((f) => problemOf(key, f) !== null));

  const edit = (key: string, field: Field, value: string) => {
    setTexts((current) => ({ ...current, [key]: { ...(current[key] ?? EMPTY), [field]: value } }));
    setServer(({ [`${key}:${field}`]: _gone, ...rest }) => rest);
    setFixFirst(false);
  };

  const onSubmit = async () => {
    if (invalid) {
      setFixFirst(true);
      return;
    }
    const sent: { key: string; paper: PaperInput }[] = [];
    for (const c of lookups.classes)
      for (const s of lookups.subjects) {
        const key = rowKey(c.id, s.id);
        const row = texts[key];
        if (!row || row.maxMarks.trim() === '') continue;
        const components = PAPER_COMPONENT_CODES.filter((code) => row[code].trim() !== '').map((code) => ({
          code,
          maxMarks: parseDecimal(row[code]) ?? 0,
        }));
        sent.push({
          key,
          paper: {
            classId: c.id,
            subjectId: s.id,
            maxMarks: parseDecimal(row.maxMarks) ?? 0,
            passMarks: parseDecimal(row.passMarks) ?? 0,
            components,
          },
        });
      }
    if (sent.length === 0) {
      onClose();
      return;
    }
    setError(null);
    try {
      await save.mutateAsync({ assessmentId: assessment.id, papers: sent.map((s) => s.paper) });
      setServer({});
      setUnplaced([]);
      onSaved();
    } catch (caught) {
      setError(caught);
      const next: Record<string, string> = {};
      const rest: string[] = [];
      for (const [field, message] of Object.entries(detailsByField(caught))) {
        const match = /^papers\.(\d+)(?:\.(\w+))?/.exec(field);
        const target = match ? sent[Number(match[1])] : undefined;
        if (!match || !target) {
          rest.push(message);
          continue;
        }
        const named = match[2];
        const cell: Field =
          named === 'passMarks' ? 'passMarks' : named === 'components' ? 'theory' : 'maxMarks';
        next[`${target.key}:${cell}`] = message;
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
  else if (lookups.classes.length === 0) body = <Alert color="gray">{t('structureEdit.noClasses')}</Alert>;
  else
    body = lookups.classes.map((c) => {
      /** One cell's input: a bare input in the table, a labelled one on a phone's card. */
      const input = (subject: { id: string; name: string }, f: Field) => {
        const key = rowKey(c.id, subject.id);
        const typed = texts[key]?.[f] ?? '';
        const local = problemOf(key, f);
        return (
          <TextInput
            key={f}
            label={phone ? label(f) : undefined}
            aria-label={t('structureEdit.fieldFor', { field: label(f), row: `${c.name} ${subject.name}` })}
            value={typed}
            inputMode="decimal"
            autoComplete="off"
            size={phone ? 'sm' : 'xs'}
            w={phone ? undefined : 80}
            error={server[`${key}:${f}`] ?? (local && (fixFirst || typed !== '') ? local : null)}
            onChange={(event) => edit(key, f, event.currentTarget.value)}
            styles={phone ? undefined : { error: { fontSize: 11, lineHeight: 1.2, maxWidth: 80 } }}
          />
        );
      };
      return (
        <Stack key={c.id} gap={4}>
          <Title order={3} size="h5">
            {c.name}
          </Title>
          {phone ? (
            <Stack gap="xs" aria-label={c.name} role="group">
              {lookups.subjects.map((s) => (
                <Paper key={s.id} withBorder p="xs" data-testid="paper-card">
                  <Text size="sm" fw={500} mb={4}>
                    {s.name}
                  </Text>
                  <SimpleGrid cols={2} spacing="xs">
                    {FIELDS.map((f) => input(s, f))}
                  </SimpleGrid>
                </Paper>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label={c.name} verticalSpacing={4} horizontalSpacing="xs" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('structureEdit.subject')}</Table.Th>
                    {FIELDS.map((f) => (
                      <Table.Th key={f} w={88}>
                        {label(f)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lookups.subjects.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.name}</Table.Td>
                      {FIELDS.map((f) => (
                        <Table.Td key={f} style={{ verticalAlign: 'top' }}>
                          {input(s, f)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      );
    });

  return (
    <FormModal
      title={t('structureEdit.papersTitle', { assessment: assessment.name })}
      size="xl"
      onClose={onClose}
      busy={save.isPending}
      error={error}
      submitLabel={t('structureEdit.save')}
      onSubmit={async (event) => {
        event.preventDefault();
        await onSubmit();
      }}
    >
      <UnplacedDetails messages={unplaced} />
      <Text size="sm" c="dimmed">
        {t('structureEdit.papersHint')}
      </Text>
      {body}
      {fixFirst ? (
        <Text size="sm" c="red" role="alert">
          {t('structureEdit.fixFirst')}
        </Text>
      ) : null}
    </FormModal>
  );
}
