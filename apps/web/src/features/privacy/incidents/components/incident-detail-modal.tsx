import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import {
  INCIDENT_CLOCK_KEYS,
  INCIDENT_EVENT_KINDS,
  INCIDENT_TEXT_MAX,
  type IncidentClockKey,
  type IncidentView,
} from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { formatDateTime } from '../../../../app/format';
import type { IncidentScope } from '../api/incidents.api';
import { useAddIncidentEvent, useCloseIncident } from '../hooks/use-incidents';
import { usePrivacyIncidentsText } from '../i18n';
import { localInputValue } from './incident-create-modal';
import { ClockBadges } from './clock-badges';

type Kind = (typeof INCIDENT_EVENT_KINDS)[number];

function AddEventForm({ scope, incident }: { scope: IncidentScope; incident: IncidentView }) {
  const t = usePrivacyIncidentsText();
  const add = useAddIncidentEvent(scope);
  const [kind, setKind] = useState<Kind>('note');
  const [text, setText] = useState('');
  const [target, setTarget] = useState<IncidentClockKey>('schools');
  const [notifiedAt, setNotifiedAt] = useState(() => localInputValue(new Date()));
  const [missing, setMissing] = useState(false);
  const targets = INCIDENT_CLOCK_KEYS.filter((k) => k !== 'meta' || incident.whatsappInvolved);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (kind !== 'notified' && !text.trim()) {
          setMissing(true);
          return;
        }
        add.mutate(
          {
            id: incident.id,
            kind,
            ...(text.trim() ? { text: text.trim() } : {}),
            ...(kind === 'notified' ? { target, notifiedAt: new Date(notifiedAt).toISOString() } : {}),
          },
          { onSuccess: () => setText('') },
        );
      }}
    >
      <Stack gap="xs">
        {add.error ? <ApiErrorAlert error={add.error} /> : null}
        <Group align="flex-end" wrap="wrap" gap="sm">
          <Select
            label={t('detail.kind')}
            w={180}
            data={INCIDENT_EVENT_KINDS.map((k) => ({ value: k, label: t(`events.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as Kind)}
            allowDeselect={false}
          />
          {kind === 'notified' ? (
            <>
              <Select
                label={t('detail.target')}
                w={180}
                data={targets.map((k) => ({ value: k, label: t(`clocks.${k}`) }))}
                value={target}
                onChange={(v) => v && setTarget(v as IncidentClockKey)}
                allowDeselect={false}
              />
              <TextInput
                label={t('detail.notifiedAt')}
                type="datetime-local"
                value={notifiedAt}
                onChange={(e) => setNotifiedAt(e.currentTarget.value)}
              />
            </>
          ) : null}
        </Group>
        <Textarea
          label={t('detail.text')}
          maxLength={INCIDENT_TEXT_MAX}
          autosize
          minRows={2}
          value={text}
          error={missing ? t('detail.textRequired') : undefined}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setMissing(false);
          }}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t('detail.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CloseForm({ scope, incident }: { scope: IncidentScope; incident: IncidentView }) {
  const t = usePrivacyIncidentsText();
  const close = useCloseIncident(scope);
  const [rootCause, setRootCause] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!rootCause.trim()) {
          setMissing(true);
          return;
        }
        close.mutate({ id: incident.id, rootCause: rootCause.trim() });
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h6">
          {t('detail.close')}
        </Title>
        {close.error ? <ApiErrorAlert error={close.error} /> : null}
        <Textarea
          label={t('detail.rootCause')}
          required
          maxLength={INCIDENT_TEXT_MAX}
          autosize
          minRows={2}
          value={rootCause}
          error={missing ? t('detail.rootCauseRequired') : undefined}
          onChange={(e) => {
            setRootCause(e.currentTarget.value);
            setMissing(false);
          }}
        />
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={close.isPending}>
            {t('detail.closeSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One incident: its clocks, timeline, and (when the reader may change it) new events and closing. */
export function IncidentDetailModal({
  scope,
  incident,
  onClose,
}: {
  scope: IncidentScope;
  incident: IncidentView;
  onClose: () => void;
}) {
  const t = usePrivacyIncidentsText();
  return (
    <Modal opened onClose={onClose} title={incident.nature} size="lg">
      <Stack gap="md">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {incident.description}
        </Text>
        <ClockBadges incident={incident} />
        {incident.affectedSchools ? (
          <Text size="sm">{incident.affectedSchools.map((s) => s.name).join(', ')}</Text>
        ) : null}
        {incident.rootCause ? (
          <Text size="sm">{t('detail.rootCauseShown', { text: incident.rootCause })}</Text>
        ) : null}
        <Title order={4} size="h6">
          {t('detail.timeline')}
        </Title>
        <Timeline bulletSize={14} lineWidth={2} data-testid="incident-timeline">
          {incident.events.map((e) => (
            <Timeline.Item
              key={e.id}
              title={`${t(`events.${e.kind}`)}${e.target ? ` · ${t(`clocks.${e.target}`)}` : ''}`}
            >
              {e.text ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.text}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)}
                {e.actorName ? ` · ${t('detail.by', { name: e.actorName })}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
        {incident.editable ? (
          <>
            <Divider />
            <AddEventForm scope={scope} incident={incident} />
            <Divider />
            <CloseForm scope={scope} incident={incident} />
          </>
        ) : incident.status === 'open' ? (
          <Alert color="blue">{t('detail.readOnly')}</Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('detail.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
