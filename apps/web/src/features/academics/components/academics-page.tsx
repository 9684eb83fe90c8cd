import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { Permission } from '@shala/contracts';
import { IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { formatSchoolDate } from '../../attendance/school-date';
import { useCan } from '../../auth/hooks/current-user';
import type { AcademicYear, SubjectAssignment } from '../api/academics.types';
import {
  useAcademicYears,
  useClasses,
  useCreateAssignment,
  useCreateClass,
  useCreateSection,
  useCreateSubject,
  useCreateYear,
  useDeleteAssignment,
  useMakeYearCurrent,
  usePromoteClass,
  useSubjectAssignments,
  useSubjects,
  useTeachers,
  useUpdateSection,
} from '../hooks/use-academics';
import { useAcademicsText } from '../i18n';

function Pending({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown };
  children: ReactNode;
}) {
  if (query.isPending) {
    return (
      <Center py="lg" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  if (query.isError) return <ApiErrorAlert error={query.error} />;
  return <>{children}</>;
}

/** /academics: years, classes and sections, subjects, subject teachers, promotion. */
export function AcademicsPage() {
  const t = useAcademicsText();
  const canWrite = useCan(Permission.AcademicsWrite);
  return (
    <Stack gap="md">
      <PageHeader title={t('title')} intro={t('intro')} />
      <Tabs defaultValue="years" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="years">{t('tabs.years')}</Tabs.Tab>
          <Tabs.Tab value="classes">{t('tabs.classes')}</Tabs.Tab>
          <Tabs.Tab value="subjects">{t('tabs.subjects')}</Tabs.Tab>
          <Tabs.Tab value="assignments">{t('tabs.assignments')}</Tabs.Tab>
          {canWrite ? <Tabs.Tab value="promotion">{t('tabs.promotion')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="years" pt="md">
          <YearsPanel canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="classes" pt="md">
          <ClassesPanel canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="subjects" pt="md">
          <SubjectsPanel canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="assignments" pt="md">
          <AssignmentsPanel canWrite={canWrite} />
        </Tabs.Panel>
        {canWrite ? (
          <Tabs.Panel value="promotion" pt="md">
            <PromotionPanel />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Stack>
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const yearSchema = z.object({
  name: z.string().trim().min(1, 'form.required'),
  startsOn: z.string().regex(DATE, 'form.dateFormat'),
  endsOn: z.string().regex(DATE, 'form.dateFormat'),
});

function YearsPanel({ canWrite }: { canWrite: boolean }) {
  const t = useAcademicsText();
  const years = useAcademicYears();
  const makeCurrent = useMakeYearCurrent();
  const create = useCreateYear();
  const [confirming, setConfirming] = useState<AcademicYear | null>(null);
  const form = useForm<z.infer<typeof yearSchema>>({
    resolver: zodResolver(yearSchema),
    defaultValues: { name: '', startsOn: '', endsOn: '' },
  });
  const err = (m?: string) => (m ? t(m as 'form.required') : undefined);

  return (
    <Pending query={years}>
      <Stack gap="md">
        {years.data?.length === 0 ? (
          <EmptyState>{t('years.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table aria-label={t('years.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('years.name')}</Table.Th>
                  <Table.Th>{t('years.startsOn')}</Table.Th>
                  <Table.Th>{t('years.endsOn')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {years.data?.map((year) => (
                  <Table.Tr key={year.id}>
                    <Table.Td>{year.name}</Table.Td>
                    <Table.Td>{formatSchoolDate(year.startsOn)}</Table.Td>
                    <Table.Td>{formatSchoolDate(year.endsOn)}</Table.Td>
                    <Table.Td>
                      {year.current ? (
                        <Badge color="green">{t('years.current')}</Badge>
                      ) : canWrite ? (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={t('years.makeCurrentOf', { name: year.name })}
                          onClick={() => setConfirming(year)}
                        >
                          {t('years.makeCurrent')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canWrite ? (
          <form
            noValidate
            onSubmit={(e) =>
              void form.handleSubmit((v) => create.mutate(v, { onSuccess: () => form.reset() }))(e)
            }
          >
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('years.name')}
                {...form.register('name')}
                error={err(form.formState.errors.name?.message)}
              />
              <TextInput
                type="date"
                label={t('years.startsOn')}
                {...form.register('startsOn')}
                error={err(form.formState.errors.startsOn?.message)}
              />
              <TextInput
                type="date"
                label={t('years.endsOn')}
                {...form.register('endsOn')}
                error={err(form.formState.errors.endsOn?.message)}
              />
              <Button type="submit" mt={24} loading={create.isPending}>
                {t('years.add')}
              </Button>
            </Group>
            {create.isError ? <ApiErrorAlert error={create.error} /> : null}
          </form>
        ) : null}
        <ConfirmModal
          opened={confirming !== null}
          title={t('years.confirmTitle')}
          confirmLabel={t('years.makeCurrent')}
          color="blue"
          loading={makeCurrent.isPending}
          error={makeCurrent.error}
          onClose={() => setConfirming(null)}
          onConfirm={() =>
            confirming && makeCurrent.mutate(confirming.id, { onSuccess: () => setConfirming(null) })
          }
        >
          {t('years.confirmBody', { name: confirming?.name ?? '' })}
        </ConfirmModal>
      </Stack>
    </Pending>
  );
}

function ClassesPanel({ canWrite }: { canWrite: boolean }) {
  const t = useAcademicsText();
  const classes = useClasses();
  const teachers = useTeachers(canWrite);
  const updateSection = useUpdateSection();
  const createClass = useCreateClass();
  const createSection = useCreateSection();
  const [className, setClassName] = useState('');
  const [ordinal, setOrdinal] = useState('');
  const [newSection, setNewSection] = useState<Record<string, string>>({});
  const teacherOptions = (teachers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  const teacherName = (id: string | null) =>
    teachers.data?.find((u) => u.id === id)?.displayName ?? t('classes.noTeacher');

  return (
    <Pending query={classes}>
      <Stack gap="md">
        {classes.data?.length === 0 ? <EmptyState>{t('classes.empty')}</EmptyState> : null}
        {classes.data?.map((cls) => (
          <Card key={cls.id} withBorder component="section" aria-label={cls.name}>
            <Title order={2} size="h4" mb="xs">
              {cls.name}
            </Title>
            {cls.sections.length === 0 ? <Text c="dimmed">{t('classes.noSections')}</Text> : null}
            <Stack gap="xs">
              {cls.sections.map((section) => (
                <Group key={section.id} gap="sm" wrap="wrap" align="flex-end">
                  <Text fw={600} miw={80} style={{ whiteSpace: 'nowrap' }}>
                    {cls.name} {section.name}
                  </Text>
                  {canWrite ? (
                    <Select
                      label={t('classes.classTeacher', { name: `${cls.name} ${section.name}` })}
                      data={teacherOptions}
                      value={section.classTeacherUserId}
                      onChange={(value) =>
                        updateSection.mutate({ id: section.id, classTeacherUserId: value })
                      }
                      clearable
                      searchable
                      placeholder={t('classes.noTeacher')}
                      style={{ flex: '1 1 14rem' }}
                    />
                  ) : (
                    <Text size="sm">{teacherName(section.classTeacherUserId)}</Text>
                  )}
                </Group>
              ))}
              {canWrite ? (
                <Group gap="sm" align="flex-end">
                  <TextInput
                    label={t('classes.sectionName')}
                    value={newSection[cls.id] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setNewSection((s) => ({ ...s, [cls.id]: value }));
                    }}
                    w={140}
                  />
                  <Button
                    variant="light"
                    disabled={!newSection[cls.id]?.trim()}
                    loading={createSection.isPending}
                    onClick={() =>
                      createSection.mutate(
                        { classId: cls.id, name: (newSection[cls.id] ?? '').trim() },
                        { onSuccess: () => setNewSection((s) => ({ ...s, [cls.id]: '' })) },
                      )
                    }
                  >
                    {t('classes.addSection')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Card>
        ))}
        {updateSection.isError ? <ApiErrorAlert error={updateSection.error} /> : null}
        {createSection.isError ? <ApiErrorAlert error={createSection.error} /> : null}
        {canWrite ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('classes.className')}
              value={className}
              onChange={(e) => setClassName(e.currentTarget.value)}
            />
            <TextInput
              label={t('classes.ordinal')}
              inputMode="numeric"
              value={ordinal}
              onChange={(e) => setOrdinal(e.currentTarget.value)}
              w={100}
            />
            <Button
              disabled={!className.trim() || !/^\d+$/.test(ordinal)}
              loading={createClass.isPending}
              onClick={() =>
                createClass.mutate(
                  { name: className.trim(), ordinal: Number(ordinal) },
                  {
                    onSuccess: () => {
                      setClassName('');
                      setOrdinal('');
                    },
                  },
                )
              }
            >
              {t('classes.addClass')}
            </Button>
          </Group>
        ) : null}
        {createClass.isError ? <ApiErrorAlert error={createClass.error} /> : null}
      </Stack>
    </Pending>
  );
}

function SubjectsPanel({ canWrite }: { canWrite: boolean }) {
  const t = useAcademicsText();
  const subjects = useSubjects();
  const create = useCreateSubject();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  return (
    <Pending query={subjects}>
      <Stack gap="md">
        {subjects.data?.length === 0 ? (
          <EmptyState>{t('subjects.empty')}</EmptyState>
        ) : (
          <Table aria-label={t('subjects.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('subjects.code')}</Table.Th>
                <Table.Th>{t('subjects.name')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subjects.data?.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.code}</Table.Td>
                  <Table.Td>{s.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canWrite ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('subjects.code')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              w={120}
            />
            <TextInput
              label={t('subjects.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Button
              disabled={!code.trim() || !name.trim()}
              loading={create.isPending}
              onClick={() =>
                create.mutate(
                  { code: code.trim(), name: name.trim() },
                  {
                    onSuccess: () => {
                      setCode('');
                      setName('');
                    },
                  },
                )
              }
            >
              {t('subjects.add')}
            </Button>
          </Group>
        ) : null}
        {create.isError ? <ApiErrorAlert error={create.error} /> : null}
      </Stack>
    </Pending>
  );
}

function AssignmentsPanel({ canWrite }: { canWrite: boolean }) {
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

function PromotionPanel() {
  const t = useAcademicsText();
  const classes = useClasses();
  const years = useAcademicYears();
  const promote = usePromoteClass();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const classOptions = (classes.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const label = (options: { value: string; label: string }[], id: string | null) =>
    options.find((o) => o.value === id)?.label ?? '';
  const yearOptions = (years.data ?? []).map((y) => ({ value: y.id, label: y.name }));

  return (
    <Stack gap="md" maw={560}>
      <Text c="dimmed">{t('promotion.intro')}</Text>
      <Select label={t('promotion.from')} data={classOptions} value={from} onChange={setFrom} />
      <Select label={t('promotion.to')} data={classOptions} value={to} onChange={setTo} />
      <Select label={t('promotion.year')} data={yearOptions} value={year} onChange={setYear} />
      <Button
        w="fit-content"
        disabled={!from || !to || !year || from === to}
        onClick={() => setConfirming(true)}
      >
        {t('promotion.promote')}
      </Button>
      {promote.data ? (
        <Alert color="green" role="status">
          {t('promotion.done', promote.data)}
        </Alert>
      ) : null}
      <ConfirmModal
        opened={confirming}
        title={t('promotion.confirmTitle')}
        confirmLabel={t('promotion.promote')}
        color="blue"
        loading={promote.isPending}
        error={promote.error}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          from &&
          to &&
          year &&
          promote.mutate(
            { fromClassId: from, toClassId: to, toYearId: year },
            { onSuccess: () => setConfirming(false) },
          )
        }
      >
        {t('promotion.confirmBody', {
          from: label(classOptions, from),
          to: label(classOptions, to),
          year: label(yearOptions, year),
        })}
      </ConfirmModal>
    </Stack>
  );
}
