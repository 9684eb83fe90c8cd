import { ActionIcon, Button, Group, Select, Stack, Table } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import type { SubjectAssignment } from '@shala/contracts';
import {
  useAcademicYears,
  useClasses,
  useCreateAssignment,
  useDeleteAssignment,
  useSubjectAssignments,
  useSubjects,
  useTeachers,
} from '../hooks/use-academics';
import { useAcademicsText } from '../i18n';
import { Pending } from './pending';

/** Who teaches which subject in which section, per academic year. */
export function AssignmentsPanel({ canWrite }: { canWrite: boolean }) {
  const t = useAcademicsText();
  const years = useAcademicYears();
  const current = years.data?.find((y) => y.current) ?? years.data?.[0];
  const [yearId, setYearId] = useState<string | null>(null);
  const chosenYear = yearId ?? current?.id ?? '';
  const assignments = useSubjectAssignments(chosenYear);
  const classes = useClasses();
  const subjects = useSubjects();
  const teachers = useTeachers();
  const create = useCreateAssignment();
  const remove = useDeleteAssignment();
  const [sectionId, setSectionId] = useState<string | null>(null);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [teacherId, setTeacherId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<SubjectAssignment | null>(null);

  const sectionOptions = (classes.data ?? []).flatMap((c) =>
    c.sections.map((s) => ({ value: s.id, label: `${c.name} ${s.name}` })),
  );
  const sectionName = (id: string) => sectionOptions.find((o) => o.value === id)?.label ?? id;
  const subjectName = (id: string) => subjects.data?.find((s) => s.id === id)?.name ?? id;
  const teacherName = (id: string) => teachers.data?.find((u) => u.id === id)?.displayName ?? id;

  return (
    <Pending query={assignments}>
      <Stack gap="md">
        <Select
          label={t('assignments.year')}
          data={(years.data ?? []).map((y) => ({ value: y.id, label: y.name }))}
          value={chosenYear || null}
          onChange={setYearId}
          allowDeselect={false}
          maw={240}
        />
        {assignments.data?.length === 0 ? (
          <EmptyState>{t('assignments.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table aria-label={t('assignments.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('assignments.section')}</Table.Th>
                  <Table.Th>{t('assignments.subject')}</Table.Th>
                  <Table.Th>{t('assignments.teacher')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {assignments.data?.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{sectionName(a.sectionId)}</Table.Td>
                    <Table.Td>{subjectName(a.subjectId)}</Table.Td>
                    <Table.Td>{teacherName(a.teacherUserId)}</Table.Td>
                    <Table.Td>
                      {canWrite ? (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('assignments.remove', {
                            subject: subjectName(a.subjectId),
                            section: sectionName(a.sectionId),
                          })}
                          onClick={() => setConfirming(a)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canWrite ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('assignments.section')}
              data={sectionOptions}
              value={sectionId}
              onChange={setSectionId}
              searchable
            />
            <Select
              label={t('assignments.subject')}
              data={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={subjectId}
              onChange={setSubjectId}
              searchable
            />
            <Select
              label={t('assignments.teacher')}
              data={(teachers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              value={teacherId}
              onChange={setTeacherId}
              searchable
            />
            <Button
              disabled={!sectionId || !subjectId || !teacherId}
              loading={create.isPending}
              onClick={() =>
                sectionId &&
                subjectId &&
                teacherId &&
                create.mutate({
                  sectionId,
                  subjectId,
                  teacherUserId: teacherId,
                  ...(chosenYear ? { academicYearId: chosenYear } : {}),
                })
              }
            >
              {t('assignments.add')}
            </Button>
          </Group>
        ) : null}
        {create.isError ? <ApiErrorAlert error={create.error} /> : null}
        <ConfirmModal
          opened={confirming !== null}
          title={t('assignments.confirmTitle')}
          confirmLabel={t('assignments.confirm')}
          loading={remove.isPending}
          error={remove.error}
          onClose={() => setConfirming(null)}
          onConfirm={() =>
            confirming && remove.mutate(confirming.id, { onSuccess: () => setConfirming(null) })
          }
        >
          {confirming
            ? t('assignments.confirmBody', {
                teacher: teacherName(confirming.teacherUserId),
                subject: subjectName(confirming.subjectId),
                section: sectionName(confirming.sectionId),
              })
            : ''}
        </ConfirmModal>
      </Stack>
    </Pending>
  );
}
