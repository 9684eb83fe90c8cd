import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Timeline,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { Permission } from '@shala/contracts';
import { IconMailOff, IconSend } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { PageTabs } from '../../../app/components/page-tabs';
import { formatDateTime } from '../../../app/format';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import {
  CHANNELS,
  MESSAGE_STATUSES,
  type Channel,
  type MessageFilter,
  type MessageStatus,
  type MessageView,
} from '@shala/contracts';
import { useDeadLetters, useDeliveryLog, useMessage, useRetryMessage } from '../hooks/use-notifications';
import { PlainList } from '../../../app/components/plain-list';
import { useNotificationsText } from '../i18n';
import { ChannelsPanel } from './channels-panel';
import { GuardianConsentsPanel } from './guardian-consents';
import { TemplatesPanel } from './templates-panel';
import { LoadMore } from '../../../app/components/load-more';

const STATUS_COLOR: Record<MessageStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'blue',
  delivered: 'green',
  read: 'teal',
  failed: 'orange',
  dead: 'red',
  cancelled: 'gray',
};

type TabName = 'log' | 'dead' | 'templates' | 'channels' | 'guardians';

/**
 * /notifications, one tab per screen, each shown only with its permission: the delivery log and
 * templates (notifications.read), dead letters, channel settings and guardians' consents
 * (notifications.manage; the consents search also needs students.read). The open tab is kept in
 * `?tab=`. A parent's own consents are under My data (/privacy?tab=consents, issue 13); a parent who
 * comes here by an old link is pointed there.
 */
export function NotificationsPage() {
  const t = useNotificationsText();
  const canManage = useCan(Permission.NotificationsManage);
  const canRead = useCan(Permission.NotificationsRead);
  const canFindStudents = useCan(Permission.StudentsRead);
  if (!canRead) return <ConsentsMoved />;
  const tabs: { value: TabName; shown: boolean; panel: ReactNode }[] = [
    { value: 'log', shown: canRead, panel: <DeliveryLog /> },
    { value: 'dead', shown: canManage, panel: <DeadLetters /> },
    { value: 'templates', shown: canRead, panel: <TemplatesPanel /> },
    { value: 'channels', shown: canManage, panel: <ChannelsPanel /> },
    { value: 'guardians', shown: canManage && canFindStudents, panel: <GuardianConsentsPanel /> },
  ];
  const shown = tabs
    .filter((tab) => tab.shown)
    .map((tab) => ({ key: tab.value, label: t(`tabs.${tab.value}`), panel: tab.panel }));
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('title')} intro={t('intro')} />
      <PageTabs tabs={shown} />
    </Stack>
  );
}

/** A parent (privacy.consent.manage without notifications.read) on an old link: their consents moved. */
function ConsentsMoved() {
  const t = useNotificationsText();
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('title')} />
      <Text>
        <Anchor component={Link} to="/privacy?tab=consents">
          {t('consentsMoved')}
        </Anchor>
      </Text>
    </Stack>
  );
}

function DeliveryLog() {
  const t = useNotificationsText();
  const [filter, setFilter] = useState<MessageFilter>({});
  const [open, setOpen] = useState<MessageView | null>(null);
  const log = useDeliveryLog(filter);
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (patch: Partial<MessageFilter>) => setFilter((current) => ({ ...current, ...patch }));

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('filter.status')}
          placeholder={t('filter.any')}
          clearable
          data={MESSAGE_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          value={filter.status ?? null}
          onChange={(value) => set({ status: (value as MessageStatus | null) ?? undefined })}
          w={{ base: '100%', xs: 160 }}
        />
        <Select
          label={t('filter.channel')}
          placeholder={t('filter.any')}
          clearable
          data={CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
          value={filter.channel ?? null}
          onChange={(value) => set({ channel: (value as Channel | null) ?? undefined })}
          w={{ base: '100%', xs: 160 }}
        />
        <TextInput
          type="date"
          label={t('filter.from')}
          value={filter.from ?? ''}
          onChange={(event) => set({ from: event.currentTarget.value || undefined })}
          w={{ base: '100%', xs: 170 }}
        />
        <TextInput
          type="date"
          label={t('filter.to')}
          value={filter.to ?? ''}
          onChange={(event) => set({ to: event.currentTarget.value || undefined })}
          w={{ base: '100%', xs: 170 }}
        />
        <Button variant="subtle" onClick={() => setFilter({})}>
          {t('filter.clear')}
        </Button>
      </Group>
      {log.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : log.isError ? (
        <ApiErrorAlert error={log.error} />
      ) : items.length === 0 ? (
        <EmptyState icon={IconSend}>{t('log.empty')}</EmptyState>
      ) : (
        <MessageList
          label={t('log.label')}
          items={items}
          action={(message) => (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setOpen(message)}
              aria-label={t('log.details', { recipient: message.recipient })}
            >
              {t('log.open')}
            </Button>
          )}
        />
      )}
      <LoadMore query={log} variant="light" />
      {open ? <MessageDetailModal message={open} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
}

function MessageList({
  label,
  items,
  action,
}: {
  label: string;
  items: MessageView[];
  action: (message: MessageView) => ReactNode;
}) {
  const t = useNotificationsText();
  const timeZone = useCurrentUser().institution.timeZone;
  return (
    <PlainList label={label}>
      {items.map((message) => (
        <Card component="li" key={message.id} withBorder padding="sm" data-testid="message-row">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Stack gap={2} miw={0} style={{ flex: '1 1 14rem' }}>
              <Group gap="xs">
                <Badge color={STATUS_COLOR[message.status]} variant="light">
                  {t(`status.${message.status}`)}
                </Badge>
                <Text size="sm" fw={500}>
                  {t(`channel.${message.channel}`)} · {message.template}
                </Text>
              </Group>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {message.recipient}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(message.createdAt, timeZone)} ·{' '}
                {t('log.attempts', { count: message.attempts })}
              </Text>
              {message.reason ? (
                <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
                  {message.reason}
                </Text>
              ) : null}
            </Stack>
            {action(message)}
          </Group>
        </Card>
      ))}
    </PlainList>
  );
}

function MessageDetailModal({ message, onClose }: { message: MessageView; onClose: () => void }) {
  const t = useNotificationsText();
  const timeZone = useCurrentUser().institution.timeZone;
  const detail = useMessage(message.id);
  return (
    <Modal opened onClose={onClose} title={t('log.detailTitle', { recipient: message.recipient })} centered>
      {detail.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : detail.isError ? (
        <ApiErrorAlert error={detail.error} />
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            {detail.data.variableNames.length > 0
              ? t('log.variables', { names: detail.data.variableNames.join(', ') })
              : t('log.noVariables')}
          </Text>
          <Text fw={600} size="sm">
            {t('log.timeline')}
          </Text>
          <Timeline bulletSize={14} lineWidth={2}>
            {detail.data.events.map((event, index) => (
              <Timeline.Item key={`${event.at}-${index}`} title={event.event}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(event.at, timeZone)}
                </Text>
                {event.detail ? (
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {event.detail}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      )}
    </Modal>
  );
}

function DeadLetters() {
  const t = useNotificationsText();
  const dead = useDeadLetters();
  const retry = useRetryMessage();
  const [asking, setAsking] = useState<MessageView | null>(null);
  const items = dead.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      {dead.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : dead.isError ? (
        <ApiErrorAlert error={dead.error} />
      ) : items.length === 0 ? (
        <EmptyState icon={IconMailOff}>{t('dead.empty')}</EmptyState>
      ) : (
        <MessageList
          label={t('dead.label')}
          items={items}
          action={(message) => (
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                retry.reset();
                setAsking(message);
              }}
              aria-label={t('dead.retryMessage', { recipient: message.recipient })}
            >
              {t('dead.retry')}
            </Button>
          )}
        />
      )}
      <LoadMore query={dead} variant="light" />
      {asking ? (
        <ConfirmModal
          opened
          color="blue"
          title={t('dead.confirmTitle')}
          confirmLabel={t('dead.retry')}
          loading={retry.isPending}
          error={retry.error}
          errorTitle={t('dead.retryFailed')}
          onClose={() => setAsking(null)}
          onConfirm={() => {
            if (retry.isPending) return;
            retry.mutate(asking.id, {
              onSuccess: () => {
                setAsking(null);
                toasts.show({ color: 'green', message: t('dead.retried') });
              },
            });
          }}
        >
          {t('dead.confirmBody', { channel: t(`channel.${asking.channel}`), recipient: asking.recipient })}
        </ConfirmModal>
      ) : null}
    </Stack>
  );
}
