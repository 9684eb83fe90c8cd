import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Permission } from '@shala/contracts';
import {
  IconArrowLeft,
  IconEye,
  IconEyeOff,
  IconPencil,
  IconShieldLock,
  IconUserPlus,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { formatSchoolDate } from '../../../app/school-date';
import { useCan } from '../../auth/hooks/current-user';
import { RELATIONSHIPS, type StudentProfile } from '@shala/contracts';
import { useAddGuardian, useRevealStudent, useStudent } from '../hooks/use-students';
import { useStudentsText } from '../i18n';
import { compact } from '../compact';
import type { GuardianValues } from '../schemas/student.schema';
import { STATUS_COLOR } from './students-list';
import { AccountActions, StudentAccountSection, useCanOnboard } from './account-onboarding';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const guardianResolver = lazyZodResolver(
  async () => (await import('../schemas/student.schema')).guardianSchema,
);

export function StudentProfilePage() {
  const t = useStudentsText();
  const { studentId = '' } = useParams();
  const student = useStudent(studentId);
  const reveal = useRevealStudent();
  const canReveal = useCan(Permission.StudentsSensitiveReveal);
  const canWrite = useCan(Permission.StudentsWrite);
  const canOnboard = useCanOnboard();
  const [revealed, setRevealed] = useState<StudentProfile | null>(null);

  if (student.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader aria-label={t('profile.details')} />
      </Center>
    );
  }
  if (student.isError) return <ApiErrorAlert error={student.error} />;
  const profile = revealed ?? student.data;
  const none = <Text c="dimmed">{t('profile.none')}</Text>;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/students" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('actions.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={profile.fullName}
        intro={
          <Group gap="xs" component="span">
            <span>{profile.admissionNo}</span>
            <Badge color={STATUS_COLOR[profile.status]} variant="light">
              {t(`status.${profile.status}`)}
            </Badge>
          </Group>
        }
        actions={
          canWrite ? (
            <Button
              component={Link}
              to="edit"
              variant="light"
              leftSection={<IconPencil size={16} aria-hidden />}
            >
              {t('profile.edit')}
            </Button>
          ) : null
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder component="section" aria-labelledby="student-details">
          <Title order={2} size="h4" id="student-details" mb="sm">
            {t('profile.details')}
          </Title>
          <Fields>
            <Field label={t('profile.dateOfBirth')}>{formatSchoolDate(profile.dateOfBirth)}</Field>
            <Field label={t('profile.gender')}>{t(`gender.${profile.gender}`)}</Field>
            <Field label={t('profile.admissionDate')}>{formatSchoolDate(profile.admissionDate)}</Field>
            <Field label={t('profile.enrolment')}>
              {profile.enrolment
                ? `${t('profile.classSection', { className: profile.enrolment.className, sectionName: profile.enrolment.sectionName })}${profile.enrolment.rollNo != null ? ` · ${t('profile.rollNo')} ${profile.enrolment.rollNo}` : ''}`
                : t('profile.notEnrolled')}
            </Field>
          </Fields>
        </Card>
        <Card withBorder component="section" aria-labelledby="student-sensitive">
          <Group justify="space-between" mb="sm" gap="xs">
            <Title order={2} size="h4" id="student-sensitive">
              {t('profile.sensitive')}
            </Title>
            {canReveal ? (
              revealed ? (
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconEyeOff size={14} aria-hidden />}
                  onClick={() => setRevealed(null)}
                >
                  {t('profile.hide')}
                </Button>
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  color="orange"
                  leftSection={<IconEye size={14} aria-hidden />}
                  loading={reveal.isPending}
                  onClick={() => reveal.mutate(profile.id, { onSuccess: setRevealed })}
                >
                  {t('profile.reveal')}
                </Button>
              )
            ) : null}
          </Group>
          <Fields>
            <Field label={t('profile.nationalId')}>{profile.nationalId ?? none}</Field>
            <Field label={t('profile.medicalNotes')}>{profile.medicalNotes ?? none}</Field>
            <Field label={t('profile.address')}>{profile.address ?? none}</Field>
          </Fields>
          <Text size="xs" c="dimmed" mt="sm" role="note">
            <IconShieldLock size={12} aria-hidden />{' '}
            {revealed ? t('profile.revealed') : canReveal ? t('profile.revealHelp') : t('profile.maskedNote')}
          </Text>
          {reveal.isError ? <ApiErrorAlert error={reveal.error} /> : null}
        </Card>
      </SimpleGrid>
      <Card withBorder component="section" aria-labelledby="student-guardians">
        <Title order={2} size="h4" id="student-guardians" mb="sm">
          {t('profile.guardians')}
        </Title>
        {profile.guardians.length === 0 ? (
          <EmptyState>{t('profile.noGuardians')}</EmptyState>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {profile.guardians.map((guardian) => (
              <li key={guardian.id} data-testid="guardian">
                <Group gap="xs">
                  <Text fw={600}>{guardian.fullName}</Text>
                  <Badge variant="light">{t(`relationship.${guardian.relationship}`)}</Badge>
                  {guardian.isPrimary ? <Badge variant="outline">{t('profile.primary')}</Badge> : null}
                  {guardian.hasAccount ? (
                    <Badge variant="light" color="teal">
                      {t('profile.hasAccount')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="sm">
                  {t('profile.phone')}: {guardian.phone ?? '—'} · {t('profile.email')}:{' '}
                  {guardian.email ?? '—'}
                </Text>
                {canOnboard ? <AccountActions target={{ kind: 'guardian', guardian }} /> : null}
              </li>
            ))}
          </Stack>
        )}
        {canWrite ? <AddGuardianForm studentId={profile.id} /> : null}
      </Card>
      <Card withBorder component="section" aria-label={t('account.studentTitle')}>
        <StudentAccountSection student={profile} />
      </Card>
    </Stack>
  );
}

function Fields({ children }: { children: ReactNode }) {
  return (
    <Stack gap="xs" component="dl" m={0}>
      {children}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function AddGuardianForm({ studentId }: { studentId: string }) {
  const t = useStudentsText();
  const [open, setOpen] = useState(false);
  const add = useAddGuardian();
  const form = useForm<GuardianValues>({
    resolver: guardianResolver,
    defaultValues: { fullName: '', relationship: 'mother', phone: '', email: '', isPrimary: false },
  });
  const err = useFieldError('students');

  if (!open) {
    return (
      <Button
        mt="md"
        variant="light"
        w="fit-content"
        leftSection={<IconUserPlus size={16} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('profile.addGuardian')}
      </Button>
    );
  }
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) =>
        add.mutate(
          { studentId, ...(compact(values) as GuardianValues) },
          {
            onSuccess: () => {
              form.reset();
              setOpen(false);
            },
          },
        ),
      )}
    >
      <Stack gap="sm" mt="md" maw={480}>
        <TextInput
          label={t('form.fullName')}
          required
          {...form.register('fullName')}
          error={err(form.formState.errors.fullName?.message)}
        />
        <Controller
          control={form.control}
          name="relationship"
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
        <TextInput label={t('form.phone')} type="tel" {...form.register('phone')} />
        <TextInput
          label={t('form.email')}
          type="email"
          {...form.register('email')}
          error={err(form.formState.errors.email?.message)}
        />
        <Checkbox label={t('form.isPrimary')} {...form.register('isPrimary')} />
        {add.isError ? <ApiErrorAlert error={add.error} /> : null}
        <Group gap="sm">
          <Button type="submit" loading={add.isPending}>
            {t('form.saveGuardian')}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
