import { Center, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { DefaultRole, Permission } from '@shala/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { useSubjectAssignments } from '../../academics/hooks/use-academics';
import { useExamStructure, useMarksGrid } from '../hooks/use-exams';
import { useExamLookups } from '../hooks/use-lookups';
import { useExamsText } from '../i18n';
import { MarksGrid } from './marks-grid';

/**
 * Marks entry: an assessment, then a subject and a section from what the user teaches (a teacher's subject
 * assignments this year; staff who are not teachers pick from every section), then the grid.
 */
export function MarksEntryPanel() {
  const t = useExamsText();
  const me = useCurrentUser();
  const canModerate = useCan(Permission.ExamsModerate);
  const structure = useExamStructure();
  const lookups = useExamLookups();
  const yearId = structure.data?.academicYearId ?? '';
  const assignments = useSubjectAssignments(yearId);
  // A teacher (without school-wide rights) works from their own assignments, as the API allows.
  const ownOnly = me.roles.includes(DefaultRole.Teacher) && !canModerate;
  // A link (the teacher's dashboard) may name the grid: ?assessment=&subject=&section=.
  const [params] = useSearchParams();
  const [assessmentId, setAssessmentId] = useState<string | null>(() => params.get('assessment'));
  const [subjectId, setSubjectId] = useState<string | null>(() => params.get('subject'));
  const [sectionId, setSectionId] = useState<string | null>(() => params.get('section'));

  const assessments = (structure.data?.terms ?? []).flatMap((term) =>
    term.assessments.map((a) => ({ ...a, label: `${term.name} · ${a.name}` })),
  );
  const assessment = assessments.find((a) => a.id === assessmentId) ?? null;
  const papers = assessment?.papers ?? [];
  const paperOf = (classId: string, subject: string) =>
    papers.find((p) => p.classId === classId && p.subjectId === subject) ?? null;
  // Every (section, subject) the user may enter, that the assessment has a paper for.
  const pairs = (
    ownOnly
      ? (assignments.data ?? [])
          .filter((a) => a.teacherUserId === me.user.id)
          .map((a) => ({ sectionId: a.sectionId, subjectId: a.subjectId }))
      : lookups.sections.flatMap((s) =>
          lookups.subjects.map((sub) => ({ sectionId: s.id, subjectId: sub.id })),
        )
  ).filter((pair) => {
    const section = lookups.sectionById.get(pair.sectionId);
    return section && paperOf(section.classId, pair.subjectId);
  });
  const subjectIds = [...new Set(pairs.map((p) => p.subjectId))];
  const chosenSubject =
    subjectId && subjectIds.includes(subjectId)
      ? subjectId
      : ((subjectIds.length === 1 ? subjectIds[0] : null) ?? null);
  const sectionIds = pairs.filter((p) => p.subjectId === chosenSubject).map((p) => p.sectionId);
  const chosenSection =
    sectionId && sectionIds.includes(sectionId)
      ? sectionId
      : ((sectionIds.length === 1 ? sectionIds[0] : null) ?? null);
  const section = chosenSection ? lookups.sectionById.get(chosenSection) : undefined;
  const paper = section && chosenSubject ? paperOf(section.classId, chosenSubject) : null;
  const grid = useMarksGrid(paper?.id ?? null, chosenSection);

  if (structure.isPending || lookups.isPending || (ownOnly && assignments.isPending)) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  const loadError = structure.error ?? lookups.error ?? assignments.error;
  if (loadError) return <ApiErrorAlert error={loadError} />;
  if (assessments.every((a) => a.papers.length === 0)) return <EmptyState>{t('marks.noPapers')}</EmptyState>;
  if (ownOnly && !(assignments.data ?? []).some((a) => a.teacherUserId === me.user.id))
    return <EmptyState>{t('marks.noTeaching')}</EmptyState>;

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('pick.assessment')}
          data={assessments.map((a) => ({ value: a.id, label: a.label }))}
          value={assessmentId}
          onChange={setAssessmentId}
          allowDeselect={false}
          style={{ flex: '1 1 14rem' }}
        />
        <Select
          label={t('pick.subject')}
          data={subjectIds.map((id) => ({ value: id, label: lookups.subjectName(id) }))}
          value={chosenSubject}
          onChange={setSubjectId}
          allowDeselect={false}
          disabled={!assessment}
          style={{ flex: '1 1 10rem' }}
        />
        <Select
          label={t('pick.section')}
          data={sectionIds.map((id) => ({ value: id, label: lookups.sectionById.get(id)?.label ?? id }))}
          value={chosenSection}
          onChange={setSectionId}
          allowDeselect={false}
          disabled={!chosenSubject}
          style={{ flex: '1 1 8rem' }}
        />
      </Group>
      {!paper || !chosenSection || !chosenSubject ? (
        <Text c="dimmed">{assessment && pairs.length === 0 ? t('marks.noPaper') : t('marks.pickAll')}</Text>
      ) : grid.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : grid.isError ? (
        <ApiErrorAlert error={grid.error} />
      ) : grid.data.rows.length === 0 ? (
        <EmptyState>{t('marks.noStudents')}</EmptyState>
      ) : (
        <MarksGrid
          key={`${paper.id}:${chosenSection}`}
          grid={grid.data}
          subjectName={lookups.subjectName(chosenSubject)}
          sectionName={section?.label ?? ''}
          canModerate={canModerate}
        />
      )}
    </Stack>
  );
}
