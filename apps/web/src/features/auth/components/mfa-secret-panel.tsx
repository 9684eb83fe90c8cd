import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { MfaSecretResponse } from '@shala/contracts';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useAuthText } from '../i18n';
import { QrCodeImage } from './qr-code-image';

/** Groups of four characters are easier to type into a phone; authenticator apps ignore the spaces. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The new TOTP secret: as a QR code to scan, and as text to type in by hand. */
export function MfaSecretPanel({ secret, otpauthUri }: MfaSecretResponse) {
  const t = useAuthText();
  return (
    <Stack gap="sm" align="center">
      <Text size="sm" ta="center">
        {t('enrolment.scan')}
      </Text>
      <QrCodeImage otpauthUri={otpauthUri} />
      <Text size="sm" c="dimmed" ta="center">
        {t('enrolment.manual')}
      </Text>
      <Group gap={6} wrap="nowrap" justify="center" maw="100%">
        <Code
          fz="sm"
          py={6}
          px="sm"
          aria-label={t('enrolment.secret')}
          data-testid="mfa-secret"
          data-secret={secret}
          style={{ wordBreak: 'break-all', letterSpacing: '0.05em' }}
        >
          {grouped(secret)}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Tooltip label={t('enrolment.copySecret')} withArrow>
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                onClick={copy}
                aria-label={t('enrolment.copySecret')}
              >
                {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
