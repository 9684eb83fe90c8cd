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
  Table,
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
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { toApiProblem } from '../../../app/api/errors';
import { formatDateTime } from '../../../app/format';
import { usePhoneLayout } from '../../../app/use-phone-layout';
import { displayNameOf } from '../../auth/components/display-name';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { useUserDirectory } from '../../users/hooks/use-users';
import { useAuditEvents, useExportAudit } from '../hooks/use-audit';
import { AuditChainStatus } from './audit-chain-status';
import { AuditFilterBar } from './audit-filter-bar';

const outcomeColor: Record<AuditOutcome, string> = { success: 'teal', failure: 'orange', denied: 'red' };

/** The audit log page: chain status, filters, events with details on demand, CSV and JSON export. */
export function AuditLogPanel() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canExport = useCan(Permission.AuditExport);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const events = useAuditEvents(filter);
  const directory = useUserDirectory();
  const exporter = useExportAudit();
  const timeZone = me.institution.timeZone;
  const phone = usePhoneLayout();

  const runExport = (format: AuditExportFormat) =>
    exporter.mutate(
      { filter, format },
      {
        onSuccess: ({ fileName }) =>
          notifications.show({ color: 'teal', message: t('audit.exported', { file: fileName }) }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: t('audit.exportFailed'),
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
  const actorName = (event: AuditEventDto) => {
    if (!event.actorUserId) return t('audit.system');
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
      aria-label={
        open ? t('audit.hideDetails', { seq: event.seq }) : t('audit.showDetails', { seq: event.seq })
      }
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
      {t(`audit.outcomes.${event.outcome}`, { defaultValue: event.outcome })}
    </Badge>
  );

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro', { institution: me.institution.name })}
        actions={
          canExport ? (
            <>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => runExport(AuditExportFormat.Csv)}
                loading={exporter.isPending && exporter.variables?.format === AuditExportFormat.Csv}
              >
                {t('audit.exportCsv')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => runExport(AuditExportFormat.Json)}
                loading={exporter.isPending && exporter.variables?.format === AuditExportFormat.Json}
              >
                {t('audit.exportJson')}
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
          {t('audit.timesIn', { timeZone })}
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
          <EmptyState icon={IconHistory}>{filtered ? t('audit.empty') : t('audit.emptyAll')}</EmptyState>
        ) : phone ? (
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('audit.tableLabel')}
          >
            {rows.map((event) => {
              const open = expanded.has(event.id);
              return (
                <Box
                  component="li"
                  key={event.id}
                  px="md"
                  py="xs"
                  data-testid="audit-row"
                  style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
                >
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    {detailsToggle(event, open)}
                    <Box miw={0} style={{ flex: 1 }}>
                      <Group gap={6} wrap="wrap">
                        <Text size="sm" ff="monospace" c="dimmed">
                          {t('audit.seq', { seq: event.seq })}
                        </Text>
                        <Code>{event.action}</Code>
                        {outcomeBadge(event)}
                      </Group>
                      <Text size="xs" c="dimmed" mt={4}>
                        {t('audit.cardLine', {
                          time: formatDateTime(event.occurredAt, timeZone),
                          actor: actorName(event),
                        })}
                      </Text>
                    </Box>
                  </Group>
                  {open ? (
                    <Box id={detailsId(event)} mt="xs">
                      <AuditEventDetails event={event} />
                    </Box>
                  ) : null}
                </Box>
              );
            })}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="xs" aria-label={t('audit.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <VisuallyHidden>{t('audit.detail.details')}</VisuallyHidden>
                  </Table.Th>
                  <Table.Th>{t('audit.column.seq')}</Table.Th>
                  <Table.Th>{t('audit.column.action')}</Table.Th>
                  <Table.Th>{t('audit.column.outcome')}</Table.Th>
                  <Table.Th>{t('audit.column.time')}</Table.Th>
                  <Table.Th>{t('audit.column.actor')}</Table.Th>
                  <Table.Th>{t('audit.column.target')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((event) => {
                  const open = expanded.has(event.id);
                  return (
                    <Fragment key={event.id}>
                      <Table.Tr data-testid="audit-row">
                        <Table.Td>{detailsToggle(event, open)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" ff="monospace">
                            {event.seq}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Code>{event.action}</Code>
                        </Table.Td>
                        <Table.Td>{outcomeBadge(event)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {formatDateTime(event.occurredAt, timeZone)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" maw={220} truncate>
                            {actorName(event)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" c="dimmed">
                            {event.targetType ?? t('audit.noTarget')}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                      {open ? (
                        <Table.Tr id={detailsId(event)}>
                          <Table.Td colSpan={7} bg="var(--mantine-color-default-hover)">
                            <AuditEventDetails event={event} />
                          </Table.Td>
                        </Table.Tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {events.hasNextPage ? (
          <Group justify="center" p="md">
            <Button
              variant="default"
              onClick={() => void events.fetchNextPage()}
              loading={events.isFetchingNextPage}
            >
              {t('audit.loadMore')}
            </Button>
          </Group>
        ) : null}
      </Card>
    </Stack>
  );
}

function AuditEventDetails({ event }: { event: AuditEventDto }) {
  const { t } = useTranslation();
  const line = (label: string, value: string | null) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" fw={600} c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {value ?? t('audit.detail.none')}
      </Text>
    </Group>
  );
  return (
    <Stack gap={6} py={4}>
      {line(t('audit.detail.id'), event.id)}
      {line(
        t('audit.detail.target'),
        event.targetType ? `${event.targetType}${event.targetId ? ` ${event.targetId}` : ''}` : null,
      )}
      {line(t('audit.detail.requestId'), event.requestId)}
      {line(t('audit.detail.ip'), event.ip)}
      {line(t('audit.detail.userAgent'), event.userAgent)}
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs" fw={600} c="dimmed" w={110} style={{ flexShrink: 0 }}>
          {t('audit.detail.details')}
        </Text>
        {event.details == null ? (
          <Text size="xs">{t('audit.detail.none')}</Text>
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
      {line(t('audit.detail.hash'), event.hash)}
      {line(t('audit.detail.prevHash'), event.prevHash)}
    </Stack>
  );
}
