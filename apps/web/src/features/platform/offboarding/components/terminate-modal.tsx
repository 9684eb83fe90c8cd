import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, NumberInput, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  EXPORT_PASSPHRASE_MAX_LENGTH,
  EXPORT_PASSPHRASE_MIN_LENGTH,
  OFFBOARDING_RETENTION_DEFAULT_DAYS,
  OFFBOARDING_RETENTION_MAX_DAYS,
  OFFBOARDING_RETENTION_MIN_DAYS,
  type PlatformInstitutionDto,
} from '@shala/contracts';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { FormModal } from '../../../../app/components/form-modal';
import { useFieldError } from '../../../../app/forms/field-error';
import { useTerminateInstitution } from '../hooks/use-offboarding';
import { useOffboardingText } from '../i18n';

/** The form's rules; the typed name is checked against the chosen school here and again by the API. */
function terminateSchema(schools: PlatformInstitutionDto[]) {
  return z
    .object({
      institutionId: z.string().min(1),
      confirmName: z.string(),
      retentionDays: z.number().int().min(OFFBOARDING_RETENTION_MIN_DAYS).max(OFFBOARDING_RETENTION_MAX_DAYS),
      passphrase: z
        .string()
        .min(EXPORT_PASSPHRASE_MIN_LENGTH, 'passphraseShort')
        .max(EXPORT_PASSPHRASE_MAX_LENGTH),
      passphraseAgain: z.string(),
    })
    .refine((v) => v.passphrase === v.passphraseAgain, {
      path: ['passphraseAgain'],
      message: 'passphraseMismatch',
    })
    .refine((v) => schools.find((s) => s.id === v.institutionId)?.name.trim() === v.confirmName.trim(), {
      path: ['confirmName'],
      message: 'confirmMismatch',
    });
}
type TerminateValues = z.infer<ReturnType<typeof terminateSchema>>;

/** POST /api/v1/platform/institutions/:id/offboarding: choose the school, type its name, set the passphrase. */
export function TerminateModal({
  opened,
  onClose,
  schools,
}: {
  opened: boolean;
  onClose: () => void;
  schools: PlatformInstitutionDto[];
}) {
  const t = useOffboardingText();
  const fieldError = useFieldError('offboarding');
  const terminate = useTerminateInstitution();
  const {
    register,
    control,
    handleSubmit,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<TerminateValues>({
    resolver: zodResolver(terminateSchema(schools)),
    defaultValues: {
      institutionId: '',
      confirmName: '',
      retentionDays: OFFBOARDING_RETENTION_DEFAULT_DAYS,
      passphrase: '',
      passphraseAgain: '',
    },
  });
  const chosen = schools.find((s) => s.id === watch('institutionId'));
  const close = () => {
    reset();
    terminate.reset();
    onClose();
  };
  const submit = handleSubmit(async (values) => {
    try {
      await terminate.mutateAsync({
        id: values.institutionId,
        confirmName: values.confirmName,
        retentionDays: values.retentionDays,
        passphrase: values.passphrase,
      });
      close();
      notifications.show({ color: 'teal', message: t('terminated', { name: chosen?.name ?? '' }) });
    } catch {
      // shown in the modal from terminate.error
    }
  });

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={chosen ? t('terminateTitle', { name: chosen.name }) : t('terminate')}
      onSubmit={submit}
      submitLabel={t('submit')}
      submitColor="red"
      busy={isSubmitting}
      error={terminate.error}
      errorTitle={t('failed')}
    >
      <Stack gap="md">
        <Controller
          control={control}
          name="institutionId"
          render={({ field }) => (
            <Select
              label={t('school')}
              placeholder={t('schoolPlaceholder')}
              data={schools.map((s) => ({ value: s.id, label: s.name }))}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              error={fieldError(errors.institutionId)}
              searchable
              required
              data-autofocus
            />
          )}
        />
        {chosen ? (
          <Alert color="red" variant="light">
            {t('terminateWarning', { name: chosen.name })}
          </Alert>
        ) : null}
        <TextInput
          {...register('confirmName')}
          label={t('confirmName')}
          description={chosen ? t('confirmNameDescription', { name: chosen.name }) : undefined}
          error={fieldError(errors.confirmName)}
          autoComplete="off"
          required
        />
        <Controller
          control={control}
          name="retentionDays"
          render={({ field }) => (
            <NumberInput
              label={t('retentionDays')}
              description={t('retentionDescription')}
              min={OFFBOARDING_RETENTION_MIN_DAYS}
              max={OFFBOARDING_RETENTION_MAX_DAYS}
              value={field.value}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))}
              error={fieldError(errors.retentionDays)}
              required
            />
          )}
        />
        <PasswordInput
          {...register('passphrase')}
          label={t('passphrase')}
          description={t('passphraseDescription')}
          error={fieldError(errors.passphrase)}
          autoComplete="new-password"
          required
        />
        <PasswordInput
          {...register('passphraseAgain')}
          label={t('passphraseAgain')}
          error={fieldError(errors.passphraseAgain)}
          autoComplete="new-password"
          required
        />
      </Stack>
    </FormModal>
  );
}
