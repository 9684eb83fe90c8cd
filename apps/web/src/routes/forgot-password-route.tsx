import { useTranslation } from 'react-i18next';
import { ForgotPasswordForm } from '../features/auth/components/forgot-password-form';
import { AuthPage } from './auth-page';

export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  return (
    <AuthPage title={t('auth.forgot.title')}>
      <ForgotPasswordForm />
    </AuthPage>
  );
}
