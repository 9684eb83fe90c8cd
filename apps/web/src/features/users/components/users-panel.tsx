import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Menu,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Permission, UserStatus, type InvitedUser, type UserDto } from '@shala/contracts';
import {
  IconDots,
  IconKey,
  IconMailForward,
  IconShieldOff,
  IconUserCheck,
  IconUserOff,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useUsersText } from '../i18n';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { formatDateTime } from '../../../app/format';
import { displayNameOf, roleLabel } from '../../auth/components/display-name';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { useRoleOptions } from '../../roles/hooks/use-roles';
import { useDeactivateUser, useReactivateUser, useResendInvitation, useUsers } from '../hooks/use-users';
import { InvitationResultModal, InvitationsPanel } from './invitations-panel';
import { InviteUserModal } from './invite-user-modal';
import { ResetMfaModal } from './reset-mfa-modal';
import { UserRolesModal } from './user-roles-modal';
import { LoadMore } from '../../../app/components/load-more';
import { ResponsiveList } from '../../../app/components/responsive-list';

type Filter = UserStatus | 'all';
type Dialog = { kind: 'roles' | 'deactivate' | 'reset-mfa'; user: UserDto } | null;

const statusColor: Record<UserStatus, string> = { active: 'teal', invited: 'blue', disabled: 'gray' };

/** The users admin page: list with a status filter and "load more", invite, and the row actions. */
export function UsersPanel() {
  const t = useUsersText();
  const me = useCurrentUser();
  const canWrite = useCan(Permission.UsersWrite);
  const canAssignRoles = useCan(Permission.RolesWrite);
  const [filter, setFilter] = useState<Filter>('all');
  const [inviting, setInviting] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [resent, setResent] = useState<InvitedUser | null>(null);
  const users = useUsers(filter === 'all' ? null : filter);
  const roleOptions = useRoleOptions();
  const deactivate = useDeactivateUser();
  const reactivate = useReactivateUser();
  const resend = useResendInvitation();

  const failed = (error: unknown) =>
    notifications.show({
      color: 'red',
      title: t('actionFailed'),
      message: toApiProblem(error).message ?? t('errors.title'),
    });
  const closeDialog = () => {
    setDialog(null);
    deactivate.reset();
  };

  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];

  const statusBadge = (user: UserDto) => (
    <Badge color={statusColor[user.status]} variant="dot" tt="none">
      {t(`status.${user.status}`)}
    </Badge>
  );
  const roleBadges = (user: UserDto) =>
    user.roles.map((role) => (
      <Badge key={role} variant="light" tt="none" size="sm">
        {roleLabel(t, role, roleOptions.names)}
      </Badge>
    ));
  const lastLogin = (user: UserDto) =>
    user.lastLoginAt ? formatDateTime(user.lastLoginAt, me.institution.timeZone) : t('common.never');
  const actionsMenu = (user: UserDto) => {
    if (!canWrite && !canAssignRoles) return null;
    const name = displayNameOf(user);
    const isSelf = user.id === me.user.id;
    return (
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={t('rowActions', { name })}>
            <IconDots size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {canAssignRoles ? (
            <Menu.Item
              leftSection={<IconKey size={16} aria-hidden />}
              onClick={() => setDialog({ kind: 'roles', user })}
            >
              {t('changeRoles')}
            </Menu.Item>
          ) : null}
          {canWrite && user.status === UserStatus.Invited ? (
            <Menu.Item
              leftSection={<IconMailForward size={16} aria-hidden />}
              onClick={() =>
                resend.mutate(user.id, {
                  onSuccess: (answer) =>
                    // A link that could not be delivered is shown once, here.
                    answer.oneTimeLink
                      ? setResent(answer)
                      : notifications.show({
                          color: 'teal',
                          message: t('resent', { email: user.email }),
                        }),
                  onError: failed,
                })
              }
            >
              {t('resendInvitation')}
            </Menu.Item>
          ) : null}
          {canWrite && user.mfaEnabled ? (
            <Menu.Item
              leftSection={<IconShieldOff size={16} aria-hidden />}
              onClick={() => setDialog({ kind: 'reset-mfa', user })}
            >
              {t('resetMfa')}
            </Menu.Item>
          ) : null}
          {canWrite && user.status === UserStatus.Disabled ? (
            <Menu.Item
              leftSection={<IconUserCheck size={16} aria-hidden />}
              onClick={() =>
                reactivate.mutate(user.id, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      message: t('reactivated', { name }),
                    }),
                  onError: failed,
                })
              }
            >
              {t('reactivate')}
            </Menu.Item>
          ) : null}
          {canWrite && user.status !== UserStatus.Disabled && !isSelf ? (
            <Menu.Item
              color="red"
              leftSection={<IconUserOff size={16} aria-hidden />}
              onClick={() => setDialog({ kind: 'deactivate', user })}
            >
              {t('deactivate')}
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
    );
  };

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('title')}
        intro={t('intro', { institution: me.institution.name })}
        actions={
          canWrite ? (
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setInviting(true)}>
              {t('invite')}
            </Button>
          ) : null
        }
      />
      <Card p={0}>
        <Group p="md" gap="sm">
          <Text size="sm" fw={500} id="users-filter-label">
            {t('statusFilter')}
          </Text>
          <SegmentedControl
            aria-labelledby="users-filter-label"
            value={filter}
            onChange={(value) => setFilter(value as Filter)}
            size="xs"
            data={(['all', UserStatus.Active, UserStatus.Invited, UserStatus.Disabled] as const).map(
              (value) => ({
                value,
                label: t(`filter.${value}`),
              }),
            )}
          />
        </Group>
        {users.isPending ? (
          <Stack gap="xs" p="md" aria-busy="true">
            {[0, 1, 2].map((row) => (
              <Skeleton key={row} height={44} />
            ))}
          </Stack>
        ) : users.isError ? (
          <Stack p="md">
            <ApiErrorAlert error={users.error}>
              <Button variant="light" color="red" size="xs" mt="sm" onClick={() => void users.refetch()}>
                {t('common.retry')}
              </Button>
            </ApiErrorAlert>
          </Stack>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={IconUsers}
            action={
              filter === 'all' && canWrite ? (
                <Button variant="light" onClick={() => setInviting(true)}>
                  {t('invite')}
                </Button>
              ) : null
            }
          >
            {filter === 'all' ? t('empty') : t('emptyFiltered')}
          </EmptyState>
        ) : (
          <ResponsiveList
            label={t('tableLabel')}
            rows={rows}
            rowKey={(user) => user.id}
            rowProps={() => ({ 'data-testid': 'user-row' })}
            phoneItems="divided"
            minWidth={760}
            tableProps={{ verticalSpacing: 'sm', highlightOnHover: true }}
            columns={[
              {
                key: 'user',
                header: t('column.user'),
                cell: (user) => (
                  <>
                    <Text size="sm" fw={600}>
                      {displayNameOf(user)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {user.email}
                    </Text>
                  </>
                ),
              },
              {
                key: 'roles',
                header: t('column.roles'),
                cell: (user) => <Group gap={4}>{roleBadges(user)}</Group>,
              },
              { key: 'status', header: t('column.status'), cell: statusBadge },
              {
                key: 'mfa',
                header: t('column.mfa'),
                cell: (user) => (
                  <Text size="sm" c={user.mfaEnabled ? undefined : 'dimmed'}>
                    {user.mfaEnabled ? t('common.on') : t('common.off')}
                  </Text>
                ),
              },
              {
                key: 'lastLogin',
                header: t('column.lastLogin'),
                cell: (user) => <Text size="sm">{lastLogin(user)}</Text>,
              },
              {
                key: 'actions',
                header: <VisuallyHidden>{t('column.actions')}</VisuallyHidden>,
                align: 'right',
                cell: actionsMenu,
              },
            ]}
            card={(user) => (
              <>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Box miw={0}>
                    <Text size="sm" fw={600}>
                      {displayNameOf(user)}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {user.email}
                    </Text>
                  </Box>
                  {actionsMenu(user)}
                </Group>
                <Group gap={6} mt={6}>
                  {statusBadge(user)}
                  {roleBadges(user)}
                </Group>
                <Text size="xs" c="dimmed" mt={6}>
                  {t('cardLine', {
                    mfa: user.mfaEnabled ? t('common.on') : t('common.off'),
                    lastLogin: lastLogin(user),
                  })}
                </Text>
              </>
            )}
          />
        )}
        <LoadMore query={users} centered />
      </Card>
      {canWrite ? <InvitationsPanel /> : null}
      <InvitationResultModal result={resent} onClose={() => setResent(null)} />

      <InviteUserModal opened={inviting} onClose={() => setInviting(false)} onUndelivered={setResent} />
      {dialog?.kind === 'roles' ? <UserRolesModal user={dialog.user} onClose={closeDialog} /> : null}
      <ConfirmModal
        opened={dialog?.kind === 'deactivate'}
        title={dialog ? t('deactivateTitle', { name: displayNameOf(dialog.user) }) : ''}
        confirmLabel={t('deactivate')}
        loading={deactivate.isPending}
        error={deactivate.error}
        errorTitle={t('actionFailed')}
        onClose={closeDialog}
        onConfirm={() => {
          if (!dialog) return;
          const name = displayNameOf(dialog.user);
          deactivate.mutate(dialog.user.id, {
            onSuccess: () => {
              closeDialog();
              notifications.show({ color: 'teal', message: t('deactivated', { name }) });
            },
          });
        }}
      >
        {dialog ? t('deactivateBody', { name: displayNameOf(dialog.user) }) : ''}
      </ConfirmModal>
      {dialog?.kind === 'reset-mfa' ? <ResetMfaModal user={dialog.user} onClose={closeDialog} /> : null}
    </Stack>
  );
}
