import { Button, Stack, TextInput } from '@mantine/core';
import { useLayoutEffect } from 'react';
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
  /** Focus the code field when the form appears (default). */
  focusOnMount?: boolean;
}

/** One 6-digit authenticator code: sign-in, enrolment and the signed-in setup all ask for it this way. */
export function TotpCodeForm({ label, submitLabel, onSubmit, focusOnMount = true }: TotpCodeFormProps) {
  const t = useAuthText();
  const fieldError = useFieldError();
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<TotpCodeInput, unknown, TotpCodeValues>({
    resolver: totpCodeResolver,
    defaultValues: { code: '' },
  });
  // Focused on mount, not by the autofocus attribute: Preact (preact-alias.ts) sets the attribute where
  // React focused the field itself, and a browser ignores autofocus once something on the page had focus.
  useLayoutEffect(() => {
    if (focusOnMount) setFocus('code');
  }, [focusOnMount, setFocus]);
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
