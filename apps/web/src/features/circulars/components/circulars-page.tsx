import { Badge, Button, Card, Center, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  CIRCULAR_STATUSES,
  DefaultRole,
  Permission,
  type CircularStatus,
  type CircularView,
} from '@shala/contracts';
import { IconPlus, IconSpeakerphone } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { formatDateTime } from '../../../app/format';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { isPublisherView, useCirculars } from '../api/circulars.api';
import { useCircularsText } from '../i18n';
import { CircularEditor } from './circular-editor';
import { PublisherDetail, STATUS_COLOR } from './publisher-detail';
import { ReaderCirculars } from './reader-circulars';

/** Every circular of the school for its publishers, filtered by status, with a new one's editor. */
function PublisherCirculars() {
  const t = useCircularsText();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<CircularStatus | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useCirculars(status);
  const openId = params.get('c');
  if (openId) return <PublisherDetail id={openId} onBack={() => setParams({})} />;
  const items = (list.data?.items ?? []).filter(isPublisherView);
  const line = (c: CircularView) =>
    c.status === 'published'
      ? t('reader.published', { date: formatDateTime(c.publishedAt) })
      : c.status === 'scheduled'
        ? t('reader.scheduledFor', { date: formatDateTime(c.publishAt) })
        : formatDateTime(c.updatedAt);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('title')}
        intro={t('publisherIntro')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('new')}
          </Button>
        }
      />
      <SegmentedControl
        aria-label={t('filter.status')}
        value={status ?? 'all'}
        onChange={(v) => setStatus(v === 'all' ? null : (v as CircularStatus))}
        data={[
          { value: 'all', label: t('filter.all') },
          ...CIRCULAR_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
        ]}
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
      />
      {list.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : list.isError ? (
        <ApiErrorAlert error={list.error} />
      ) : items.length === 0 ? (
        <EmptyState icon={IconSpeakerphone}>{t('empty')}</EmptyState>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((c) => (
            <Card key={c.id} withBorder padding="sm" component="li" data-testid="circular-row">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <Stack gap={4} miw={0} style={{ flex: 1 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {c.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t(`audiences.${c.audience}`)} · {line(c)}
                  </Text>
                  {c.counts && c.audience !== 'staff' ? (
                    <Text size="sm">
                      {t('counts.addressed')}: {c.counts.addressed} · {t('counts.read')}: {c.counts.read}
                      {c.requiresAck ? ` · ${t('counts.acknowledged')}: ${c.counts.acknowledged}` : ''}
                    </Text>
                  ) : null}
                </Stack>
                <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }}>
                  <Badge color={STATUS_COLOR[c.status]}>{t(`statuses.${c.status}`)}</Badge>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setParams({ c: c.id })}
                    aria-label={`${t('actions.open')}: ${c.title}`}
                  >
                    {t('actions.open')}
                  </Button>
                </Stack>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {creating ? (
        <CircularEditor
          circular={null}
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            notifications.show({ color: 'green', message: t('done.created') });
            setParams({ c: saved.id });
          }}
        />
      ) : null}
    </Stack>
  );
}

/** Circulars: publishers manage them all; families and staff read those addressed to them. */
export function CircularsPage() {
  const canPublish = useCan(Permission.CircularsPublish);
  const me = useCurrentUser();
  return canPublish ? (
    <PublisherCirculars />
  ) : (
    <ReaderCirculars guardian={me.roles.includes(DefaultRole.Parent)} />
  );
}
