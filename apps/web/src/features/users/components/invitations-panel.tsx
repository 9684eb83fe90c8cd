import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { InvitationStatus, InvitationView, InvitedUser } from '@shala/contracts';
import { IconDots, IconMailForward, IconMailOff } from '@tabler/icons-react';
import { useState } from 'react';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { LoadMore } from '../../../app/components/load-more';
import { ResponsiveList } from '../../../app/components/responsive-list';
import { formatDateTime } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useInvitations, useResendInvitation, useRevokeInvitation } from '../hooks/use-users';
import { useUsersText } from '../i18n';
import { DeliveryBadge, InvitationResult } from './invitation-result';

type Filter = InvitationStatus | 'all';

const STATUS_COLOR: Record<InvitationStatus, string> = { pending: 'blue', expired: 'gray', revoked: 'red' };

/** What a resend answered, shown until the admin closes it (the one-time link is not shown again). */
export function InvitationResultModal({
  result,
  onClose,
}: {
  result: InvitedUser | null;
  onClose: () => void;
}) {
  const t = useUsersText();
  return (
    <Modal
      opened={result !== null}
      onClose={onClose}
      title={result ? t('invitations.resultTitle', { name: result.displayName }) : ''}
      centered
    >
      {result ? (
        <Stack gap="md">
          <InvitationResult invitation={result.invitation} oneTimeLink={result.oneTimeLink} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('invitations.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** Invitations waiting for their person: delivery status, resend (a new link) and revoke (issue 14). */
export function InvitationsPanel() {
  const t = useUsersText();
  const me = useCurrentUser();
  const [filter, setFilter] = useState<Filter>('pending');
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const [result, setResult] = useState<InvitedUser | null>(null);
  const invitations = useInvitations(filter === 'all' ? null : filter);
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const rows = invitations.data?.pages.flatMap((page) => page.items) ?? [];
  const expires = (row: InvitationView) => formatDateTime(row.expiresAt, me.institution.timeZone);

  const failed = (error: unknown) =>
    notifications.show({
      color: 'red',
      title: t('actionFailed'),
      message: toApiProblem(error).message ?? t('errors.title'),
    });
  const resendOf = (row: InvitationView) =>
    resend.mutate(
      { id: row.userId, channel: row.channel },
      {
        onSuccess: (answer) => {
          if (answer.oneTimeLink || answer.invitation.delivery === 'not_deliverable') setResult(answer);
          else notifications.show({ color: 'teal', message: t('invitations.resent', { email: row.email }) });
        },
        onError: failed,
      },
    );
  const statusBadge = (row: InvitationView) => (
    <Badge color={STATUS_COLOR[row.status]} variant="dot" tt="none">
      {t(`invitations.status.${row.status}`)}
    </Badge>
  );
  const actions = (row: InvitationView) => (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('rowActions', { name: row.displayName })}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconMailForward size={16} aria-hidden />} onClick={() => resendOf(row)}>
          {t('invitations.resend')}
        </Menu.Item>
        {row.status === 'pending' ? (
          <Menu.Item
            color="red"
            leftSection={<IconMailOff size={16} aria-hidden />}
            onClick={() => setRevoking(row)}
          >
            {t('invitations.revoke')}
          </Menu.Item>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
  const person = (row: InvitationView) => (
    <Box miw={0}>
      <Text size="sm" fw={600}>
        {row.displayName}
      </Text>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {row.recipient ?? row.email}
      </Text>
    </Box>
  );

  return (
    <Card p={0} component="section" aria-labelledby="invitations-title">
      <Stack gap={4} p="md" pb={0}>
        <Title order={2} size="h4" id="invitations-title">
          {t('invitations.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('invitations.intro')}
        </Text>
      </Stack>
      <Group p="md" gap="sm">
        <Text size="sm" fw={500} id="invitations-filter-label">
          {t('invitations.statusFilter')}
        </Text>
        <SegmentedControl
          aria-labelledby="invitations-filter-label"
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          size="xs"
          data={(['pending', 'expired', 'revoked', 'all'] as const).map((value) => ({
            value,
            label: t(`invitations.filter.${value}`),
          }))}
        />
      </Group>
      {invitations.isPending ? (
        <Stack gap="xs" p="md" aria-busy="true">
          {[0, 1].map((row) => (
            <Skeleton key={row} height={44} />
          ))}
        </Stack>
      ) : invitations.isError ? (
        <Stack p="md">
          <ApiErrorAlert error={invitations.error} />
        </Stack>
      ) : rows.length === 0 ? (
        <EmptyState>{t('invitations.empty')}</EmptyState>
      ) : (
        <ResponsiveList
          label={t('invitations.tableLabel')}
          rows={rows}
          rowKey={(row) => row.userId}
          rowProps={() => ({ 'data-testid': 'invitation-row' })}
          phoneItems="divided"
          minWidth={760}
          tableProps={{ verticalSpacing: 'sm', highlightOnHover: true }}
          columns={[
            { key: 'person', header: t('invitations.column.person'), cell: person },
            {
              key: 'channel',
              header: t('invitations.column.channel'),
              cell: (row) => <Text size="sm">{t(`invitations.channel.${row.channel}`)}</Text>,
            },
            {
              key: 'delivery',
              header: t('invitations.column.delivery'),
              cell: (row) => (
                <Group gap={4}>
                  <DeliveryBadge delivery={row.delivery} />
                  {statusBadge(row)}
                </Group>
              ),
            },
            {
              key: 'expires',
              header: t('invitations.column.expires'),
              cell: (row) => <Text size="sm">{expires(row)}</Text>,
            },
            {
              key: 'actions',
              header: <VisuallyHidden>{t('invitations.column.actions')}</VisuallyHidden>,
              align: 'right',
              cell: actions,
            },
          ]}
          card={(row) => (
            <>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                {person(row)}
                {actions(row)}
              </Group>
              <Group gap={6} mt={6}>
                <DeliveryBadge delivery={row.delivery} />
                {statusBadge(row)}
              </Group>
              <Text size="xs" c="dimmed" mt={6}>
                {t('invitations.cardLine', {
                  channel: t(`invitations.channel.${row.channel}`),
                  expires: expires(row),
                })}
              </Text>
            </>
          )}
        />
      )}
      <LoadMore query={invitations} centered />
      <ConfirmModal
        opened={revoking !== null}
        title={revoking ? t('invitations.revokeTitle', { name: revoking.displayName }) : ''}
        confirmLabel={t('invitations.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        errorTitle={t('actionFailed')}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => {
          if (!revoking) return;
          const email = revoking.email;
          revoke.mutate(revoking.userId, {
            onSuccess: () => {
              setRevoking(null);
              notifications.show({ color: 'teal', message: t('invitations.revoked', { email }) });
            },
          });
        }}
      >
        {t('invitations.revokeBody')}
      </ConfirmModal>
      <InvitationResultModal result={result} onClose={() => setResult(null)} />
    </Card>
  );
}
