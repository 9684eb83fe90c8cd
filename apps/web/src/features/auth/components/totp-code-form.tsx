import { Button, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useAuthText } from '../i18n';
import { useFieldError } from '../../../app/forms/field-error';
import type { TotpCodeInput, TotpCodeValues } from '../schemas/mfa.schema';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const totpCodeResolver = lazyZodResolver(async () => (await import('../schemas/mfa.schema')).totpCodeSchema);

interface TotpCodeFormProps {
  label: string;
  submitLabel: string;
  onSubmit: (code: string) => Promise<void>;
  autoFocus?: boolean;
}

/** One 6-digit authenticator code: sign-in, enrolment and the signed-in setup all ask for it this way. */
export function TotpCodeForm({ label, submitLabel, onSubmit, autoFocus = true }: TotpCodeFormProps) {
  const t = useAuthText();
  const fieldError = useFieldError();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<TotpCodeInput, unknown, TotpCodeValues>({
    resolver: totpCodeResolver,
    defaultValues: { code: '' },
  });
  return (
    <form onSubmit={(event) => void handleSubmit((values) => onSubmit(values.code))(event)} noValidate>
      <Stack gap="md">
        <TextInput
          {...register('code')}
          label={label}
          placeholder={t('mfa.codePlaceholder')}
          error={fieldError(errors.code)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          autoFocus={autoFocus}
          required
          styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
        />
        <Button type="submit" size="md" fullWidth loading={isSubmitting}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
