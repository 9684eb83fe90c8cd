import { Alert, Badge, Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { IncidentView } from '@shala/contracts';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { EmptyState } from '../../../../app/components/empty-state';
import { formatDateTime } from '../../../../app/format';
import type { IncidentScope } from '../api/incidents.api';
import { useIncidents } from '../hooks/use-incidents';
import { usePrivacyIncidentsText } from '../i18n';
import { ClockBadges } from './clock-badges';
import { IncidentCreateModal } from './incident-create-modal';
import { IncidentDetailModal } from './incident-detail-modal';

/** What happened to the notices of a new incident: queued, queued without a channel, or nobody to tell. */
function NoticeAlert({ incident, onClose }: { incident: IncidentView; onClose: () => void }) {
  const t = usePrivacyIncidentsText();
  const n = incident.notice;
  const text = !n
    ? t('create.recorded')
    : n.status === 'no_recipients'
      ? t('create.noticeNone')
      : n.status === 'no_channel'
        ? t('create.noticeNoChannel', { count: n.messages, schools: n.schoolsWithoutChannel })
        : t('create.noticeQueued', { count: n.messages });
  return (
    <Alert
      color={n?.status === 'queued' ? 'green' : 'yellow'}
      withCloseButton
      onClose={onClose}
      role="status"
      title={t('create.recorded')}
      data-testid="incident-notice"
    >
      {text}
    </Alert>
  );
}

/**
 * The breach and incident register: a school's (Privacy > Incidents) or the operator's. Each incident with
 * its three notification clocks as badges; record one, open one for its timeline, add events, close it.
 */
export function IncidentsPanel({ scope }: { scope: IncidentScope }) {
  const t = usePrivacyIncidentsText();
  const incidents = useIncidents(scope);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<IncidentView | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = incidents.data?.find((i) => i.id === openId) ?? null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" maw={640}>
          {t('intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('create.open')}
        </Button>
      </Group>
      {created ? <NoticeAlert incident={created} onClose={() => setCreated(null)} /> : null}
      {incidents.isPending ? (
        <Center py="md" role="status">
          <Loader size="sm" />
        </Center>
      ) : incidents.isError ? (
        <ApiErrorAlert error={incidents.error} />
      ) : incidents.data.length === 0 ? (
        <EmptyState>{t('list.empty')}</EmptyState>
      ) : (
        <Stack gap="sm" aria-label={t('list.label')} role="list">
          {incidents.data.map((i) => (
            <Card key={i.id} withBorder padding="sm" role="listitem" data-testid="incident">
              <Stack gap={6}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600}>{i.nature}</Text>
                    <Badge variant="light" color={i.status === 'open' ? 'blue' : 'gray'}>
                      {t(`statuses.${i.status}`)}
                    </Badge>
                  </Group>
                  <Button size="xs" variant="light" onClick={() => setOpenId(i.id)}>
                    {t('list.open')}
                  </Button>
                </Group>
                <Text size="sm" c="dimmed">
                  {t('list.detected', { date: formatDateTime(i.detectedAt) })} ·{' '}
                  {t('list.subjects', { count: i.subjectsCount })}
                  {i.origin === 'platform' ? ` · ${t('list.schools', { count: i.affectedSchoolCount })}` : ''}
                </Text>
                {scope === 'privacy' && i.origin === 'platform' ? (
                  <Text size="xs" c="dimmed">
                    {t('list.byOperator')}
                  </Text>
                ) : null}
                <ClockBadges incident={i} />
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {creating ? (
        <IncidentCreateModal
          scope={scope}
          onClose={() => setCreating(false)}
          onCreated={(view) => {
            setCreating(false);
            setCreated(view);
          }}
        />
      ) : null}
      {open ? <IncidentDetailModal scope={scope} incident={open} onClose={() => setOpenId(null)} /> : null}
    </Stack>
  );
}
