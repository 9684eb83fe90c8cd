import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Permission, RoleDto } from '@shala/contracts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { fieldErrorText } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { roleLabel } from '../../auth/components/display-name';
import { useCreateRole } from '../hooks/use-roles';
import { createRoleSchema, type CreateRoleInput, type CreateRoleValues } from '../schemas/role.schema';

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
  const { t } = useTranslation();
  const create = useCreateRole();
  const names = new Map(roles.map((role) => [role.key, role.name] as const));
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateRoleInput, unknown, CreateRoleValues>({
    resolver: zodResolver(createRoleSchema),
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
      notifications.show({ color: 'teal', message: t('roles.created', { role: role.name }) });
    } catch (error) {
      applyServerFieldErrors(error, FIELDS, setError);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title={t('roles.createTitle')} centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          {create.isError ? <ApiErrorAlert error={create.error} title={t('roles.failed')} /> : null}
          <TextInput
            {...register('name')}
            label={t('roles.name')}
            error={fieldErrorText(t, errors.name)}
            required
            data-autofocus
          />
          <TextInput
            {...register('key')}
            label={t('roles.key')}
            description={t('roles.keyDescription')}
            error={fieldErrorText(t, errors.key)}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            required
          />
          <NativeSelect
            {...register('copyFrom')}
            label={t('roles.copyFrom')}
            data={[
              { value: '', label: t('roles.copyFromNone') },
              ...roles.map((role) => ({ value: role.id, label: roleLabel(t, role.key, names) })),
            ]}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('roles.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
