import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { PasswordField } from '../../../app/components/password-field';
import { notifications } from '@mantine/notifications';
import { AuthErrorCode } from '@shala/contracts';
import { useForm, useWatch } from 'react-hook-form';
import { useAccountText } from '../i18n';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { PasswordStrengthMeter } from '../../auth/components/password-strength-meter';
import { useCurrentUser } from '../../auth/hooks/current-user';
import type { ChangePasswordInput, ChangePasswordValues } from '../../auth/schemas/password.schema';
import { useChangePassword } from '../hooks/use-change-password';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const changePasswordResolver = lazyZodResolver(
  async () => (await import('../../auth/schemas/password.schema')).changePasswordSchema,
);

const SERVER_FIELDS = ['currentPassword', 'newPassword'] as const;

/** Change password with re-authentication (AUT-05); the API's policy answer shows on the field it names. */
export function ChangePasswordCard() {
  const t = useAccountText();
  const fieldError = useFieldError();
  const me = useCurrentUser();
  const change = useChangePassword();
  const {
    register,
    handleSubmit,
    control,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput, unknown, ChangePasswordValues>({
    resolver: changePasswordResolver,
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const newPassword = useWatch({ control, name: 'newPassword' });

  const submit = handleSubmit(async ({ currentPassword, newPassword: chosen }) => {
    try {
      const { otherSessionsEnded } = await change.mutateAsync({ currentPassword, newPassword: chosen });
      reset();
      change.reset();
      notifications.show({
        color: 'teal',
        message: t('password.changed', { count: otherSessionsEnded }),
      });
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.code === AuthErrorCode.ReauthenticationFailed && problem.message) {
        setError('currentPassword', { type: 'server', message: problem.message }, { shouldFocus: true });
        return;
      }
      applyServerFieldErrors(error, SERVER_FIELDS, setError);
    }
  });

  // A wrong current password shows at its field; anything else (policy summary, network) in the alert.
  const alertError =
    change.isError && toApiProblem(change.error).code !== AuthErrorCode.ReauthenticationFailed
      ? change.error
      : null;

  return (
    <Card component="section" aria-labelledby="password-title">
      <Title order={2} size="h4" id="password-title">
        {t('password.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('password.intro')}
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="password-title">
        <Stack gap="md" maw={440}>
          {alertError ? <ApiErrorAlert error={alertError} title={t('password.failed')} /> : null}
          <PasswordField
            {...register('currentPassword')}
            label={t('password.current')}
            error={fieldError(errors.currentPassword)}
            autoComplete="current-password"
            required
          />
          <Stack gap={6}>
            <PasswordField
              {...register('newPassword')}
              label={t('password.new')}
              error={fieldError(errors.newPassword)}
              autoComplete="new-password"
              required
            />
            <PasswordStrengthMeter
              password={newPassword}
              userInputs={[me.user.email, me.user.displayName, me.institution.slug]}
            />
          </Stack>
          <PasswordField
            {...register('confirmPassword')}
            label={t('password.confirm')}
            error={fieldError(errors.confirmPassword)}
            autoComplete="new-password"
            required
          />
          <Button type="submit" loading={isSubmitting} w="fit-content">
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
