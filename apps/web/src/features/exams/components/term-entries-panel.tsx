import { Center, Group, Loader, Stack, Text } from '@mantine/core';
import { DefaultRole } from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useClasses } from '../../academics/hooks/use-academics';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useExamStructure } from '../hooks/use-exams';
import type { SectionOption } from '../hooks/use-lookups';
import { useCoScholasticGrid, useRemarksGrid } from '../hooks/use-term-sheets';
import { useExamsText } from '../i18n';
import { SectionSelect, TermSelect } from './pickers';
import { TermEntriesGrid } from './term-entries-grid';

/** Roles that reach only their own students (the API's student scope); any other role is school staff. */
const OWNERSHIP_ROLES: readonly string[] = [DefaultRole.Teacher, DefaultRole.Parent, DefaultRole.Student];

/**
 * Report card entries: a term and a section, then the section's co-scholastic grades and the class
 * teacher's remarks in one grid. A teacher picks from the sections they are class teacher of (as the API
 * allows); school staff pick from every section.
 */
export function TermEntriesPanel() {
  const t = useExamsText();
  const me = useCurrentUser();
  const structure = useExamStructure();
  const classes = useClasses();
  const staff = me.roles.some((role) => !OWNERSHIP_ROLES.includes(role));
  const [termId, setTermId] = useState<string | null>(null);
  const [sectionId, setSectionId] = useState<string | null>(null);

  const sections: SectionOption[] = (classes.data ?? [])
    .slice()
    .sort((a, b) => a.ordinal - b.ordinal)
    .flatMap((c) =>
      c.sections
        .filter((s) => staff || s.classTeacherUserId === me.user.id)
        .map((s) => ({ id: s.id, classId: c.id, className: c.name, label: `${c.name} ${s.name}` })),
    );
  const terms = structure.data?.terms ?? [];
  const chosenTerm =
    termId && terms.some((term) => term.id === termId)
      ? termId
      : terms.length === 1
        ? (terms[0]?.id ?? null)
        : null;
  const chosenSection =
    sectionId && sections.some((s) => s.id === sectionId)
      ? sectionId
      : sections.length === 1
        ? (sections[0]?.id ?? null)
        : null;
  const coScholastic = useCoScholasticGrid(chosenTerm, chosenSection);
  const remarks = useRemarksGrid(chosenTerm, chosenSection);

  if (structure.isPending || classes.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  const loadError = structure.error ?? classes.error;
  if (loadError || !structure.data) return <ApiErrorAlert error={loadError} />;
  if (terms.length === 0) return <EmptyState>{t('termEntries.noTerms')}</EmptyState>;
  if (sections.length === 0)
    return <EmptyState>{staff ? t('termEntries.noSections') : t('termEntries.notClassTeacher')}</EmptyState>;

  const section = sections.find((s) => s.id === chosenSection);
  const sheetError = coScholastic.error ?? remarks.error;
  const gradesData = coScholastic.data;
  const remarksData = remarks.data;
  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TermSelect structure={structure.data} value={chosenTerm} onChange={setTermId} />
        <SectionSelect sections={sections} value={chosenSection} onChange={setSectionId} />
      </Group>
      {!chosenTerm || !chosenSection ? (
        <Text c="dimmed">{t('termEntries.pickAll')}</Text>
      ) : sheetError ? (
        <ApiErrorAlert error={sheetError} />
      ) : !gradesData || !remarksData ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : gradesData.rows.length === 0 && remarksData.rows.length === 0 ? (
        <EmptyState>{t('termEntries.noStudents')}</EmptyState>
      ) : (
        <TermEntriesGrid
          key={`${chosenTerm}:${chosenSection}`}
          grades={gradesData}
          remarks={remarksData}
          sectionName={section?.label ?? ''}
        />
      )}
    </Stack>
  );
}
