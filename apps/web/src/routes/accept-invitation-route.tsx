import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../app/components/api-error-alert';
import { NewPasswordForm } from '../features/auth/components/new-password-form';
import { useAcceptInvitation } from '../features/auth/hooks/use-accept-invitation';
import { AuthPage } from './auth-page';
import type { LoginRouteState } from './login-route';

/** /accept-invitation?token=... — an invited user chooses a password, then signs in. */
export function AcceptInvitationRoute() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token');
  const accept = useAcceptInvitation();

  return (
    <AuthPage title={t('invitation.title')} intro={token ? t('invitation.intro') : undefined}>
      {!token ? (
        <Alert color="yellow" variant="light">
          <Text size="sm">{t('invitation.missingToken')}</Text>
        </Alert>
      ) : (
        <>
          {accept.isError ? <ApiErrorAlert error={accept.error} title={t('invitation.failed')} /> : null}
          <NewPasswordForm
            passwordLabel={t('invitation.password')}
            confirmLabel={t('invitation.confirmPassword')}
            submitLabel={t('invitation.submit')}
            serverField="password"
            onSubmit={async (password) => {
              const accepted = await accept.mutateAsync({ token, password });
              // The email travels in router state, not in the URL, so it stays out of history and logs.
              const state: LoginRouteState = { invitationAccepted: accepted };
              await navigate('/login', { replace: true, state });
            }}
          />
        </>
      )}
    </AuthPage>
  );
}
