import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RoleDto } from '@shala/contracts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { fieldErrorText } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useRenameRole } from '../hooks/use-roles';
import { renameRoleSchema, type RenameRoleInput, type RenameRoleValues } from '../schemas/role.schema';

/** PATCH /api/v1/roles/:id */
export function RenameRoleModal({ role, onClose }: { role: RoleDto; onClose: () => void }) {
  const { t } = useTranslation();
  const rename = useRenameRole();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RenameRoleInput, unknown, RenameRoleValues>({
    resolver: zodResolver(renameRoleSchema),
    defaultValues: { name: role.name },
  });

  const submit = handleSubmit(async ({ name }) => {
    try {
      await rename.mutateAsync({ id: role.id, name });
      onClose();
      notifications.show({ color: 'teal', message: t('roles.renamed', { role: name }) });
    } catch (error) {
      applyServerFieldErrors(error, ['name'], setError);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('roles.renameTitle', { role: role.name })} centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          {rename.isError ? <ApiErrorAlert error={rename.error} title={t('roles.failed')} /> : null}
          <TextInput
            {...register('name')}
            label={t('roles.name')}
            error={fieldErrorText(t, errors.name)}
            required
            data-autofocus
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
