import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Permission } from '@shala/contracts';
import { IconArrowLeft, IconPlus, IconTrash } from '@tabler/icons-react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { PageHeader } from '../../../app/components/page-header';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useClasses } from '../../academics/hooks/use-academics';
import { useCan } from '../../auth/hooks/current-user';
import {
  GENDERS,
  RELATIONSHIPS,
  STUDENT_STATUSES,
  type StudentInput,
  type StudentProfile,
} from '@shala/contracts';
import { useCreateStudent, useStudent, useUpdateStudent } from '../hooks/use-students';
import { useStudentsText } from '../i18n';
import { compact } from '../compact';
import type { StudentValues } from '../schemas/student.schema';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const studentResolver = lazyZodResolver(
  async () => (await import('../schemas/student.schema')).studentSchema,
);

/** /students/new and /students/:id/edit */
export function StudentFormPage() {
  const { studentId } = useParams();
  if (!studentId) return <StudentForm />;
  return <EditStudent studentId={studentId} />;
}

function EditStudent({ studentId }: { studentId: string }) {
  const t = useStudentsText();
  const student = useStudent(studentId);
  if (student.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader aria-label={t('profile.details')} />
      </Center>
    );
  }
  if (student.isError) return <ApiErrorAlert error={student.error} />;
  return <StudentForm existing={student.data} />;
}

const FIELDS = [
  'admissionNo',
  'firstName',
  'lastName',
  'dateOfBirth',
  'gender',
  'admissionDate',
  'status',
  'sectionId',
  'rollNo',
  'nationalId',
  'medicalNotes',
  'address',
] as const;

function StudentForm({ existing }: { existing?: StudentProfile }) {
  const t = useStudentsText();
  const navigate = useNavigate();
  const classes = useClasses(useCan(Permission.AcademicsRead));
  const create = useCreateStudent();
  const update = useUpdateStudent();
  const mutation = existing ? update : create;
  const form = useForm<StudentValues>({
    resolver: studentResolver,
    defaultValues: {
      admissionNo: existing?.admissionNo ?? '',
      firstName: existing?.firstName ?? '',
      lastName: existing?.lastName ?? '',
      dateOfBirth: existing?.dateOfBirth ?? '',
      gender: existing?.gender ?? 'undisclosed',
      admissionDate: existing?.admissionDate ?? '',
      status: existing?.status ?? 'active',
      sectionId: existing?.enrolment?.sectionId ?? '',
      rollNo: existing?.enrolment?.rollNo != null ? String(existing.enrolment.rollNo) : '',
      // Masked values are never sent back: blank means "leave as it is".
      nationalId: '',
      medicalNotes: '',
      address: '',
      guardians: [],
    },
  });
  const guardians = useFieldArray({ control: form.control, name: 'guardians' });
  const errors = form.formState.errors;
  const err = useFieldError('students');
  const sections = (classes.data ?? []).flatMap((c) =>
    c.sections.map((s) => ({ value: s.id, label: `${c.name} ${s.name}` })),
  );

  const onSubmit = form.handleSubmit((values) => {
    const { guardians: guardianValues, rollNo, ...rest } = values;
    const body = {
      ...(compact(rest) as Omit<StudentInput, 'rollNo' | 'guardians'>),
      ...(rollNo ? { rollNo: Number(rollNo) } : {}),
      ...(!existing && guardianValues.length > 0
        ? {
            guardians: guardianValues.map(
              (g) => compact(g) as NonNullable<StudentInput['guardians']>[number],
            ),
          }
        : {}),
    };
    const onSuccess = (saved: StudentProfile) => void navigate(`/students/${saved.id}`);
    const onError = (error: unknown) => applyServerFieldErrors(error, FIELDS, form.setError);
    if (existing) update.mutate({ id: existing.id, ...body }, { onSuccess, onError });
    else create.mutate(body as StudentInput, { onSuccess, onError });
  });

  return (
    <Stack gap="md" maw={880}>
      <Anchor component={Link} to={existing ? `/students/${existing.id}` : '/students'} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('actions.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={existing ? t('form.editTitle', { name: existing.fullName }) : t('form.createTitle')}
      />
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <Stack gap="md">
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('form.admissionNo')}
                required
                {...form.register('admissionNo')}
                error={err(errors.admissionNo?.message)}
              />
              <Controller
                control={form.control}
                name="status"
                render={({ field }) => (
                  <Select
                    label={t('form.status')}
                    data={STUDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                    value={field.value}
                    onChange={(value) => field.onChange(value ?? 'active')}
                    allowDeselect={false}
                  />
                )}
              />
              <TextInput
                label={t('form.firstName')}
                required
                {...form.register('firstName')}
                error={err(errors.firstName?.message)}
              />
              <TextInput
                label={t('form.lastName')}
                required
                {...form.register('lastName')}
                error={err(errors.lastName?.message)}
              />
              <TextInput
                type="date"
                label={t('form.dateOfBirth')}
                required
                {...form.register('dateOfBirth')}
                error={err(errors.dateOfBirth?.message)}
              />
              <Controller
                control={form.control}
                name="gender"
                render={({ field }) => (
                  <Select
                    label={t('form.gender')}
                    data={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
                    value={field.value}
                    onChange={(value) => field.onChange(value ?? 'undisclosed')}
                    allowDeselect={false}
                  />
                )}
              />
              <TextInput
                type="date"
                label={t('form.admissionDate')}
                required
                {...form.register('admissionDate')}
                error={err(errors.admissionDate?.message)}
              />
              <Controller
                control={form.control}
                name="sectionId"
                render={({ field }) => (
                  <Select
                    label={t('form.section')}
                    data={sections}
                    value={field.value || null}
                    onChange={(value) => field.onChange(value ?? '')}
                    clearable
                    error={err(errors.sectionId?.message)}
                  />
                )}
              />
              <TextInput
                label={t('form.rollNo')}
                inputMode="numeric"
                {...form.register('rollNo')}
                error={err(errors.rollNo?.message)}
              />
              <TextInput
                label={t('form.nationalId')}
                placeholder={existing?.nationalId ?? undefined}
                {...form.register('nationalId')}
              />
            </SimpleGrid>
            <Textarea
              mt="sm"
              label={t('form.medicalNotes')}
              autosize
              minRows={2}
              {...form.register('medicalNotes')}
            />
            <Textarea mt="sm" label={t('form.address')} autosize minRows={2} {...form.register('address')} />
          </Card>
          {!existing ? (
            <Card withBorder component="section" aria-labelledby="form-guardians">
              <Title order={2} size="h4" id="form-guardians" mb="sm">
                {t('form.guardians')}
              </Title>
              <Stack gap="md">
                {guardians.fields.map((item, index) => (
                  <Stack
                    key={item.id}
                    gap="xs"
                    p="sm"
                    style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
                  >
                    <Group justify="space-between">
                      <Title order={3} size="h6">
                        {t('form.guardian', { n: index + 1 })}
                      </Title>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('form.removeGuardian', { n: index + 1 })}
                        onClick={() => guardians.remove(index)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <TextInput
                        label={t('form.fullName')}
                        required
                        {...form.register(`guardians.${index}.fullName`)}
                        error={err(errors.guardians?.[index]?.fullName?.message)}
                      />
                      <Controller
                        control={form.control}
                        name={`guardians.${index}.relationship`}
                        render={({ field }) => (
                          <Select
                            label={t('form.relationship')}
                            data={RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationship.${r}`) }))}
                            value={field.value}
                            onChange={(value) => field.onChange(value ?? 'other')}
                            allowDeselect={false}
                          />
                        )}
                      />
                      <TextInput
                        label={t('form.phone')}
                        type="tel"
                        {...form.register(`guardians.${index}.phone`)}
                      />
                      <TextInput
                        label={t('form.email')}
                        type="email"
                        {...form.register(`guardians.${index}.email`)}
                        error={err(errors.guardians?.[index]?.email?.message)}
                      />
                    </SimpleGrid>
                    <Checkbox
                      label={t('form.isPrimary')}
                      {...form.register(`guardians.${index}.isPrimary`)}
                    />
                  </Stack>
                ))}
                <Button
                  variant="light"
                  w="fit-content"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() =>
                    guardians.append({
                      fullName: '',
                      relationship: 'mother',
                      phone: '',
                      email: '',
                      isPrimary: guardians.fields.length === 0,
                    })
                  }
                >
                  {t('form.addGuardian')}
                </Button>
              </Stack>
            </Card>
          ) : null}
          {mutation.isError ? <ApiErrorAlert error={mutation.error} title={t('form.failed')} /> : null}
          <Button type="submit" w="fit-content" loading={mutation.isPending}>
            {t('form.save')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
