import { Alert } from '@mantine/core';
import { usePrivacyArchive } from '../hooks/use-privacy';
import { usePrivacyText } from '../i18n';

/**
 * A parent's "requested" message for the access request just made: it follows the archive job (the same
 * query the request's archive panel polls while the job runs) and says when the copy is ready or failed.
 */
export function AskedStatus({ requestId }: { requestId: string }) {
  const t = usePrivacyText();
  const archive = usePrivacyArchive('my-requests', requestId);
  const status = archive.data?.status;
  if (status === 'failed' || archive.isError)
    return (
      <Alert color="red" mt="sm" role="status" data-testid="asked-status">
        {t('my.askedFailed')}
      </Alert>
    );
  return (
    <Alert color="green" mt="sm" role="status" data-testid="asked-status">
      {status === 'done' ? t('my.askedReady') : t('my.asked')}
    </Alert>
  );
}
