import { Anchor, Button, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { ERASURE_NOTICE_HOURS, type PrivacyRequestView } from '@shala/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { FormModal } from '../../../../app/components/form-modal';
import { formatDateTime } from '../../../../app/format';
import { useCurrentUser } from '../../../auth/hooks/current-user';
import {
  useCancelErasure,
  useCompleteCorrection,
  useErasure,
  useExecuteErasure,
  useRestriction,
  useScheduleErasure,
  useSetRestriction,
} from '../hooks/use-erasure';
import { usePrivacyErasureText } from '../i18n';

const HOUR_MS = 60 * 60 * 1000;
const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function RestrictionPanel({ request }: { request: PrivacyRequestView }) {
  const t = usePrivacyErasureText();
  const restriction = useRestriction(request.id);
  const set = useSetRestriction(request.id);
  const restricted = restriction.data?.restricted ?? false;
  const canApply = request.status === 'in_progress' || request.status === 'completed';
  return (
    <Stack gap={4} data-testid="restriction-panel">
      <Title order={5}>{t('restriction.title')}</Title>
      <Text size="sm">{restricted ? t('restriction.on') : t('restriction.off')}</Text>
      {canApply ? (
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            color={restricted ? 'gray' : 'orange'}
            loading={set.isPending}
            onClick={() => set.mutate(!restricted)}
          >
            {restricted ? t('restriction.lift') : t('restriction.apply')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function EraseModal({ request, onClose }: { request: PrivacyRequestView; onClose: () => void }) {
  const t = usePrivacyErasureText();
  const timeZone = useCurrentUser().institution.timeZone;
  const schedule = useScheduleErasure(request.id);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const name = request.subjectName ?? '';
  const runsAt = new Date(Date.now() + ERASURE_NOTICE_HOURS * HOUR_MS).toISOString();
  return (
    <FormModal
      onClose={onClose}
      title={t('erasure.modalTitle')}
      intro={t('erasure.intro', {
        pseudonym: `Erased ${request.subjectType}`,
        date: formatDateTime(runsAt, timeZone),
      })}
      submitLabel={t('erasure.submit')}
      submitColor="red"
      busy={schedule.isPending}
      error={schedule.error}
      onSubmit={(event) => {
        event.preventDefault();
        // The server also accepts the admission number; here the name must match before it is sent.
        if (name && normalise(typed) !== normalise(name) && !/\d/.test(typed)) {
          setMismatch(true);
          return;
        }
        schedule.mutate({ confirmation: typed.trim() }, { onSuccess: onClose });
      }}
    >
      <TextInput
        label={t('erasure.confirmLabel')}
        description={name ? t('erasure.confirmHint', { name }) : undefined}
        required
        value={typed}
        error={mismatch ? t('erasure.mismatch') : undefined}
        onChange={(e) => {
          setTyped(e.currentTarget.value);
          setMismatch(false);
        }}
        data-autofocus
      />
    </FormModal>
  );
}

/** Erase now, once the notice has run out: the name typed again, since nothing brings the data back. */
function ExecuteModal({
  request,
  pseudonym,
  onClose,
}: {
  request: PrivacyRequestView;
  pseudonym: string;
  onClose: () => void;
}) {
  const t = usePrivacyErasureText();
  const execute = useExecuteErasure(request.id);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const name = request.subjectName ?? '';
  return (
    <FormModal
      onClose={onClose}
      title={t('erasure.executeTitle')}
      intro={t('erasure.executeIntro', { pseudonym })}
      submitLabel={t('erasure.executeSubmit')}
      submitColor="red"
      busy={execute.isPending}
      error={execute.error}
      onSubmit={(event) => {
        event.preventDefault();
        if (name && normalise(typed) !== normalise(name)) {
          setMismatch(true);
          return;
        }
        execute.mutate(undefined, { onSuccess: onClose });
      }}
    >
      <TextInput
        label={t('erasure.executeConfirmLabel')}
        description={name ? t('erasure.confirmHint', { name }) : undefined}
        required
        value={typed}
        error={mismatch ? t('erasure.mismatch') : undefined}
        onChange={(e) => {
          setTyped(e.currentTarget.value);
          setMismatch(false);
        }}
        data-autofocus
      />
    </FormModal>
  );
}

function ErasurePanel({ request }: { request: PrivacyRequestView }) {
  const t = usePrivacyErasureText();
  const timeZone = useCurrentUser().institution.timeZone;
  // An erasure is scheduled only once work has started: an open request has none to ask for (a 404).
  const erasure = useErasure(request.id, request.status !== 'open');
  const cancel = useCancelErasure(request.id);
  const [erasing, setErasing] = useState(false);
  const [executing, setExecuting] = useState(false);
  const view = erasure.data;
  // The notice has run out: the hourly job erases it on its next pass, or staff erase it now.
  const due = view?.status === 'scheduled' && new Date(view.executesAt).getTime() <= Date.now();
  return (
    <Stack gap={4} data-testid="erasure-panel">
      <Title order={5}>{t('erasure.title')}</Title>
      {!view ? (
        <>
          <Text size="sm">{t('erasure.none')}</Text>
          {request.status === 'in_progress' ? (
            <Group gap="xs">
              <Button size="xs" color="red" variant="light" onClick={() => setErasing(true)}>
                {t('erasure.erase')}
              </Button>
            </Group>
          ) : null}
        </>
      ) : due ? (
        <Stack gap={4} align="flex-start">
          <Text size="sm" data-testid="erasure-status">
            {t('erasure.due', { date: formatDateTime(view.executesAt, timeZone) })}
          </Text>
          <Group gap="xs" wrap="wrap">
            <Button size="xs" color="red" onClick={() => setExecuting(true)}>
              {t('erasure.execute')}
            </Button>
            <Button size="xs" variant="subtle" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('erasure.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : view.status === 'scheduled' ? (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" data-testid="erasure-status">
            {t('erasure.scheduled', { date: formatDateTime(view.executesAt, timeZone) })}
          </Text>
          <Button size="xs" variant="subtle" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('erasure.cancel')}
          </Button>
        </Group>
      ) : (
        <Text size="sm" data-testid="erasure-status">
          {view.status === 'executed'
            ? t('erasure.executed', {
                date: formatDateTime(view.executedAt, timeZone),
                pseudonym: view.pseudonym,
              })
            : t('erasure.cancelled', { date: formatDateTime(view.cancelledAt, timeZone) })}
        </Text>
      )}
      {erasing ? <EraseModal request={request} onClose={() => setErasing(false)} /> : null}
      {executing && view ? (
        <ExecuteModal request={request} pseudonym={view.pseudonym} onClose={() => setExecuting(false)} />
      ) : null}
      {cancel.error ? <ApiErrorAlert error={cancel.error} /> : null}
    </Stack>
  );
}

function CorrectionPanel({ request }: { request: PrivacyRequestView }) {
  const t = usePrivacyErasureText();
  const complete = useCompleteCorrection(request.id);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Stack gap={4} data-testid="correction-panel">
      <Title order={5}>{t('correction.title')}</Title>
      {request.subjectType === 'student' ? (
        <Anchor component={Link} to={`/students/${request.subjectId}/edit`} size="sm">
          {t('correction.edit')}
        </Anchor>
      ) : (
        <Text size="sm">{t('correction.guardianHint')}</Text>
      )}
      {request.status === 'in_progress' ? (
        <Group gap="xs">
          <Button size="xs" variant="light" color="green" onClick={() => setOpen(true)}>
            {t('correction.complete')}
          </Button>
        </Group>
      ) : null}
      {open ? (
        <FormModal
          onClose={() => setOpen(false)}
          title={t('correction.modalTitle')}
          submitLabel={t('correction.submit')}
          busy={complete.isPending}
          error={complete.error}
          onSubmit={(event) => {
            event.preventDefault();
            if (!note.trim()) {
              setMissing(true);
              return;
            }
            complete.mutate(note.trim(), { onSuccess: () => setOpen(false) });
          }}
        >
          <Textarea
            label={t('correction.note')}
            required
            maxLength={2000}
            value={note}
            error={missing ? t('correction.required') : undefined}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setMissing(false);
            }}
            autosize
            minRows={2}
          />
        </FormModal>
      ) : null}
    </Stack>
  );
}

/**
 * What staff do with a restriction, erasure or correction request beyond its status: apply or lift the
 * restriction, schedule (typed confirmation, 48-hour notice) or cancel the erasure, or link to the edit
 * screen and complete the correction with a note.
 */
export function RequestActionsPanel({ request }: { request: PrivacyRequestView }) {
  if (request.subjectType === 'staff') return null;
  if (request.status === 'refused') return null;
  if (request.type === 'restriction') return <RestrictionPanel request={request} />;
  if (request.type === 'erasure') return <ErasurePanel request={request} />;
  if (request.type === 'correction') return <CorrectionPanel request={request} />;
  return null;
}
