import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { AuthErrorCode } from '@shala/contracts';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { toApiProblem } from '../app/api/errors';
import { ApiErrorAlert } from '../app/components/api-error-alert';
import { NewPasswordForm } from '../features/auth/components/new-password-form';
import { useResetPassword } from '../features/auth/hooks/use-password-reset';
import { AuthPage } from './auth-page';

/** /reset-password?token=... — the page the emailed reset link opens. */
export function ResetPasswordRoute() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const token = params.get('token');
  const reset = useResetPassword();

  if (reset.isSuccess) {
    return (
      <AuthPage title={t('reset.doneTitle')}>
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          <Text size="sm">{t('reset.done')}</Text>
        </Alert>
        <Button component={Link} to="/login" size="md" fullWidth>
          {t('login.submit')}
        </Button>
      </AuthPage>
    );
  }

  const linkRefused = reset.isError && toApiProblem(reset.error).code === AuthErrorCode.LinkInvalid;
  return (
    <AuthPage title={t('reset.title')} intro={token ? t('reset.intro') : undefined}>
      {!token ? (
        <Stack gap="sm">
          <Alert color="yellow" variant="light">
            <Text size="sm">{t('reset.missingToken')}</Text>
          </Alert>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('reset.requestNew')}
          </Anchor>
        </Stack>
      ) : (
        <>
          {reset.isError ? (
            <ApiErrorAlert error={reset.error} title={t('reset.failed')}>
              {linkRefused ? (
                <Anchor component={Link} to="/forgot-password" size="sm" mt={6} display="inline-block">
                  {t('reset.requestNew')}
                </Anchor>
              ) : null}
            </ApiErrorAlert>
          ) : null}
          <NewPasswordForm
            passwordLabel={t('reset.newPassword')}
            confirmLabel={t('reset.confirmPassword')}
            submitLabel={t('reset.submit')}
            serverField="newPassword"
            onSubmit={async (newPassword) => {
              await reset.mutateAsync({ token, newPassword });
            }}
          />
        </>
      )}
    </AuthPage>
  );
}
