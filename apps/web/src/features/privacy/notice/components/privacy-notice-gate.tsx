import { Button, Container, Group, Modal, Stack, Text } from '@mantine/core';
import { DefaultRole } from '@shala/contracts';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { useLogout } from '../../../auth/hooks/use-logout';
import { useMe } from '../../../auth/hooks/use-me';
import { type NoticeReader, useAcceptNotice, useMyNotice } from '../hooks/use-privacy-notice';
import { usePrivacyNoticeText } from '../i18n';
import { NoticeReader as Reader } from './notice-reader';

/**
 * After sign-in, a parent who has not accepted the privacy notice in force sees it full screen and goes on
 * only by accepting it (or signs out). Rendered once by the signed-in shell; shows nothing for staff, for
 * a parent who accepted, or while the school has no published notice.
 */
export function PrivacyNoticeGate() {
  const me = useMe();
  const parent = me.data?.roles.includes(DefaultRole.Parent) ?? false;
  const reader =
    me.data && parent ? { institutionId: me.data.institution.id, userId: me.data.user.id } : null;
  const mine = useMyNotice(reader);
  if (!reader || !me.data || !mine.data?.mustAccept || !mine.data.notice) return null;
  return (
    <NoticeGateScreen
      reader={reader}
      school={me.data.institution.name}
      timeZone={me.data.institution.timeZone}
      notice={mine.data.notice}
    />
  );
}

function NoticeGateScreen({
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
