import { NativeSelect, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Permission, RoleDto } from '@shala/contracts';
import { useForm } from 'react-hook-form';
import { useRolesText } from '../i18n';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { roleLabel } from '../../auth/components/display-name';
import { useCreateRole } from '../hooks/use-roles';
import type { CreateRoleInput, CreateRoleValues } from '../schemas/role.schema';
import { FormModal } from '../../../app/components/form-modal';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const createRoleResolver = lazyZodResolver(
  async () => (await import('../schemas/role.schema')).createRoleSchema,
);

const FIELDS = ['key', 'name'] as const;

interface CreateRoleModalProps {
  opened: boolean;
  roles: RoleDto[];
  /** Permissions the institution may grant (a school cannot grant the operator's). */
  grantable: ReadonlySet<Permission>;
  onClose: () => void;
}

/** POST /api/v1/roles: a custom role, empty or starting from another role's permissions. */
export function CreateRoleModal({ opened, roles, grantable, onClose }: CreateRoleModalProps) {
  const t = useRolesText();
  const fieldError = useFieldError();
  const create = useCreateRole();
  const names = new Map(roles.map((role) => [role.key, role.name] as const));
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateRoleInput, unknown, CreateRoleValues>({
    resolver: createRoleResolver,
    defaultValues: { key: '', name: '', copyFrom: '' },
  });
  const close = () => {
    reset();
    create.reset();
    onClose();
  };

  const submit = handleSubmit(async ({ key, name, copyFrom }) => {
    const source = roles.find((role) => role.id === copyFrom);
    const permissions = (source?.permissions ?? []).filter((p) => grantable.has(p));
    try {
      const role = await create.mutateAsync({ key, name, permissions });
      close();
      notifications.show({ color: 'teal', message: t('created', { role: role.name }) });
    } catch (error) {
      applyServerFieldErrors(error, FIELDS, setError);
    }
  });

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('createTitle')}
      onSubmit={submit}
      submitLabel={t('createSubmit')}
      busy={isSubmitting}
      error={create.error}
      errorTitle={t('failed')}
    >
      <TextInput
        {...register('name')}
        label={t('name')}
        error={fieldError(errors.name)}
        required
        data-autofocus
      />
      <TextInput
        {...register('key')}
        label={t('key')}
        description={t('keyDescription')}
        error={fieldError(errors.key)}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
      />
      <NativeSelect
        {...register('copyFrom')}
        label={t('copyFrom')}
        data={[
          { value: '', label: t('copyFromNone') },
          ...roles.map((role) => ({ value: role.id, label: roleLabel(t, role.key, names) })),
        ]}
      />
    </FormModal>
  );
}
