import { Badge, Button, Card, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SessionDto } from '@shala/contracts';
import { IconDevices, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useAccountText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { describeUserAgent, formatDateTime } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useRevokeSession, useSessions, useSignOutEverywhere } from '../hooks/use-sessions';

/** Every session of the signed-in user, the current one marked; revoke one, or all of them (AUT-05). */
export function SessionsCard() {
  const t = useAccountText();
  const { institution } = useCurrentUser();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const everywhere = useSignOutEverywhere();
  const [toRevoke, setToRevoke] = useState<SessionDto | null>(null);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);

  const deviceName = (session: SessionDto) => {
    const device = describeUserAgent(session.userAgent);
    return device ? t('sessions.deviceLine', device) : t('sessions.unknownDevice');
  };

  const closeRevoke = () => {
    setToRevoke(null);
    revoke.reset();
  };
  const confirmRevoke = () => {
    if (!toRevoke) return;
    revoke.mutate(toRevoke.id, {
      onSuccess: () => {
        closeRevoke();
        notifications.show({ color: 'teal', message: t('sessions.revoked') });
      },
    });
  };

  // Current session first, then the most recently used.
  const items = [...(sessions.data?.items ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt),
  );

  return (
    <Card component="section" aria-labelledby="sessions-title">
      <Group justify="space-between" align="flex-start" mb="xs" gap="sm">
        <Title order={2} size="h4" id="sessions-title">
          {t('sessions.title')}
        </Title>
        <Button
          variant="light"
          color="red"
          size="xs"
          leftSection={<IconLogout size={14} aria-hidden />}
          onClick={() => setConfirmEverywhere(true)}
        >
          {t('sessions.everywhere')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('sessions.intro')}
      </Text>

      {sessions.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton height={56} />
          <Skeleton height={56} />
        </Stack>
      ) : sessions.isError ? (
        <ApiErrorAlert error={sessions.error}>
          <Button variant="light" color="red" size="xs" mt="sm" onClick={() => void sessions.refetch()}>
            {t('common.retry')}
          </Button>
        </ApiErrorAlert>
      ) : (
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('sessions.listLabel')}
        >
          {items.map((session) => (
            <Paper component="li" key={session.id} withBorder p="sm" data-testid="session-row">
              <Group justify="space-between" align="center" gap="sm" wrap="nowrap">
                <Group gap="sm" wrap="nowrap" miw={0}>
                  <IconDevices size={22} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
                  <Stack gap={0} miw={0}>
                    <Group gap={6}>
                      <Text fw={600} size="sm">
                        {deviceName(session)}
                      </Text>
                      {session.current ? (
                        <Badge size="sm" color="teal" variant="light" tt="none">
                          {t('sessions.current')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('sessions.times', {
                        lastUsed: formatDateTime(session.lastUsedAt, institution.timeZone),
                        signedIn: formatDateTime(session.createdAt, institution.timeZone),
                      })}
                    </Text>
                    {session.ip ? (
                      <Text size="xs" c="dimmed">
                        {t('sessions.ip', { ip: session.ip })}
                      </Text>
                    ) : null}
                  </Stack>
                </Group>
                {session.current ? null : (
                  <Button
                    variant="default"
                    size="xs"
                    style={{ flexShrink: 0 }}
                    onClick={() => setToRevoke(session)}
                    aria-label={t('sessions.revokeLabel', { device: deviceName(session) })}
                  >
                    {t('sessions.revoke')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
          {items.length <= 1 ? (
            <Text component="li" size="sm" c="dimmed">
              {t('sessions.empty')}
            </Text>
          ) : null}
        </Stack>
      )}

      <ConfirmModal
        opened={toRevoke !== null}
        title={t('sessions.revokeTitle')}
        confirmLabel={t('sessions.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={confirmRevoke}
        onClose={closeRevoke}
      >
        {toRevoke ? t('sessions.revokeBody', { device: deviceName(toRevoke) }) : ''}
      </ConfirmModal>
      <ConfirmModal
        opened={confirmEverywhere}
        title={t('sessions.everywhereTitle')}
        confirmLabel={t('sessions.everywhere')}
        loading={everywhere.isPending}
        error={everywhere.error}
        onConfirm={() => everywhere.mutate()}
        onClose={() => {
          setConfirmEverywhere(false);
          everywhere.reset();
        }}
      >
        {t('sessions.everywhereBody')}
      </ConfirmModal>
    </Card>
  );
}
