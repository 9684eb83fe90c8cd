import { Button, Loader, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { PasswordField } from '../../../app/components/password-field';
import { useForm } from 'react-hook-form';
import { useAuthText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import type { SignInOutcome } from '../api/auth.types';
import { useLogin } from '../hooks/use-login';
import type { LoginFormInput, LoginFormValues } from '../schemas/login.schema';

/**
 * Validation is the zod schema, as in every form, but zod arrives just after the page has rendered (the
 * form fetches it on mount) instead of with it: the sign-in page's first load stays small (issue 18).
 * A submit before it is in waits for it.
 */
const loginResolver = lazyZodResolver(async () => (await import('../schemas/login.schema')).loginSchema);

interface LoginFormProps {
  /** Prefills the institution, e.g. when coming back from the MFA step. */
  defaultInstitution?: string;
  /** Prefills the email, e.g. after accepting an invitation. */
  defaultEmail?: string;
  /** The form stays busy until what it returns settles (the next step's code may be on its way). */
  onOutcome: (outcome: SignInOutcome, institution: string) => void | Promise<void>;
}

const FIELDS = ['institution', 'email', 'password'] as const;

export function LoginForm({ defaultInstitution = '', defaultEmail = '', onOutcome }: LoginFormProps) {
  const t = useAuthText();
  const fieldError = useFieldError();
  const [checkingBrowser, setCheckingBrowser] = useState(false);
  const login = useLogin({ onCheckingBrowser: setCheckingBrowser });
  useEffect(() => {
    void loginResolver.preload();
  }, []);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginFormInput, unknown, LoginFormValues>({
    resolver: loginResolver,
    defaultValues: { institution: defaultInstitution, email: defaultEmail, password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const outcome = await login.mutateAsync(values);
      await onOutcome(outcome, values.institution);
    } catch (error) {
      // The alert shows login.error; field-level details go next to their fields.
      applyServerFieldErrors(error, FIELDS, setError);
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('login.title')}>
      <Stack gap="md">
        {login.isError ? <ApiErrorAlert error={login.error} title={t('login.failed')} /> : null}
        <TextInput
          {...register('institution')}
          label={t('login.institution')}
          description={t('login.institutionDescription')}
          placeholder={t('login.institutionPlaceholder')}
          error={fieldError(errors.institution)}
          autoComplete="organization"
          autoCapitalize="none"
          autoCorrect="off"
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
        <PasswordField
          {...register('password')}
          label={t('login.password')}
          placeholder={t('login.passwordPlaceholder')}
          error={fieldError(errors.password)}
          autoComplete="current-password"
          required
        />
        <Button type="submit" size="md" fullWidth loading={isSubmitting} mt="xs">
          {t('login.submit')}
        </Button>
        {checkingBrowser ? (
          <Group gap="xs" justify="center" role="status" aria-live="polite">
            <Loader size="xs" aria-hidden />
            <Text size="sm" c="dimmed">
              {t('login.checkingBrowser')}
            </Text>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
