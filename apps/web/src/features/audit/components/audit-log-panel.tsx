import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Code,
  Group,
  Skeleton,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  AuditExportFormat,
  Permission,
  type AuditEventDto,
  type AuditFilter,
  type AuditOutcome,
} from '@shala/contracts';
import { IconChevronDown, IconChevronRight, IconDownload, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useAuditText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { toApiProblem } from '../../../app/api/errors';
import { formatDateTime } from '../../../app/format';
import { displayNameOf } from '../../auth/components/display-name';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { useUserDirectory } from '../../users/hooks/use-users';
import { useAuditEvents, useExportAudit } from '../hooks/use-audit';
import { AuditChainStatus } from './audit-chain-status';
import { AuditFilterBar } from './audit-filter-bar';
import { LoadMore } from '../../../app/components/load-more';
import { ResponsiveList } from '../../../app/components/responsive-list';

const outcomeColor: Record<AuditOutcome, string> = { success: 'teal', failure: 'orange', denied: 'red' };

/** The audit log page: chain status, filters, events with details on demand, CSV and JSON export. */
export function AuditLogPanel() {
  const t = useAuditText();
  const me = useCurrentUser();
  const canExport = useCan(Permission.AuditExport);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const events = useAuditEvents(filter);
  const directory = useUserDirectory();
  const exporter = useExportAudit();
  const timeZone = me.institution.timeZone;

  const runExport = (format: AuditExportFormat) =>
    exporter.mutate(
      { filter, format },
      {
        onSuccess: ({ fileName }) =>
          notifications.show({ color: 'teal', message: t('exported', { file: fileName }) }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: t('exportFailed'),
            message: toApiProblem(error).message ?? t('errors.title'),
          }),
      },
    );
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // The API names the actor (resolved when read); the user directory is the fallback for older answers.
  const actorName = (event: AuditEventDto) => {
    if (event.actorName) return event.actorName;
    if (!event.actorUserId) return t('system');
    const user = directory.byId.get(event.actorUserId);
    return user ? displayNameOf(user) : event.actorUserId;
  };

  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(filter).length > 0;

  const detailsId = (event: AuditEventDto) => `audit-event-${event.seq}`;
  const detailsToggle = (event: AuditEventDto, open: boolean) => (
    <ActionIcon
      variant="subtle"
      color="gray"
      onClick={() => toggle(event.id)}
      aria-expanded={open}
      aria-controls={detailsId(event)}
      aria-label={open ? t('hideDetails', { seq: event.seq }) : t('showDetails', { seq: event.seq })}
    >
      {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
    </ActionIcon>
  );
  const outcomeBadge = (event: AuditEventDto) => (
    // max-content: a narrow table column must not cut the outcome down to "Succe…".
    <Badge
      color={outcomeColor[event.outcome] ?? 'gray'}
      variant="light"
      tt="none"
      style={{ minWidth: 'max-content' }}
    >
      {t(`outcomes.${event.outcome}`, { defaultValue: event.outcome })}
    </Badge>
  );

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader
        title={t('title')}
        intro={t('intro', { institution: me.institution.name })}
        actions={
          canExport ? (
            <>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => runExport(AuditExportFormat.Csv)}
                loading={exporter.isPending && exporter.variables?.format === AuditExportFormat.Csv}
              >
                {t('exportCsv')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => runExport(AuditExportFormat.Json)}
                loading={exporter.isPending && exporter.variables?.format === AuditExportFormat.Json}
              >
                {t('exportJson')}
              </Button>
            </>
          ) : null
        }
      />
      <AuditChainStatus />
      <Card>
        <AuditFilterBar
          onApply={(next) => {
            setExpanded(new Set());
            setFilter(next);
          }}
        />
      </Card>
      <Card p={0}>
        <Text size="xs" c="dimmed" px="md" pt="sm">
          {t('timesIn', { timeZone })}
        </Text>
        {events.isPending ? (
          <Stack gap="xs" p="md" aria-busy="true">
            {[0, 1, 2, 3].map((row) => (
              <Skeleton key={row} height={36} />
            ))}
          </Stack>
        ) : events.isError ? (
          <Stack p="md">
            <ApiErrorAlert error={events.error}>
              <Button variant="light" color="red" size="xs" mt="sm" onClick={() => void events.refetch()}>
                {t('common.retry')}
              </Button>
            </ApiErrorAlert>
          </Stack>
        ) : rows.length === 0 ? (
          <EmptyState icon={IconHistory}>{filtered ? t('empty') : t('emptyAll')}</EmptyState>
        ) : (
          <ResponsiveList
            label={t('tableLabel')}
            rows={rows}
            rowKey={(event) => event.id}
            rowProps={() => ({ 'data-testid': 'audit-row' })}
            phoneItems="divided"
            compact
            minWidth={820}
            tableProps={{ verticalSpacing: 'xs' }}
            details={(event) =>
              expanded.has(event.id)
                ? { id: detailsId(event), content: <AuditEventDetails event={event} /> }
                : null
            }
            columns={[
              {
                key: 'toggle',
                header: <VisuallyHidden>{t('detail.details')}</VisuallyHidden>,
                width: 40,
                cell: (event) => detailsToggle(event, expanded.has(event.id)),
              },
              {
                key: 'seq',
                header: t('column.seq'),
                cell: (event) => (
                  <Text size="sm" ff="monospace">
                    {event.seq}
                  </Text>
                ),
              },
              {
                key: 'summary',
                header: t('column.summary'),
                cell: (event) => (
                  <Stack gap={2} miw={0}>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {event.summary}
                    </Text>
                    <Code fz="xs" w="fit-content">
                      {event.action}
                    </Code>
                  </Stack>
                ),
              },
              { key: 'outcome', header: t('column.outcome'), cell: outcomeBadge },
              {
                key: 'time',
                header: t('column.time'),
                cell: (event) => (
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(event.occurredAt, timeZone)}
                  </Text>
                ),
              },
              {
                key: 'actor',
                header: t('column.actor'),
                cell: (event) => (
                  <Text size="sm" maw={220} truncate>
                    {actorName(event)}
                  </Text>
                ),
              },
            ]}
            card={(event) => (
              <Group gap="xs" wrap="nowrap" align="flex-start">
                {detailsToggle(event, expanded.has(event.id))}
                <Box miw={0} style={{ flex: 1 }}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {event.summary}
                  </Text>
                  <Group gap={6} wrap="wrap" mt={4}>
                    <Text size="sm" ff="monospace" c="dimmed">
                      {t('seq', { seq: event.seq })}
                    </Text>
                    <Code>{event.action}</Code>
                    {outcomeBadge(event)}
                  </Group>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('cardLine', {
                      time: formatDateTime(event.occurredAt, timeZone),
                      actor: actorName(event),
                    })}
                  </Text>
                </Box>
              </Group>
            )}
          />
        )}
        <LoadMore query={events} label={t('loadMore')} centered />
      </Card>
    </Stack>
  );
}

function AuditEventDetails({ event }: { event: AuditEventDto }) {
  const t = useAuditText();
  const line = (label: string, value: string | null) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" fw={600} c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {value ?? t('detail.none')}
      </Text>
    </Group>
  );
  return (
    <Stack gap={6} py={4}>
      {line(t('detail.id'), event.id)}
      {line(t('detail.actor'), event.actorUserId)}
      {line(t('detail.targetName'), event.targetName)}
      {line(
        t('detail.target'),
        event.targetType ? `${event.targetType}${event.targetId ? ` ${event.targetId}` : ''}` : null,
      )}
      {line(t('detail.requestId'), event.requestId)}
      {line(t('detail.ip'), event.ip)}
      {line(t('detail.userAgent'), event.userAgent)}
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs" fw={600} c="dimmed" w={110} style={{ flexShrink: 0 }}>
          {t('detail.details')}
        </Text>
        {event.details == null ? (
          <Text size="xs">{t('detail.none')}</Text>
        ) : (
          <Code
            block
            fz="xs"
            style={{ flex: 1, minWidth: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {JSON.stringify(event.details, null, 2)}
          </Code>
        )}
      </Group>
      {line(t('detail.hash'), event.hash)}
      {line(t('detail.prevHash'), event.prevHash)}
    </Stack>
  );
}
