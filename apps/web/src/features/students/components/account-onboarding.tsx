import { zodResolver } from '@hookform/resolvers/zod';
import { Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import {
  DefaultRole,
  Permission,
  type Guardian,
  type InvitationChannel,
  type InvitedUser,
  type StudentProfile,
} from '@shala/contracts';
import { IconLink, IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { FormModal } from '../../../app/components/form-modal';
import { fields } from '../../../app/forms/fields';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useCan } from '../../auth/hooks/current-user';
import { ChannelChoice, InvitationResult } from '../../users/components/invitation-result';
import { useInvitationChannels, useUserDirectory } from '../../users/hooks/use-users';
import {
  useCreateLinkedAccount,
  useLinkGuardianAccount,
  useLinkStudentAccount,
} from '../hooks/use-student-accounts';
import { useStudentsText } from '../i18n';
import { StudentConsentPanel } from '../../privacy/consent/components/student-consent-panel';

/** Whose account: a guardian's parent account, or the student's own. */
export type AccountTarget =
  { kind: 'guardian'; guardian: Guardian } | { kind: 'student'; student: StudentProfile };

const accountSchema = z.object({ email: fields.email(), displayName: fields.displayName() });
type AccountValues = z.output<typeof accountSchema>;
const FIELDS = ['email', 'displayName'] as const;

/** Creating or linking accounts changes users and student records: it takes both permissions. */
export function useCanOnboard(): boolean {
  const users = useCan(Permission.UsersWrite);
  const students = useCan(Permission.StudentsWrite);
  return users && students;
}

/**
 * The buttons beside a guardian or a student without an account: create one, or link an existing one.
 * It stays mounted once the account exists, so the result (and its one-time link) stays on screen.
 */
export function AccountActions({ target }: { target: AccountTarget }) {
  const t = useStudentsText();
  const [open, setOpen] = useState<'create' | 'link' | null>(null);
  const name = target.kind === 'guardian' ? target.guardian.fullName : target.student.fullName;
  const hasAccount = target.kind === 'guardian' ? target.guardian.hasAccount : target.student.hasAccount;
  return (
    <>
      {hasAccount ? null : (
        <Group gap="xs" mt={6}>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserPlus size={14} aria-hidden />}
            onClick={() => setOpen('create')}
            aria-label={
              target.kind === 'guardian'
                ? t('account.createParentFor', { name })
                : t('account.createStudentFor', { name })
            }
          >
            {target.kind === 'guardian' ? t('account.createParent') : t('account.createStudent')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconLink size={14} aria-hidden />}
            onClick={() => setOpen('link')}
            aria-label={t('account.linkFor', { name })}
          >
            {t('account.link')}
          </Button>
        </Group>
      )}
      {open === 'create' ? <CreateAccountModal target={target} onClose={() => setOpen(null)} /> : null}
      {open === 'link' ? <LinkAccountModal target={target} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** The student's own account: a badge when linked, else the actions. */
export function StudentAccountSection({ student }: { student: StudentProfile }) {
  const t = useStudentsText();
  const canOnboard = useCanOnboard();
  return (
    <Stack gap={4} data-testid="student-account">
      <Text size="sm" fw={600}>
        {t('account.studentTitle')}
      </Text>
      {student.hasAccount ? (
        <Badge variant="light" color="teal" w="fit-content">
          {t('account.studentHasAccount')}
        </Badge>
      ) : (
        <Text size="sm" c="dimmed">
          {t('account.studentNone')}
        </Text>
      )}
      {canOnboard ? (
        // A minor's account needs a guardian's consent first (issue 13 item 7): the panel says why not yet.
        <StudentConsentPanel studentId={student.id}>
          <AccountActions target={{ kind: 'student', student }} />
        </StudentConsentPanel>
      ) : null}
    </Stack>
  );
}

/** POST users/invitations with the guardian or student: the account is created, linked and invited. */
function CreateAccountModal({ target, onClose }: { target: AccountTarget; onClose: () => void }) {
  const t = useStudentsText();
  const err = useFieldError('students');
  const create = useCreateLinkedAccount();
  const channels = useInvitationChannels();
  const [channel, setChannel] = useState<InvitationChannel>('email');
  const [result, setResult] = useState<InvitedUser | null>(null);
  const guardian = target.kind === 'guardian' ? target.guardian : null;
  const form = useForm<AccountValues>({
    resolver: zodResolver(accountSchema),
    defaultValues: {
      // A masked email is never a real address: the admin types it then.
      email: guardian && !guardian.masked ? (guardian.email ?? '') : '',
      displayName: guardian ? guardian.fullName : target.kind === 'student' ? target.student.fullName : '',
    },
  });
  const title = target.kind === 'guardian' ? t('account.createParentTitle') : t('account.createStudentTitle');

  if (result) {
    return (
      <Modal opened onClose={onClose} title={title} centered>
        <Stack gap="md">
          <Text size="sm">{t('account.created', { email: result.email })}</Text>
          <InvitationResult invitation={result.invitation} oneTimeLink={result.oneTimeLink} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('account.done')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  const submit = form.handleSubmit(async (values) => {
    try {
      const answer = await create.mutateAsync({
        ...values,
        channel,
        ...(target.kind === 'guardian'
          ? { guardianId: target.guardian.id, roles: [DefaultRole.Parent] }
          : { studentId: target.student.id, roles: [DefaultRole.Student] }),
      });
      setResult(answer);
    } catch (error) {
      applyServerFieldErrors(error, FIELDS, form.setError);
    }
  });

  return (
    <FormModal
      onClose={onClose}
      title={title}
      onSubmit={submit}
      submitLabel={t('account.send')}
      busy={form.formState.isSubmitting}
      error={create.error}
      errorTitle={t('account.failed')}
      intro={
        <Text size="sm" c="dimmed">
          {target.kind === 'guardian' ? t('account.parentIntro') : t('account.studentIntro')}
        </Text>
      }
    >
      <TextInput
        {...form.register('email')}
        type="email"
        label={t('account.email')}
        error={err(form.formState.errors.email?.message)}
        autoComplete="off"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        data-autofocus
      />
      <TextInput
        {...form.register('displayName')}
        label={t('account.displayName')}
        error={err(form.formState.errors.displayName?.message)}
        autoComplete="off"
        required
      />
      {channels.data ? (
        <ChannelChoice channels={channels.data.channels} value={channel} onChange={setChannel} />
      ) : null}
    </FormModal>
  );
}

/** Links an account that already exists (a parent with children here already, or a re-admitted student). */
function LinkAccountModal({ target, onClose }: { target: AccountTarget; onClose: () => void }) {
  const t = useStudentsText();
  const directory = useUserDirectory();
  const linkGuardian = useLinkGuardianAccount();
  const linkStudent = useLinkStudentAccount();
  const [userId, setUserId] = useState<string | null>(null);
  const role = target.kind === 'guardian' ? DefaultRole.Parent : DefaultRole.Student;
  const options = directory.users
    .filter((u) => u.roles.includes(role))
    .map((u) => ({ value: u.id, label: `${u.displayName} · ${u.email}` }));
  const mutation = target.kind === 'guardian' ? linkGuardian : linkStudent;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!userId) return;
    try {
      if (target.kind === 'guardian')
        await linkGuardian.mutateAsync({ guardianId: target.guardian.id, userId });
      else await linkStudent.mutateAsync({ studentId: target.student.id, userId });
      onClose();
    } catch {
      // The modal shows the error and stays open.
    }
  };
  return (
    <FormModal
      onClose={onClose}
      title={t('account.linkTitle')}
      onSubmit={submit}
      submitLabel={t('account.linkSubmit')}
      busy={mutation.isPending}
      error={mutation.error}
      errorTitle={t('account.failed')}
    >
      <Select
        label={t('account.chooseAccount')}
        placeholder={t('account.choosePlaceholder')}
        data={options}
        value={userId}
        onChange={setUserId}
        searchable
        nothingFoundMessage={t('account.noAccounts')}
        required
        comboboxProps={{ withinPortal: true }}
      />
    </FormModal>
  );
}
