import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UserDto } from '@shala/contracts';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { fieldErrorText } from '../../../app/forms/field-error';
import { displayNameOf } from '../../auth/components/display-name';
import { useRoleOptions } from '../../roles/hooks/use-roles';
import { useSetUserRoles } from '../hooks/use-users';
import { userRolesSchema, type UserRolesInput, type UserRolesValues } from '../schemas/user.schema';

/** PUT /api/v1/users/:id/roles. Saving is the confirmation: the modal says the user is signed out everywhere. */
export function UserRolesModal({ user, onClose }: { user: UserDto; onClose: () => void }) {
  const { t } = useTranslation();
  const setRoles = useSetUserRoles();
  const roleOptions = useRoleOptions();
  const name = displayNameOf(user);
  const {
    handleSubmit,
    control,
    formState: { errors, isSubmitting },
  } = useForm<UserRolesInput, unknown, UserRolesValues>({
    resolver: zodResolver(userRolesSchema),
    defaultValues: { roles: user.roles },
  });

  const submit = handleSubmit(async ({ roles }) => {
    try {
      await setRoles.mutateAsync({ id: user.id, roles });
      onClose();
      notifications.show({ color: 'teal', message: t('users.rolesSaved', { name }) });
    } catch {
      // Shown by the alert (e.g. 422 LAST_ADMIN).
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('users.rolesTitle', { name })} centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('users.rolesBody', { name })}</Text>
          {setRoles.isError ? <ApiErrorAlert error={setRoles.error} title={t('users.actionFailed')} /> : null}
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
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
