import { TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RoleDto } from '@shala/contracts';
import { useForm } from 'react-hook-form';
import { useRolesText } from '../i18n';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useRenameRole } from '../hooks/use-roles';
import type { RenameRoleInput, RenameRoleValues } from '../schemas/role.schema';
import { FormModal } from '../../../app/components/form-modal';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const renameRoleResolver = lazyZodResolver(
  async () => (await import('../schemas/role.schema')).renameRoleSchema,
);

/** PATCH /api/v1/roles/:id */
export function RenameRoleModal({ role, onClose }: { role: RoleDto; onClose: () => void }) {
  const t = useRolesText();
  const fieldError = useFieldError();
  const rename = useRenameRole();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RenameRoleInput, unknown, RenameRoleValues>({
    resolver: renameRoleResolver,
    defaultValues: { name: role.name },
  });

  const submit = handleSubmit(async ({ name }) => {
    try {
      await rename.mutateAsync({ id: role.id, name });
      onClose();
      notifications.show({ color: 'teal', message: t('renamed', { role: name }) });
    } catch (error) {
      applyServerFieldErrors(error, ['name'], setError);
    }
  });

  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('renameTitle', { role: role.name })}
      onSubmit={submit}
      submitLabel={t('common.save')}
      busy={isSubmitting}
      error={rename.error}
      errorTitle={t('failed')}
    >
      <TextInput
        {...register('name')}
        label={t('name')}
        error={fieldError(errors.name)}
        required
        data-autofocus
      />
    </FormModal>
  );
}
