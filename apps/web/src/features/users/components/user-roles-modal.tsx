import { MultiSelect, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UserDto } from '@shala/contracts';
import { Controller, useForm } from 'react-hook-form';
import { useUsersText } from '../i18n';
import { useFieldError } from '../../../app/forms/field-error';
import { displayNameOf } from '../../auth/components/display-name';
import { useRoleOptions } from '../../roles/hooks/use-roles';
import { useSetUserRoles } from '../hooks/use-users';
import type { UserRolesInput, UserRolesValues } from '../schemas/user.schema';
import { FormModal } from '../../../app/components/form-modal';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const userRolesResolver = lazyZodResolver(
  async () => (await import('../schemas/user.schema')).userRolesSchema,
);

/** PUT /api/v1/users/:id/roles. Saving is the confirmation: the modal says the user is signed out everywhere. */
export function UserRolesModal({ user, onClose }: { user: UserDto; onClose: () => void }) {
  const t = useUsersText();
  const fieldError = useFieldError();
  const setRoles = useSetUserRoles();
  const roleOptions = useRoleOptions();
  const name = displayNameOf(user);
  const {
    handleSubmit,
    control,
    formState: { errors, isSubmitting },
  } = useForm<UserRolesInput, unknown, UserRolesValues>({
    resolver: userRolesResolver,
    defaultValues: { roles: user.roles },
  });

  const submit = handleSubmit(async ({ roles }) => {
    try {
      await setRoles.mutateAsync({ id: user.id, roles });
      onClose();
      notifications.show({ color: 'teal', message: t('rolesSaved', { name }) });
    } catch {
      // Shown by the alert (e.g. 422 LAST_ADMIN).
    }
  });

  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('rolesTitle', { name })}
      onSubmit={submit}
      submitLabel={t('common.save')}
      busy={isSubmitting}
      error={setRoles.error}
      errorTitle={t('actionFailed')}
      intro={<Text size="sm">{t('rolesBody', { name })}</Text>}
    >
      <Controller
        control={control}
        name="roles"
        render={({ field }) => (
          <MultiSelect
            label={t('roles')}
            placeholder={t('rolesPlaceholder')}
            data={roleOptions.options}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={fieldError(errors.roles)}
            searchable
            required
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
    </FormModal>
  );
}
