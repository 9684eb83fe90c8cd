import { Alert, Badge, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconLink, IconShieldCheck } from '@tabler/icons-react';
import { useAuditText } from '../i18n';
import { toApiProblem } from '../../../app/api/errors';
import { useAuditChain } from '../hooks/use-audit';

/** The result of GET audit/verify: green when the chain recomputes, red naming the first broken event. */
export function AuditChainStatus() {
  const t = useAuditText();
  const chain = useAuditChain();

  if (chain.isPending) {
    return (
      <Group gap="xs" role="status" aria-live="polite">
        <Loader size="xs" aria-hidden />
        <Text size="sm" c="dimmed">
          {t('chain.checking')}
        </Text>
      </Group>
    );
  }
  if (chain.isError) {
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconLink aria-hidden />}
        title={t('chain.failed')}
        role="status"
      >
        <Text size="sm">{toApiProblem(chain.error).message ?? t('errors.title')}</Text>
      </Alert>
    );
  }
  if (chain.data.ok) {
    return (
      <Badge
        color="teal"
        variant="light"
        size="lg"
        tt="none"
        leftSection={<IconShieldCheck size={16} aria-hidden />}
        role="status"
        data-testid="audit-chain-status"
      >
        {t('chain.ok', { count: chain.data.checked })}
      </Badge>
    );
  }
  return (
    <Alert
      color="red"
      variant="filled"
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      data-testid="audit-chain-status"
    >
      <Text size="sm" fw={600}>
        {t('chain.broken', { seq: chain.data.firstBrokenSeq, reason: chain.data.reason })}
      </Text>
    </Alert>
  );
}
