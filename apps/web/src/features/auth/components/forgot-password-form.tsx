import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useAuthText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useFieldError } from '../../../app/forms/field-error';
import { useRequestPasswordReset } from '../hooks/use-password-reset';
import type { PasswordResetRequestInput, PasswordResetRequestValues } from '../schemas/password.schema';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const passwordResetRequestResolver = lazyZodResolver(
  async () => (await import('../schemas/password.schema')).passwordResetRequestSchema,
);

/** Asks for a reset link. The answer is the same whether or not the account exists (AUT-08). */
export function ForgotPasswordForm() {
  const t = useAuthText();
  const fieldError = useFieldError();
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<PasswordResetRequestValues | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<PasswordResetRequestInput, unknown, PasswordResetRequestValues>({
    resolver: passwordResetRequestResolver,
    defaultValues: { institution: '', email: '' },
  });

  const submit = handleSubmit(async (values) => {
    try {
      await request.mutateAsync(values);
      setSentTo(values);
    } catch {
      // Shown by the alert (request.error).
    }
  });

  if (sentTo) {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconMailCheck aria-hidden />}
        title={t('forgot.sentTitle')}
        role="status"
      >
        <Text size="sm">{t('forgot.sent', { email: sentTo.email, institution: sentTo.institution })}</Text>
      </Alert>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('forgot.intro')}
        </Text>
        {request.isError ? <ApiErrorAlert error={request.error} title={t('forgot.failed')} /> : null}
        <TextInput
          {...register('institution')}
          label={t('login.institution')}
          description={t('login.institutionDescription')}
          placeholder={t('login.institutionPlaceholder')}
          error={fieldError(errors.institution)}
          autoComplete="organization"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextInput
          {...register('email')}
          type="email"
          label={t('login.email')}
          placeholder={t('login.emailPlaceholder')}
          error={fieldError(errors.email)}
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <Button type="submit" size="md" fullWidth loading={isSubmitting}>
          {t('forgot.submit')}
        </Button>
      </Stack>
    </form>
  );
}
