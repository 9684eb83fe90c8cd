import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ProvisionInstitutionRequest } from '@shala/contracts';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { fieldErrorText } from '../../../app/forms/field-error';
import { useProvisionInstitution } from '../hooks/use-institutions';
import { provisionSchema, type ProvisionInput, type ProvisionValues } from '../schemas/provision.schema';

/** API detail fields (the request's shape) to the form's own fields. */
const SERVER_FIELDS: Record<string, keyof ProvisionValues> = {
  slug: 'slug',
  name: 'name',
  timeZone: 'timeZone',
  currency: 'currency',
  'admin.email': 'adminEmail',
  'admin.displayName': 'adminName',
};

function placeDetails<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>): void {
  const problem = toApiProblem(error);
  if (problem.status !== 400 && problem.status !== 409) return;
  for (const detail of problem.details) {
    const field = detail.field ? SERVER_FIELDS[detail.field] : undefined;
    if (field) setError(field as Path<T>, { type: 'server', message: detail.message });
  }
}

/** POST /api/v1/platform/institutions */
export function ProvisionModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const provision = useProvisionInstitution();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProvisionInput, unknown, ProvisionValues>({
    resolver: zodResolver(provisionSchema),
    defaultValues: { slug: '', name: '', timeZone: '', currency: '', adminEmail: '', adminName: '' },
  });
  const close = () => {
    reset();
    provision.reset();
    onClose();
  };

  const submit = handleSubmit(async (values) => {
    const request: ProvisionInstitutionRequest = {
      slug: values.slug,
      name: values.name,
      ...(values.timeZone ? { timeZone: values.timeZone } : {}),
      ...(values.currency ? { currency: values.currency } : {}),
      admin: { email: values.adminEmail, displayName: values.adminName },
    };
    try {
      const result = await provision.mutateAsync(request);
      close();
      notifications.show({
        color: 'teal',
        message: t('platform.provisioned', { name: result.institution.name, email: result.admin.email }),
      });
    } catch (error) {
      placeDetails(error, setError);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title={t('platform.provisionTitle')} centered size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('platform.provisionIntro')}
          </Text>
          {provision.isError ? <ApiErrorAlert error={provision.error} title={t('platform.failed')} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              {...register('name')}
              label={t('platform.name')}
              error={fieldErrorText(t, errors.name)}
              required
              data-autofocus
            />
            <TextInput
              {...register('slug')}
              label={t('platform.slug')}
              description={t('platform.slugDescription')}
              error={fieldErrorText(t, errors.slug)}
              autoCapitalize="none"
              spellCheck={false}
              required
            />
            <TextInput
              {...register('timeZone')}
              label={t('platform.timeZone')}
              description={t('platform.timeZoneDescription')}
              placeholder={t('platform.timeZonePlaceholder')}
              error={fieldErrorText(t, errors.timeZone)}
              autoCapitalize="none"
              spellCheck={false}
            />
            <TextInput
              {...register('currency')}
              label={t('platform.currency')}
              description={t('platform.currencyDescription')}
              placeholder={t('platform.currencyPlaceholder')}
              error={fieldErrorText(t, errors.currency)}
              maxLength={3}
              autoCapitalize="characters"
            />
            <TextInput
              {...register('adminName')}
              label={t('platform.adminName')}
              error={fieldErrorText(t, errors.adminName)}
              autoComplete="off"
              required
            />
            <TextInput
              {...register('adminEmail')}
              type="email"
              label={t('platform.adminEmail')}
              error={fieldErrorText(t, errors.adminEmail)}
              autoComplete="off"
              inputMode="email"
              autoCapitalize="none"
              spellCheck={false}
              required
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('platform.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
