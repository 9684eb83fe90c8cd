// A lazy step of the sign-in page (sign-in-flow.tsx): it renders more of Mantine than the entry styles.
import '../../../app/styles/mantine-rest';
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useAuthText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useConfirmMfaEnrollment, useStartMfaEnrollment } from '../hooks/use-mfa-enrollment';
import { MfaSecretPanel } from './mfa-secret-panel';
import { TotpCodeForm } from './totp-code-form';

interface MfaEnrollmentProps {
  mfaToken: string;
  /** MFA is on and the user is signed in; the recovery codes still have to be shown. */
  onEnrolled: (result: { recoveryCodes: string[]; email: string }) => void;
  onCancel: () => void;
}

/**
 * Forced enrolment (AUT-06): a privileged user without MFA gets a new secret, proves the authenticator
 * app has it with one code, and only then receives an access token.
 */
export function MfaEnrollment({ mfaToken, onEnrolled, onCancel }: MfaEnrollmentProps) {
  const t = useAuthText();
  const start = useStartMfaEnrollment();
  const confirm = useConfirmMfaEnrollment();

  const submitCode = async (code: string) => {
    try {
      const result = await confirm.mutateAsync({ mfaToken, code });
      onEnrolled({ recoveryCodes: result.recoveryCodes, email: result.user.email });
    } catch {
      // Shown by the alert (confirm.error).
    }
  };

  // The secret is asked for on a click, not on mount: each request replaces the pending secret, so a
  // double effect (StrictMode) or a reload must not swap the secret under a code the user is typing.
  if (!start.data) {
    return (
      <Stack gap="md">
        <Alert color="shala" variant="light" icon={<IconShieldLock aria-hidden />}>
          <Text size="sm">{t('enrolment.body')}</Text>
        </Alert>
        <Text size="sm" c="dimmed">
          {t('enrolment.explain')}
        </Text>
        {start.isError ? <ApiErrorAlert error={start.error} title={t('enrolment.startFailed')} /> : null}
        <Button size="md" fullWidth loading={start.isPending} onClick={() => start.mutate(mfaToken)}>
          {t('enrolment.start')}
        </Button>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onCancel} ta="center">
          {t('common.backToSignIn')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <MfaSecretPanel secret={start.data.secret} otpauthUri={start.data.otpauthUri} />
      <Text size="sm">{t('enrolment.confirmIntro')}</Text>
      {confirm.isError ? <ApiErrorAlert error={confirm.error} title={t('enrolment.confirmFailed')} /> : null}
      <TotpCodeForm
        label={t('enrolment.code')}
        submitLabel={t('enrolment.confirm')}
        onSubmit={submitCode}
        focusOnMount={false}
      />
      <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onCancel} ta="center">
        {t('common.backToSignIn')}
      </Anchor>
    </Stack>
  );
}
