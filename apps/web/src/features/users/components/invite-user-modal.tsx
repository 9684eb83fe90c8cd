import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { fieldErrorText } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useRoleOptions } from '../../roles/hooks/use-roles';
import { useInviteUser } from '../hooks/use-users';
import { inviteUserSchema, type InviteUserInput, type InviteUserValues } from '../schemas/user.schema';

const FIELDS = ['email', 'displayName', 'roles'] as const;

/** POST /api/v1/users/invitations: email, name and roles; the user gets a link to set a password. */
export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invite = useInviteUser();
  const roleOptions = useRoleOptions();
  const {
    register,
    handleSubmit,
    control,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<InviteUserInput, unknown, InviteUserValues>({
    resolver: zodResolver(inviteUserSchema),
    defaultValues: { email: '', displayName: '', roles: [] },
  });
  const close = () => {
    reset();
    invite.reset();
    onClose();
  };

  const submit = handleSubmit(async (values) => {
    try {
      const user = await invite.mutateAsync(values);
      close();
      notifications.show({ color: 'teal', message: t('users.invited', { email: user.email }) });
    } catch (error) {
      applyServerFieldErrors(error, FIELDS, setError);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title={t('users.inviteTitle')} centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('users.inviteIntro')}
          </Text>
          {invite.isError ? <ApiErrorAlert error={invite.error} title={t('users.actionFailed')} /> : null}
          <TextInput
            {...register('email')}
            type="email"
            label={t('users.email')}
            error={fieldErrorText(t, errors.email)}
            autoComplete="off"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            data-autofocus
          />
          <TextInput
            {...register('displayName')}
            label={t('users.displayName')}
            error={fieldErrorText(t, errors.displayName)}
            autoComplete="off"
            required
          />
          <Controller
            control={control}
            name="roles"
            render={({ field }) => (
              <MultiSelect
                label={t('users.roles')}
                placeholder={t('users.rolesPlaceholder')}
                data={roleOptions.options}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldErrorText(t, errors.roles)}
                searchable
                required
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('users.inviteSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
