import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The account must enrol TOTP before it can do anything (AUT-06). The enrolment screens come later. */
export function MfaEnrollmentNotice({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="shala" variant="light" icon={<IconShieldLock aria-hidden />}>
        <Text size="sm">{t('auth.enrolment.body')}</Text>
      </Alert>
      <Text size="sm" c="dimmed">
        {t('auth.enrolment.next')}
      </Text>
      <Button variant="default" fullWidth onClick={onCancel}>
        {t('common.backToSignIn')}
      </Button>
    </Stack>
  );
}
