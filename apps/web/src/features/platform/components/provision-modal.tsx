import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ProvisionInstitutionRequest, ProvisionInstitutionResponse } from '@shala/contracts';
import { useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useForm } from 'react-hook-form';
import { usePlatformText } from '../i18n';
import { toApiProblem } from '../../../app/api/errors';
import { useFieldError } from '../../../app/forms/field-error';
import { useProvisionInstitution } from '../hooks/use-institutions';
import type { ProvisionInput, ProvisionValues } from '../schemas/provision.schema';
import { FormModal } from '../../../app/components/form-modal';
import { DeliveryBadge, OneTimeLink } from '../../users/components/invitation-result';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const provisionResolver = lazyZodResolver(
  async () => (await import('../schemas/provision.schema')).provisionSchema,
);

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
  const t = usePlatformText();
  const fieldError = useFieldError();
  const provision = useProvisionInstitution();
  const [undelivered, setUndelivered] = useState<ProvisionInstitutionResponse | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProvisionInput, unknown, ProvisionValues>({
    resolver: provisionResolver,
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
      // An invitation that cannot be delivered: the operator gets its link once, to hand over.
      if (result.admin.oneTimeLink) setUndelivered(result);
      else
        notifications.show({
          color: 'teal',
          message: t('provisioned', { name: result.institution.name, email: result.admin.email }),
        });
    } catch (error) {
      placeDetails(error, setError);
    }
  });

  const form = (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('provisionTitle')}
      size="lg"
      onSubmit={submit}
      submitLabel={t('submit')}
      busy={isSubmitting}
      error={provision.error}
      errorTitle={t('failed')}
      intro={
        <Text size="sm" c="dimmed">
          {t('provisionIntro')}
        </Text>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          {...register('name')}
          label={t('name')}
          error={fieldError(errors.name)}
          required
          data-autofocus
        />
        <TextInput
          {...register('slug')}
          label={t('slug')}
          description={t('slugDescription')}
          error={fieldError(errors.slug)}
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextInput
          {...register('timeZone')}
          label={t('timeZone')}
          description={t('timeZoneDescription')}
          placeholder={t('timeZonePlaceholder')}
          error={fieldError(errors.timeZone)}
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextInput
          {...register('currency')}
          label={t('currency')}
          description={t('currencyDescription')}
          placeholder={t('currencyPlaceholder')}
          error={fieldError(errors.currency)}
          maxLength={3}
          autoCapitalize="characters"
        />
        <TextInput
          {...register('adminName')}
          label={t('adminName')}
          error={fieldError(errors.adminName)}
          autoComplete="off"
          required
        />
        <TextInput
          {...register('adminEmail')}
          type="email"
          label={t('adminEmail')}
          error={fieldError(errors.adminEmail)}
          autoComplete="off"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
      </SimpleGrid>
    </FormModal>
  );
  return (
    <>
      {form}
      <Modal
        opened={undelivered !== null}
        onClose={() => setUndelivered(null)}
        title={undelivered ? t('firstAdmin.title', { name: undelivered.institution.name }) : ''}
        centered
      >
        {undelivered ? (
          <Stack gap="md" data-testid="first-admin-invitation">
            <Group gap="xs" align="flex-start">
              <DeliveryBadge delivery={undelivered.admin.delivery ?? 'not_deliverable'} />
              <Text size="sm">
                {t('firstAdmin.notDeliverable', {
                  email: undelivered.admin.email,
                  problem: undelivered.admin.deliveryProblem ?? '—',
                })}
              </Text>
            </Group>
            <OneTimeLink link={undelivered.admin.oneTimeLink ?? ''} name={undelivered.admin.email} />
            <Group justify="flex-end">
              <Button onClick={() => setUndelivered(null)}>{t('firstAdmin.done')}</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
