import { Alert, Anchor, Badge, Button, Card, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import type { PrivacyNoticeView } from '@shala/contracts';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../../app/components/confirm-modal';
import { formatDate } from '../../../../app/format';
import { useCurrentUser } from '../../../auth/hooks/current-user';
import { useNoticeVersions, usePublishNotice } from '../hooks/use-privacy-notice';
import { usePrivacyNoticeText } from '../i18n';
import { NoticeEditor } from './notice-editor';
import { NoticeReader } from './notice-reader';

/** Staff: the notice's versions (newest first), the draft's editor, and publishing. */
export function NoticePanel() {
  const t = usePrivacyNoticeText();
  const me = useCurrentUser();
  const timeZone = me.institution.timeZone;
  const versions = useNoticeVersions();
  const publish = usePublishNotice();
  const [editing, setEditing] = useState<PrivacyNoticeView | 'new' | null>(null);
  const [reading, setReading] = useState<PrivacyNoticeView | null>(null);
  const [publishing, setPublishing] = useState<PrivacyNoticeView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const publicPath = `/privacy-notice/${encodeURIComponent(me.institution.slug)}`;

  if (versions.isPending)
    return (
      <Center py="md" role="status">
        <Loader size="sm" />
      </Center>
    );
  if (versions.isError) return <ApiErrorAlert error={versions.error} />;
  const rows = versions.data;
  const draft = rows.find((v) => v.status === 'draft') ?? null;
  const current = rows.find((v) => v.current) ?? null;

  return (
    <Stack gap="md" maw={900}>
      <Text size="sm">{t('panel.intro')}</Text>
      <Text size="sm">
        <Anchor href={publicPath} target="_blank" rel="noopener" style={{ overflowWrap: 'anywhere' }}>
          {t('panel.publicLink', { url: `${window.location.origin}${publicPath}` })}
        </Anchor>
      </Text>
      <Group>
        <Button
          leftSection={<IconPlus size={16} />}
          disabled={draft !== null}
          onClick={() => setEditing('new')}
        >
          {t('panel.newDraft')}
        </Button>
      </Group>
      {message ? (
        <Alert color="green" withCloseButton onClose={() => setMessage(null)} role="status">
          {message}
        </Alert>
      ) : null}
      {rows.length === 0 ? <Text size="sm">{t('panel.none')}</Text> : null}
      {rows.map((v) => (
        <Card key={v.id} withBorder data-testid="notice-version">
          <Stack gap={6}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Group gap="xs">
                <Text fw={600}>{t('panel.versionLabel', { version: v.version })}</Text>
                <Badge variant="light" color={v.current ? 'green' : v.status === 'draft' ? 'yellow' : 'gray'}>
                  {v.current ? t('status.current') : t(`status.${v.status}`)}
                </Badge>
              </Group>
              <Group gap="xs" wrap="wrap">
                <Button size="xs" variant="default" onClick={() => setReading(v)}>
                  {t('panel.view')}
                </Button>
                {v.status === 'draft' ? (
                  <>
                    <Button size="xs" variant="light" onClick={() => setEditing(v)}>
                      {t('panel.edit')}
                    </Button>
                    <Button size="xs" onClick={() => setPublishing(v)}>
                      {t('panel.publish')}
                    </Button>
                  </>
                ) : null}
              </Group>
            </Group>
            <Text size="xs" c="dimmed">
              {v.publishedAt
                ? t('panel.publishedOn', { date: formatDate(v.publishedAt, timeZone) })
                : t('panel.updatedOn', { date: formatDate(v.updatedAt, timeZone) })}
              {v.status === 'published' ? ` · ${t('panel.acceptances', { count: v.acceptances })}` : ''}
            </Text>
          </Stack>
        </Card>
      ))}
      {editing ? (
        <NoticeEditor
          draft={editing === 'new' ? null : editing}
          from={editing === 'new' ? current : null}
          onClose={() => setEditing(null)}
          onSaved={setMessage}
        />
      ) : null}
      <Modal
        opened={reading !== null}
        onClose={() => setReading(null)}
        title={reading ? t('panel.versionLabel', { version: reading.version }) : ''}
        size="lg"
      >
        {reading ? <NoticeReader notice={reading} timeZone={timeZone} /> : null}
      </Modal>
      <ConfirmModal
        opened={publishing !== null}
        title={t('confirmPublish.title', { version: publishing?.version ?? '' })}
        confirmLabel={t('confirmPublish.confirm')}
        color="blue"
        loading={publish.isPending}
        error={publish.error}
        onClose={() => {
          publish.reset();
          setPublishing(null);
        }}
        onConfirm={() =>
          publishing &&
          publish.mutate(publishing.id, {
            onSuccess: (v) => {
              setPublishing(null);
              setMessage(t('panel.published', { version: v.version }));
            },
          })
        }
      >
        {t('confirmPublish.body')}
      </ConfirmModal>
    </Stack>
  );
}
