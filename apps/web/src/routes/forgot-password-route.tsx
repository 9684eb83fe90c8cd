import { useTranslation } from 'react-i18next';
import { ForgotPasswordForm } from '../features/auth/components/forgot-password-form';
import { AuthPage } from './auth-page';

export function ForgotPasswordRoute() {
  const { t } = useTranslation('auth');
  return (
    <AuthPage title={t('forgot.title')}>
      <ForgotPasswordForm />
    </AuthPage>
  );
}
