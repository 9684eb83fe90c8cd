import { Badge, Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import type { GrievanceView } from '@shala/contracts';
import { useState } from 'react';
import { EmptyState } from '../../../../app/components/empty-state';
import { FormModal } from '../../../../app/components/form-modal';
import { ResponsiveList } from '../../../../app/components/responsive-list';
import { formatDate } from '../../../../app/format';
import { useCurrentUser } from '../../../auth/hooks/current-user';
import type { GrievanceScope } from '../api/grievances.api';
import { useAnswerGrievance } from '../hooks/use-grievances';
import { usePrivacyGrievancesText } from '../i18n';

const STATUS_COLOR = { open: 'blue', answered: 'green', closed: 'gray' } as const;

function StatusBadges({ grievance }: { grievance: GrievanceView }) {
  const t = usePrivacyGrievancesText();
  return (
    <Group gap={4} wrap="wrap">
      <Badge variant="light" color={STATUS_COLOR[grievance.status]}>
        {t(`statuses.${grievance.status}`)}
      </Badge>
      {grievance.overdue ? (
        <Badge color="red" data-testid="grievance-overdue-badge">
          {t('list.overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}

function AnswerModal({ grievance, onClose }: { grievance: GrievanceView; onClose: () => void }) {
  const t = usePrivacyGrievancesText();
  const answer = useAnswerGrievance();
  const [text, setText] = useState('');
  const [close, setClose] = useState(false);
  const [missing, setMissing] = useState(false);
  return (
    <FormModal
      onClose={onClose}
      title={t('answer.title')}
      submitLabel={t('answer.submit')}
      busy={answer.isPending}
      error={answer.error}
      intro={
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {grievance.subject}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {grievance.text}
          </Text>
        </Stack>
      }
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) {
          setMissing(true);
          return;
        }
        answer.mutate(
          { id: grievance.id, answer: text.trim(), ...(close ? { close: true } : {}) },
          { onSuccess: onClose },
        );
      }}
    >
      <Textarea
        label={t('answer.answer')}
        required
        maxLength={4000}
        value={text}
        error={missing ? t('answer.required') : undefined}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setMissing(false);
        }}
        autosize
        minRows={3}
      />
      <Checkbox
        label={t('answer.close')}
        checked={close}
        onChange={(e) => setClose(e.currentTarget.checked)}
      />
    </FormModal>
  );
}

function Details({ grievance, scope }: { grievance: GrievanceView; scope: GrievanceScope }) {
  const t = usePrivacyGrievancesText();
  const timeZone = useCurrentUser().institution.timeZone;
  const [answering, setAnswering] = useState(false);
  return (
    <Stack gap="xs">
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {grievance.text}
      </Text>
      {grievance.answer ? (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('list.answer')}
            {grievance.answeredAt
              ? ` · ${t('list.answeredOn', { date: formatDate(grievance.answeredAt, timeZone) })}`
              : ''}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="grievance-answer">
            {grievance.answer}
          </Text>
        </Stack>
      ) : scope === 'my-grievances' ? (
        <Text size="sm" c="dimmed">
          {t('list.awaiting', { date: formatDate(grievance.dueAt, timeZone) })}
        </Text>
      ) : null}
      {scope === 'grievances' && grievance.status === 'open' ? (
        <Group>
          <Button size="xs" variant="light" onClick={() => setAnswering(true)}>
            {t('answer.open')}
          </Button>
        </Group>
      ) : null}
      {answering ? <AnswerModal grievance={grievance} onClose={() => setAnswering(false)} /> : null}
    </Stack>
  );
}

/** Grievances with their due dates and overdue badges; the text, answer and actions under each row. */
export function GrievanceList({ rows, scope }: { rows: GrievanceView[]; scope: GrievanceScope }) {
  const t = usePrivacyGrievancesText();
  const timeZone = useCurrentUser().institution.timeZone;
  if (rows.length === 0)
    return <EmptyState>{scope === 'grievances' ? t('list.empty') : t('list.myEmpty')}</EmptyState>;
  const subject = (g: GrievanceView) => (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {g.subject}
      </Text>
      {g.studentName ? (
        <Text size="xs" c="dimmed">
          {t('list.about', { name: g.studentName })}
        </Text>
      ) : null}
    </Stack>
  );
  return (
    <ResponsiveList
      label={t('list.label')}
      rows={rows}
      rowKey={(g) => g.id}
      rowProps={() => ({ 'data-testid': 'grievance' })}
      minWidth={640}
      columns={[
        { key: 'subject', header: t('list.subject'), cell: subject },
        { key: 'category', header: t('list.category'), cell: (g) => t(`categories.${g.category}`) },
        { key: 'status', header: t('list.status'), cell: (g) => <StatusBadges grievance={g} /> },
        { key: 'received', header: t('list.received'), cell: (g) => formatDate(g.receivedAt, timeZone) },
        { key: 'due', header: t('list.due'), cell: (g) => formatDate(g.dueAt, timeZone) },
      ]}
      card={(g) => (
        <Stack gap={4}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            {subject(g)}
            <StatusBadges grievance={g} />
          </Group>
          <Text size="sm">
            {t(`categories.${g.category}`)} · {t('list.due')}: {formatDate(g.dueAt, timeZone)}
          </Text>
        </Stack>
      )}
      details={(g) => ({ id: `grievance-details-${g.id}`, content: <Details grievance={g} scope={scope} /> })}
    />
  );
}
