import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  DefaultRole,
  Permission,
  type AssessmentView,
  type ExamTermView,
  type GradingScaleView,
} from '@shala/contracts';
import { IconCircleCheck, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { formatSchoolDate } from '../../../app/school-date';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useExamStructure } from '../hooks/use-exams';
import { useExamsText } from '../i18n';
import { decimal } from './pickers';
import { PapersEditor } from './structure-papers';
import { ScaleEditor } from './structure-scale';
import { AssessmentsEditor, TermsEditor } from './structure-terms';

const OWNERSHIP_ROLES: readonly string[] = [DefaultRole.Teacher, DefaultRole.Parent, DefaultRole.Student];

/**
 * Whether the user may change the exam structure: exams.write with school-wide scope. The API answers a
 * teacher (exams.write, but only their sections) 403 here, so like the attendance and fees screens a user
 * counts as school staff when they hold a role other than teacher, parent or student.
 */
export function useCanEditStructure(): boolean {
  const me = useCurrentUser();
  const staff = me.roles.some((role) => !OWNERSHIP_ROLES.includes(role));
  return staff && me.permissions.includes(Permission.ExamsWrite);
}

type Editing =
  | { kind: 'terms' }
  | { kind: 'assessments'; term: ExamTermView }
  | { kind: 'papers'; assessment: AssessmentView }
  | { kind: 'scale'; scale: GradingScaleView };

/**
 * The year's exam structure: terms with their assessments and weightages, grading scales. School staff
 * with exams.write edit each list in a form; "saved" shows only after the API answered 2xx.
 */
export function StructurePanel() {
  const t = useExamsText();
  const structure = useExamStructure();
  const canEdit = useCanEditStructure();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (structure.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  if (structure.isError) return <ApiErrorAlert error={structure.error} />;
  const { terms, scales, coScholasticAreas } = structure.data;
  const open = (next: Editing) => {
    setSaved(null);
    setEditing(next);
  };
  const done = (message: string) => () => {
    setEditing(null);
    setSaved(message);
  };
  const editor =
    editing?.kind === 'terms' ? (
      <TermsEditor
        structure={structure.data}
        onSaved={done(t('structureEdit.termsSaved'))}
        onClose={() => setEditing(null)}
      />
    ) : editing?.kind === 'assessments' ? (
      <AssessmentsEditor
        term={editing.term}
        onSaved={done(t('structureEdit.assessmentsSaved', { term: editing.term.name }))}
        onClose={() => setEditing(null)}
      />
    ) : editing?.kind === 'papers' ? (
      <PapersEditor
        assessment={editing.assessment}
        onSaved={done(t('structureEdit.papersSaved', { assessment: editing.assessment.name }))}
        onClose={() => setEditing(null)}
      />
    ) : editing?.kind === 'scale' ? (
      <ScaleEditor
        scale={editing.scale}
        onSaved={done(t('structureEdit.bandsSaved', { scale: editing.scale.name }))}
        onClose={() => setEditing(null)}
      />
    ) : null;
  const editTerms = canEdit ? (
    <Group justify="space-between" gap="sm">
      <div role="status" aria-live="polite">
        {saved ? (
          <Group gap={6} c="green">
            <IconCircleCheck size={18} aria-hidden />
            <Text size="sm">{saved}</Text>
          </Group>
        ) : null}
      </div>
      <Button
        variant="light"
        leftSection={<IconPencil size={16} aria-hidden />}
        onClick={() => open({ kind: 'terms' })}
      >
        {t('structureEdit.editTerms')}
      </Button>
    </Group>
  ) : null;
  if (terms.length === 0)
    return (
      <Stack gap="lg">
        {editTerms}
        <EmptyState>{t('structure.empty')}</EmptyState>
        {editor}
      </Stack>
    );

  return (
    <Stack gap="lg">
      {editTerms}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {terms.map((term) => (
          <Card key={term.id} withBorder padding="md" data-testid="structure-term">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Title order={2} size="h4">
                {term.name}
              </Title>
              <Badge variant="light">
                {t('structure.weightage', { weightage: decimal(term.yearWeightage) })}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" mb="xs">
              {t('structure.dates', {
                from: formatSchoolDate(term.startsOn),
                to: formatSchoolDate(term.endsOn),
              })}
            </Text>
            <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
              {term.assessments.map((a) => (
                <Group component="li" key={a.id} justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm">
                    {a.name} ({a.code})
                  </Text>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('structure.assessmentWeight', { weightage: decimal(a.termWeightage) })}
                  </Text>
                  {canEdit ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={t('structureEdit.editPapers', { assessment: a.name })}
                      onClick={() => open({ kind: 'papers', assessment: a })}
                    >
                      {t('structureEdit.papers')}
                    </Button>
                  ) : null}
                </Group>
              ))}
            </Stack>
            {canEdit ? (
              <Button
                mt="sm"
                size="xs"
                variant="light"
                aria-label={`${t('structureEdit.editAssessments')}: ${term.name}`}
                onClick={() => open({ kind: 'assessments', term })}
              >
                {t('structureEdit.editAssessments')}
              </Button>
            ) : null}
          </Card>
        ))}
      </SimpleGrid>
      <Title order={2} size="h4">
        {t('structure.scales')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {scales.map((scale) => (
          <Card key={scale.id} withBorder padding="sm">
            <Group justify="space-between" gap="xs" mb="xs">
              <Text fw={500}>{scale.name}</Text>
              {canEdit ? (
                <Button
                  size="compact-xs"
                  variant="light"
                  aria-label={`${t('structureEdit.editBands')}: ${scale.name}`}
                  onClick={() => open({ kind: 'scale', scale })}
                >
                  {t('structureEdit.editBands')}
                </Button>
              ) : null}
            </Group>
            <Table aria-label={scale.name} verticalSpacing={2} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('structure.grade')}</Table.Th>
                  <Table.Th ta="right">{t('structure.range')}</Table.Th>
                  <Table.Th ta="right">{t('structure.gradePoint')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scale.bands.map((band) => (
                  <Table.Tr key={band.grade}>
                    <Table.Td>{band.grade}</Table.Td>
                    <Table.Td ta="right">
                      {decimal(band.minPercent)}–{decimal(band.maxPercent)}
                    </Table.Td>
                    <Table.Td ta="right">{band.gradePoint ?? '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        ))}
      </SimpleGrid>
      {coScholasticAreas.length > 0 ? (
        <>
          <Title order={2} size="h4">
            {t('structure.coScholastic')}
          </Title>
          <Text size="sm">{coScholasticAreas.map((a) => a.name).join(' · ')}</Text>
        </>
      ) : null}
      {editor}
    </Stack>
  );
}
