import { Button, Card, Center, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { formatDate } from '../../../../app/format';
import { useCurrentUser } from '../../../auth/hooks/current-user';
import { useMyNotice } from '../hooks/use-privacy-notice';
import { usePrivacyNoticeText } from '../i18n';
import { NoticeReader } from './notice-reader';

/** "My data": the privacy notice in force, when the user accepted it, and a button to read it again. */
export function MyNotice() {
  const t = usePrivacyNoticeText();
  const me = useCurrentUser();
  const mine = useMyNotice({ institutionId: me.institution.id, userId: me.user.id });
  const [open, setOpen] = useState(false);
  const timeZone = me.institution.timeZone;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('mine.title')}
        </Title>
        {mine.isPending ? (
          <Center role="status">
            <Loader size="sm" />
          </Center>
        ) : mine.isError ? (
          <ApiErrorAlert error={mine.error} />
        ) : !mine.data.notice ? (
          <Text size="sm">{t('mine.none')}</Text>
        ) : (
          <>
            {mine.data.acceptedAt ? (
              <Text size="sm">
                {t('mine.acceptedOn', {
                  version: mine.data.notice.version,
                  date: formatDate(mine.data.acceptedAt, timeZone),
                })}
              </Text>
            ) : null}
            <Button variant="light" w="fit-content" onClick={() => setOpen(true)}>
              {t('mine.read')}
            </Button>
            <Modal opened={open} onClose={() => setOpen(false)} title={t('mine.title')} size="lg">
              <NoticeReader notice={mine.data.notice} timeZone={timeZone} />
            </Modal>
          </>
        )}
      </Stack>
    </Card>
  );
}
