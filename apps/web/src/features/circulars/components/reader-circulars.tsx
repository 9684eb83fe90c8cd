import { Alert, Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { CircularReaderView } from '@shala/contracts';
import { IconArrowLeft, IconCheck, IconDownload, IconSpeakerphone } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { formatDate, formatDateTime } from '../../../app/format';
import {
  isPublisherView,
  useAcknowledge,
  useCircular,
  useCirculars,
  useDownloadAttachment,
  useMarkRead,
} from '../api/circulars.api';
import { useCircularsText } from '../i18n';

/** The badges of a circular in a reader's list: new to them, acknowledgement needed or given. */
function ReaderBadges({ circular, guardian }: { circular: CircularReaderView; guardian: boolean }) {
  const t = useCircularsText();
  return (
    <Group gap={6}>
      {guardian && !circular.readAt ? (
        <Badge color="blue" variant="filled">
          {t('reader.unread')}
        </Badge>
      ) : null}
      {circular.requiresAck && !circular.acknowledgedAt ? (
        <Badge color="orange" variant="light">
          {t('reader.ackNeeded')}
        </Badge>
      ) : null}
      {circular.acknowledgedAt ? (
        <Badge color="green" variant="light" leftSection={<IconCheck size={12} />}>
          {t('reader.acknowledged', { date: formatDate(circular.acknowledgedAt) })}
        </Badge>
      ) : null}
    </Group>
  );
}

/** One circular, opened: its text, its PDF and, when asked for, the acknowledgement. Opening is the read receipt. */
function ReaderDetail({ id, guardian, onBack }: { id: string; guardian: boolean; onBack: () => void }) {
  const t = useCircularsText();
  const query = useCircular(id);
  const markRead = useMarkRead();
  const acknowledge = useAcknowledge();
  const download = useDownloadAttachment();
  const marked = useRef(false);
  const circular = query.data && !isPublisherView(query.data) ? query.data : null;

  useEffect(() => {
    if (circular && guardian && !circular.readAt && !marked.current) {
      marked.current = true;
      markRead.mutate(circular.id);
    }
  }, [circular, guardian, markRead]);

  return (
    <Stack gap="md">
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack} px={0}>
          {t('back')}
        </Button>
      </Group>
      {query.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : query.isError ? (
        <ApiErrorAlert error={query.error} />
      ) : circular ? (
        <Card withBorder padding="md" component="article" data-testid="circular-detail">
          <Stack gap="sm">
            <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
              {circular.title}
            </Title>
            <Text size="sm" c="dimmed">
              {t('reader.published', { date: formatDateTime(circular.publishedAt) })}
            </Text>
            <ReaderBadges circular={circular} guardian={guardian} />
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{circular.body}</Text>
            {circular.attachment ? (
              <Button
                variant="light"
                leftSection={<IconDownload size={16} />}
                loading={download.isPending}
                onClick={() => download.mutate({ id: circular.id, fileName: circular.attachment!.fileName })}
                styles={{ label: { whiteSpace: 'normal' } }}
                h="auto"
                py={8}
              >
                {t('actions.download', { name: circular.attachment.fileName })}
              </Button>
            ) : null}
            {download.isError ? <ApiErrorAlert error={download.error} title={t('failed')} /> : null}
            {circular.requiresAck && guardian && !circular.acknowledgedAt ? (
              <Button
                size="md"
                color="green"
                leftSection={<IconCheck size={18} />}
                loading={acknowledge.isPending}
                onClick={() => acknowledge.mutate(circular.id)}
              >
                {t('actions.acknowledge')}
              </Button>
            ) : null}
            {acknowledge.isSuccess ? (
              <Alert color="green" role="status">
                {t('done.acknowledged')}
              </Alert>
            ) : null}
            {acknowledge.isError ? <ApiErrorAlert error={acknowledge.error} title={t('failed')} /> : null}
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}

/**
 * A family's or staff member's circulars: those addressed to them, newest first, as cards that fit a
 * 390 px phone; one opened shows in place (`?c=<id>`, so the back button closes it).
 */
export function ReaderCirculars({ guardian }: { guardian: boolean }) {
  const t = useCircularsText();
  const [params, setParams] = useSearchParams();
  const openId = params.get('c');
  const list = useCirculars();

  if (openId)
    return <ReaderDetail id={openId} guardian={guardian} onBack={() => setParams({}, { replace: false })} />;

  const items = (list.data?.items ?? []).filter((c): c is CircularReaderView => !isPublisherView(c));
  return (
    <Stack gap="md">
      <PageHeader title={t('title')} intro={t('intro')} />
      {list.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : list.isError ? (
        <ApiErrorAlert error={list.error} />
      ) : items.length === 0 ? (
        <EmptyState icon={IconSpeakerphone}>{t('readerEmpty')}</EmptyState>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((c) => (
            <Card key={c.id} withBorder padding="sm" component="li" data-testid="circular-card">
              <Stack gap={6}>
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {c.title}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('reader.published', { date: formatDate(c.publishedAt) })}
                </Text>
                <ReaderBadges circular={c} guardian={guardian} />
                <Group justify="flex-end">
                  <Button
                    size="sm"
                    variant="light"
                    onClick={() => setParams({ c: c.id })}
                    aria-label={`${t('actions.open')}: ${c.title}`}
                  >
                    {t('actions.open')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
