import { Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import type { PrivacyRequestView } from '@shala/contracts';
import { useState } from 'react';
import { EmptyState } from '../../../app/components/empty-state';
import { FormModal } from '../../../app/components/form-modal';
import { ResponsiveList } from '../../../app/components/responsive-list';
import { formatDate } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import type { PrivacyScope } from '../api/privacy.api';
import { useTransitionPrivacyRequest } from '../hooks/use-privacy';
import { usePrivacyText } from '../i18n';
import { RequestActionsPanel } from '../erasure/components/request-actions-panel';
import { useErasure } from '../erasure/hooks/use-erasure';
import { ArchivePanel } from './archive-panel';

const STATUS_COLOR = { open: 'blue', in_progress: 'yellow', completed: 'green', refused: 'gray' } as const;

function StatusBadges({ request }: { request: PrivacyRequestView }) {
  const t = usePrivacyText();
  return (
    <Group gap={4} wrap="wrap">
      <Badge variant="light" color={STATUS_COLOR[request.status]}>
        {t(`statuses.${request.status}`)}
      </Badge>
      {request.overdue ? (
        <Badge color="red" data-testid="overdue-badge">
          {t('list.overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}

function RefuseModal({ request, onClose }: { request: PrivacyRequestView; onClose: () => void }) {
  const t = usePrivacyText();
  const transition = useTransitionPrivacyRequest();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <FormModal
      onClose={onClose}
      title={t('actions.refuseTitle')}
      submitLabel={t('actions.confirmRefuse')}
      submitColor="red"
      busy={transition.isPending}
      error={transition.error}
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) {
          setMissing(true);
          return;
        }
        transition.mutate(
          { id: request.id, status: 'refused', reason: reason.trim() },
          { onSuccess: onClose },
        );
      }}
    >
      <Textarea
        label={t('actions.reason')}
        required
        maxLength={500}
        value={reason}
        error={missing ? t('actions.reasonRequired') : undefined}
        onChange={(e) => {
          setReason(e.currentTarget.value);
          setMissing(false);
        }}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}

/**
 * What staff can do next with a request: start work, complete, refuse (with a reason). An erasure request
 * whose erasure is scheduled offers neither: the erasure completes it when it runs (Erase now once the
 * notice has run out), or staff cancel the erasure first.
 */
function Actions({ request }: { request: PrivacyRequestView }) {
  const t = usePrivacyText();
  const transition = useTransitionPrivacyRequest();
  const [refusing, setRefusing] = useState(false);
  const erasing = request.type === 'erasure' && request.status === 'in_progress';
  const erasure = useErasure(request.id, erasing);
  if (request.status === 'completed' || request.status === 'refused') return null;
  // Until the erasure is known, or while it is scheduled, closing the request is not offered.
  if (erasing && (erasure.isPending || erasure.data?.status === 'scheduled')) return null;
  return (
    <Group gap="xs" wrap="wrap">
      {request.status === 'open' ? (
        <Button
          size="xs"
          variant="light"
          loading={transition.isPending}
          onClick={() => transition.mutate({ id: request.id, status: 'in_progress' })}
        >
          {t('actions.start')}
        </Button>
      ) : (
        <Button
          size="xs"
          variant="light"
          color="green"
          loading={transition.isPending}
          onClick={() => transition.mutate({ id: request.id, status: 'completed' })}
        >
          {t('actions.complete')}
        </Button>
      )}
      <Button size="xs" variant="subtle" color="red" onClick={() => setRefusing(true)}>
        {t('actions.refuse')}
      </Button>
      {refusing ? <RefuseModal request={request} onClose={() => setRefusing(false)} /> : null}
    </Group>
  );
}

function Details({ request, scope }: { request: PrivacyRequestView; scope: PrivacyScope }) {
  const t = usePrivacyText();
  return (
    <Stack gap="xs">
      {request.refusalReason ? (
        <Text size="sm">{t('list.refusedBecause', { reason: request.refusalReason })}</Text>
      ) : null}
      {scope === 'requests' ? <Actions request={request} /> : null}
      {scope === 'requests' ? <RequestActionsPanel request={request} /> : null}
      {request.type === 'access' ? (
        <ArchivePanel scope={scope} requestId={request.id} requestedByUserId={request.requestedByUserId} />
      ) : null}
    </Stack>
  );
}

/** Requests with their due dates and overdue badges; each row's actions and archive under it. */
export function RequestList({ rows, scope }: { rows: PrivacyRequestView[]; scope: PrivacyScope }) {
  const t = usePrivacyText();
  const timeZone = useCurrentUser().institution.timeZone;
  if (rows.length === 0)
    return <EmptyState>{scope === 'requests' ? t('list.empty') : t('my.empty')}</EmptyState>;
  const subject = (r: PrivacyRequestView) => (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {r.subjectName ?? r.subjectId}
      </Text>
      <Text size="xs" c="dimmed">
        {t(`subjectTypes.${r.subjectType}`)}
        {r.raisedBy === 'parent' && scope === 'requests' ? ` · ${t('list.raisedByParent')}` : ''}
      </Text>
    </Stack>
  );
  return (
    <ResponsiveList
      label={t('list.label')}
      rows={rows}
      rowKey={(r) => r.id}
      rowProps={() => ({ 'data-testid': 'privacy-request' })}
      minWidth={640}
      columns={[
        { key: 'subject', header: t('list.subject'), cell: subject },
        { key: 'type', header: t('list.type'), cell: (r) => t(`types.${r.type}`) },
        { key: 'status', header: t('list.status'), cell: (r) => <StatusBadges request={r} /> },
        { key: 'received', header: t('list.received'), cell: (r) => formatDate(r.receivedAt, timeZone) },
        { key: 'due', header: t('list.due'), cell: (r) => formatDate(r.dueAt, timeZone) },
      ]}
      card={(r) => (
        <Stack gap={4}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            {subject(r)}
            <StatusBadges request={r} />
          </Group>
          <Text size="sm">
            {t(`types.${r.type}`)} · {t('list.due')}: {formatDate(r.dueAt, timeZone)}
          </Text>
        </Stack>
      )}
      details={(r) => ({ id: `privacy-details-${r.id}`, content: <Details request={r} scope={scope} /> })}
    />
  );
}
