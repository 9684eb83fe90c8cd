import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { RetentionPolicyView, RetentionRunView } from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { EmptyState } from '../../../../app/components/empty-state';
import { ResponsiveList } from '../../../../app/components/responsive-list';
import { formatDateTime } from '../../../../app/format';
import { useCurrentUser } from '../../../auth/hooks/current-user';
import { Loading } from '../../grievances/components/grievances-panel';
import { useRetentionPolicy, useRetentionRuns, useUpdateRetentionPolicy } from '../hooks/use-retention';
import { usePrivacyRetentionText } from '../i18n';

type Days = number | string;

/** '' (the installation default) or a whole number of days. */
const parse = (v: Days): number | null | 'invalid' => {
  if (v === '' || v === null) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isInteger(n) ? n : 'invalid';
};

/** The school's periods, with the one-year floor of logs of processing explained before it is broken. */
function PolicyForm({ policy }: { policy: RetentionPolicyView }) {
  const t = usePrivacyRetentionText();
  const save = useUpdateRetentionPolicy();
  const [logs, setLogs] = useState<Days>(policy.processingLogDays ?? '');
  const [deliveries, setDeliveries] = useState<Days>(policy.deliveryRecordDays ?? '');
  const [errors, setErrors] = useState<{ logs?: string; deliveries?: string }>({});
  const { processingLogDays: logBounds, deliveryRecordDays: deliveryBounds } = policy.bounds;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const l = parse(logs);
        const d = parse(deliveries);
        const next: typeof errors = {};
        if (l === 'invalid' || (l !== null && l > logBounds.max))
          next.logs = t('policy.outOfBounds', logBounds);
        else if (l !== null && l < logBounds.min) next.logs = t('policy.belowFloor', logBounds);
        if (d === 'invalid' || (d !== null && (d < deliveryBounds.min || d > deliveryBounds.max)))
          next.deliveries = t('policy.outOfBounds', deliveryBounds);
        setErrors(next);
        if (next.logs || next.deliveries || l === 'invalid' || d === 'invalid') return;
        save.mutate({ processingLogDays: l, deliveryRecordDays: d });
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('policy.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('policy.intro')}
        </Text>
        <Alert color="blue" data-testid="retention-floor">
          {t('policy.floor', { min: logBounds.min })}
        </Alert>
        {save.error ? <ApiErrorAlert error={save.error} /> : null}
        {save.isSuccess ? (
          <Alert color="green" role="status">
            {t('policy.saved')}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NumberInput
            label={t('policy.processingLogs')}
            description={`${t('policy.processingLogsHelp', logBounds)} ${t('policy.defaultHint', { days: policy.defaults.processingLogDays })}`}
            min={logBounds.min}
            max={logBounds.max}
            allowDecimal={false}
            clampBehavior="none"
            value={logs}
            error={errors.logs}
            onChange={setLogs}
          />
          <NumberInput
            label={t('policy.deliveryRecords')}
            description={`${t('policy.deliveryRecordsHelp', deliveryBounds)} ${t('policy.defaultHint', { days: policy.defaults.deliveryRecordDays })}`}
            min={deliveryBounds.min}
            max={deliveryBounds.max}
            allowDecimal={false}
            clampBehavior="none"
            value={deliveries}
            error={errors.deliveries}
            onChange={setDeliveries}
          />
        </SimpleGrid>
        <Text size="sm" data-testid="retention-effective">
          {t('policy.effective', {
            logs: policy.effective.processingLogDays,
            deliveries: policy.effective.deliveryRecordDays,
          })}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('policy.auditEvents')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('policy.auditEventsKept')}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('policy.archives')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('policy.archivesKept', { days: policy.archiveDays })}
            </Text>
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('policy.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const STATUS_COLOR = { running: 'blue', done: 'green', failed: 'red' } as const;

/** The latest passes of the retention job and what each deleted. */
function RunsTable({ runs }: { runs: RetentionRunView[] }) {
  const t = usePrivacyRetentionText();
  const timeZone = useCurrentUser().institution.timeZone;
  if (runs.length === 0) return <EmptyState>{t('runs.empty')}</EmptyState>;
  const status = (r: RetentionRunView) => (
    <Badge color={STATUS_COLOR[r.status]} variant="light">
      {t(`runs.statuses.${r.status}`)}
    </Badge>
  );
  const periods = (r: RetentionRunView) =>
    t('runs.periodsValue', { logs: r.processingLogDays, deliveries: r.deliveryRecordDays });
  return (
    <ResponsiveList
      label={t('runs.label')}
      rows={runs}
      rowKey={(r) => r.id}
      rowProps={() => ({ 'data-testid': 'retention-run' })}
      minWidth={640}
      columns={[
        { key: 'started', header: t('runs.started'), cell: (r) => formatDateTime(r.startedAt, timeZone) },
        { key: 'periods', header: t('runs.periods'), cell: periods },
        { key: 'logs', header: t('runs.logsDeleted'), cell: (r) => r.deleted.processingLogs },
        { key: 'deliveries', header: t('runs.deliveriesDeleted'), cell: (r) => r.deleted.deliveryRecords },
        { key: 'status', header: t('runs.status'), cell: status },
      ]}
      card={(r) => (
        <Stack gap={4}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" fw={500}>
              {formatDateTime(r.startedAt, timeZone)}
            </Text>
            {status(r)}
          </Group>
          <Text size="sm">
            {t('runs.logsDeleted')}: {r.deleted.processingLogs} · {t('runs.deliveriesDeleted')}:{' '}
            {r.deleted.deliveryRecords}
          </Text>
          <Text size="xs" c="dimmed">
            {periods(r)}
          </Text>
        </Stack>
      )}
    />
  );
}

/** Staff: the school's retention policy and the reports of the retention job. */
export function RetentionPanel() {
  const t = usePrivacyRetentionText();
  const policy = useRetentionPolicy();
  const runs = useRetentionRuns();
  return (
    <Stack gap="md">
      <Card withBorder>
        {policy.isPending ? (
          <Loading />
        ) : policy.isError ? (
          <ApiErrorAlert error={policy.error} />
        ) : (
          <PolicyForm policy={policy.data} />
        )}
      </Card>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('runs.title')}
        </Title>
        <Card withBorder padding={0}>
          {runs.isPending ? (
            <Loading />
          ) : runs.isError ? (
            <ApiErrorAlert error={runs.error} />
          ) : (
            <RunsTable runs={runs.data} />
          )}
        </Card>
      </Stack>
    </Stack>
  );
}
