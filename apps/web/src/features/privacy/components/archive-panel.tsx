import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { formatDateTime } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import type { PrivacyScope } from '../api/privacy.api';
import { useDownloadArchive, usePrivacyArchive, useStartArchive } from '../hooks/use-privacy';
import { usePrivacyText } from '../i18n';

/**
 * An access request's archive: its progress while it is made, then a download until it expires. Only
 * the person who raised the request may see it (the API answers 404 to anyone else).
 */
export function ArchivePanel({
  scope,
  requestId,
  requestedByUserId,
}: {
  scope: PrivacyScope;
  requestId: string;
  requestedByUserId: string;
}) {
  const t = usePrivacyText();
  const me = useCurrentUser();
  if (me.user.id !== requestedByUserId) {
    return (
      <Text size="sm" c="dimmed">
        {t('archive.notYours')}
      </Text>
    );
  }
  return <OwnArchive scope={scope} requestId={requestId} />;
}

function OwnArchive({ scope, requestId }: { scope: PrivacyScope; requestId: string }) {
  const t = usePrivacyText();
  const me = useCurrentUser();
  const archive = usePrivacyArchive(scope, requestId);
  const start = useStartArchive(scope, requestId);
  const download = useDownloadArchive(scope, requestId);
  if (archive.isPending) return null;
  if (archive.isError) return <ApiErrorAlert error={archive.error} />;
  const view = archive.data;
  const timeZone = me.institution.timeZone;
  return (
    <Stack gap="xs" aria-live="polite">
      {view.status === 'running' ? (
        <>
          <Text size="sm">{t('archive.running', { done: view.done, total: view.total })}</Text>
          <Progress value={view.total ? (100 * view.done) / view.total : 0} aria-label={t('archive.title')} />
        </>
      ) : view.status === 'done' ? (
        <Text size="sm">{t('archive.done', { date: formatDateTime(view.expiresAt, timeZone) })}</Text>
      ) : view.status === 'failed' ? (
        <Alert color="red">{t('archive.failed')}</Alert>
      ) : view.status === 'expired' ? (
        <Text size="sm" c="dimmed">
          {t('archive.expired')}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('archive.none')}
        </Text>
      )}
      {start.error ? <ApiErrorAlert error={start.error} /> : null}
      {download.error ? <ApiErrorAlert error={download.error} /> : null}
      <Group gap="xs" wrap="wrap">
        {view.status === 'done' ? (
          <Button
            size="xs"
            leftSection={<IconDownload size={16} />}
            loading={download.isPending}
            onClick={() => download.mutate()}
          >
            {t('archive.download')}
          </Button>
        ) : null}
        {view.status !== 'running' && view.status !== 'done' ? (
          <Button size="xs" variant="light" loading={start.isPending} onClick={() => start.mutate()}>
            {view.status === 'none' ? t('archive.make') : t('archive.remake')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
