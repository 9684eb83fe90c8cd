import { Button, Container, Group, Modal, Stack, Text } from '@mantine/core';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { useLogout } from '../../../auth/hooks/use-logout';
import { type NoticeReader, useAcceptNotice, type useMyNotice } from '../hooks/use-privacy-notice';
import { usePrivacyNoticeText } from '../i18n';
import { NoticeReader as Reader } from './notice-reader';

/** The full-screen notice a parent must accept (privacy-notice-gate.tsx loads it when it is due). */
export default function NoticeGateScreen({
  reader,
  school,
  timeZone,
  notice,
}: {
  reader: NoticeReader;
  school: string;
  timeZone: string;
  notice: NonNullable<ReturnType<typeof useMyNotice>['data']>['notice'] & object;
}) {
  const t = usePrivacyNoticeText();
  const accept = useAcceptNotice(reader);
  const logout = useLogout();
  return (
    <Modal
      opened
      fullScreen
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title={t('gate.title', { school })}
      data-testid="privacy-notice-gate"
    >
      <Container size="sm" px={0}>
        <Stack gap="md" pb="xl">
          <Text size="sm" c="dimmed">
            {t('gate.intro')}
          </Text>
          <Reader notice={notice} timeZone={timeZone} />
          {accept.error ? <ApiErrorAlert error={accept.error} /> : null}
          <Group justify="flex-end" gap="sm" wrap="wrap">
            <Button variant="default" onClick={() => logout.mutate()} disabled={logout.isPending}>
              {t('gate.signOut')}
            </Button>
            <Button loading={accept.isPending} onClick={() => accept.mutate(notice.version)}>
              {t('gate.accept')}
            </Button>
          </Group>
        </Stack>
      </Container>
    </Modal>
  );
}
