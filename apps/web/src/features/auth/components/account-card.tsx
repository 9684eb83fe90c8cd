import { Badge, Button, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { useAuthText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useMe } from '../hooks/use-me';
import { displayNameOf, roleLabel } from './display-name';

/** Who is signed in, where, and with which roles: GET /api/v1/me. */
export function AccountCard() {
  const t = useAuthText();
  const me = useMe();

  return (
    <Card component="section" aria-labelledby="account-title">
      <Group gap="sm" mb="md" wrap="nowrap">
        <ThemeIcon variant="light" size="lg" radius="md">
          <IconUserCircle size={20} aria-hidden />
        </ThemeIcon>
        <Title order={2} size="h4" id="account-title">
          {t('dashboard.account')}
        </Title>
      </Group>

      {me.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton height={20} width="60%" />
          <Skeleton height={16} width="80%" />
          <Skeleton height={16} width="50%" />
        </Stack>
      ) : me.isError ? (
        <ApiErrorAlert error={me.error}>
          <Button variant="light" color="red" size="xs" mt="sm" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        </ApiErrorAlert>
      ) : (
        <Stack gap="sm">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('dashboard.signedInAs')}
            </Text>
            <Text fw={600} data-testid="signed-in-user">
              {displayNameOf(me.data.user)}
            </Text>
            <Text size="sm" c="dimmed">
              {me.data.user.email}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('dashboard.institution')}
            </Text>
            <Text>{me.data.institution.name}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
              {t('dashboard.roles')}
            </Text>
            {me.data.roles.length > 0 ? (
              <Group gap={6}>
                {me.data.roles.map((role) => (
                  <Badge key={role} variant="light" tt="none">
                    {roleLabel(t, role)}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('dashboard.noRoles')}
              </Text>
            )}
          </div>
          <Text size="sm" c="dimmed">
            {t('dashboard.permissionCount', { count: me.data.permissions.length })}
          </Text>
        </Stack>
      )}
    </Card>
  );
}
