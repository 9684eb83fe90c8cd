import { Badge, Button, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconActivityHeartbeat, IconCircleCheck, IconAlertTriangle } from '@tabler/icons-react';
import type { HealthStatus } from '@shala/contracts';
import { useHealthText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useHealth } from '../hooks/use-health';

type CheckState = HealthStatus['checks'][string];

const checkColor: Record<CheckState, string> = { up: 'teal', down: 'red', not_configured: 'gray' };

export function HealthCard() {
  const t = useHealthText();
  const health = useHealth();

  return (
    <Card component="section" aria-labelledby="health-title">
      <Group gap="sm" mb="md" wrap="nowrap">
        <ThemeIcon variant="light" size="lg" radius="md">
          <IconActivityHeartbeat size={20} aria-hidden />
        </ThemeIcon>
        <Title order={2} size="h4" id="health-title">
          {t('title')}
        </Title>
      </Group>

      {health.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton height={20} width="70%" />
          <Skeleton height={16} width="40%" />
        </Stack>
      ) : health.isError ? (
        <ApiErrorAlert error={health.error}>
          <Button variant="light" color="red" size="xs" mt="sm" onClick={() => void health.refetch()}>
            {t('common.retry')}
          </Button>
        </ApiErrorAlert>
      ) : (
        <Stack gap="sm">
          <Group gap="xs" wrap="nowrap">
            {health.data.status === 'ok' ? (
              <IconCircleCheck size={22} color="var(--mantine-color-teal-6)" aria-hidden />
            ) : (
              <IconAlertTriangle size={22} color="var(--mantine-color-red-6)" aria-hidden />
            )}
            <Text fw={600} data-testid="health-summary">
              {health.data.status === 'ok' ? t('ok') : t('unavailable')}
            </Text>
          </Group>
          {Object.entries(health.data.checks).length > 0 ? (
            <Group gap="xs">
              {Object.entries(health.data.checks).map(([name, state]) => (
                <Badge key={name} variant="light" color={checkColor[state] ?? 'gray'} tt="none">
                  {t('checkLine', {
                    name,
                    state: t(`check.${state}`, { defaultValue: state }),
                  })}
                </Badge>
              ))}
            </Group>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('checkedAt', { time: new Date(health.dataUpdatedAt).toLocaleTimeString() })}
          </Text>
        </Stack>
      )}
    </Card>
  );
}
