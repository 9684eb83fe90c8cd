import {
  Badge,
  Button,
  Card,
  Center,
  FileInput,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CIRCULAR_ATTACHMENT_MAX_BYTES, CircularsErrorCode, type CircularView } from '@shala/contracts';
import { IconArrowLeft, IconDownload, IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { formatBytes, formatDateTime } from '../../../app/format';
import {
  isPublisherView,
  useCircular,
  useCircularRecipients,
  useDeleteCircular,
  useDownloadAttachment,
  usePublishCircular,
  useRemoveAttachment,
  useScheduleCircular,
  useUnscheduleCircular,
  useUploadAttachment,
} from '../api/circulars.api';
import { useCircularsText } from '../i18n';
import { CircularEditor } from './circular-editor';
import fieldStyles from './circular-fields.module.css';

export const STATUS_COLOR = { draft: 'gray', scheduled: 'yellow', published: 'green' } as const;

/**
 * What publishing did for families, in guardians (the unit of "addressed"): how many had a message
 * queued and how many did not (not opted in, no address on their channel, restricted). Null for staff
 * circulars and unpublished ones. Queued, never "sent": the worker sends later (quiet hours may hold them).
 */
export function notifiedText(t: ReturnType<typeof useCircularsText>, c: CircularView): string | null {
  if (!c.counts || c.notified === null || c.audience === 'staff') return null;
  const { addressed } = c.counts;
  if (addressed === 0) return t('counts.notifiedNone');
  const queued = Math.min(c.notified, addressed);
  return t('counts.notified', { queued, addressed, missing: addressed - queued });
}

/** A datetime-local value ("2026-11-21T09:00") in the browser's time: the given instant, or an hour from now. */
function localInput(iso?: string | null): string {
  const d = iso ? new Date(iso) : new Date(Date.now() + 60 * 60 * 1000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** The API's refusal of an attachment, for its field: too large (413) or not a PDF (415) in the UI's words. */
function fileRefusal(t: ReturnType<typeof useCircularsText>, error: unknown): string {
  const problem = toApiProblem(error);
  if (problem.status === 413) return t('validation.attachmentSize');
  if (problem.status === 415) return t('validation.attachmentType');
  return problem.message ?? t('failed');
}

/** The API's refusal of a publishing time, for its field. */
function timeRefusal(t: ReturnType<typeof useCircularsText>, error: unknown): string {
  const problem = toApiProblem(error);
  if (
    problem.code === CircularsErrorCode.PublishAtPast ||
    problem.details.some((d) => d.field === 'publishAt')
  )
    return t('validation.publishAt');
  return problem.message ?? t('failed');
}

/** Who has not acknowledged (or, without acknowledgement, not read) a published circular, page by page. */
function Pending({ circular }: { circular: CircularView }) {
  const t = useCircularsText();
  const pending = circular.requiresAck ? 'acknowledged' : 'read';
  const query = useCircularRecipients(circular.id, pending, true);
  const pages = query.data?.pages ?? [];
  const rows = pages.flatMap((p) => p.items);
  // The latest page's total: it counts whoever is still pending now.
  const total = pages.at(-1)?.total ?? null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {circular.requiresAck ? t('pending.title') : t('pending.titleRead')}
        {total ? ` (${total})` : ''}
      </Title>
      {query.isPending ? (
        <Loader size="sm" />
      ) : rows.length === 0 && query.isError ? (
        <ApiErrorAlert error={query.error} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{circular.requiresAck ? t('pending.none') : t('pending.noneRead')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={320}>
            <Table striped data-testid="pending-recipients">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pending.guardian')}</Table.Th>
                  <Table.Th>{t('pending.students')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.guardianId}>
                    <Table.Td>{r.guardianName}</Table.Td>
                    <Table.Td>{r.students.join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group gap="sm">
            <Text size="sm" c="dimmed" role="status" data-testid="pending-shown">
              {t('pending.showing', { shown: rows.length, total: Math.max(total ?? 0, rows.length) })}
            </Text>
            {query.hasNextPage ? (
              <Button
                variant="default"
                size="xs"
                loading={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {t('pending.more')}
              </Button>
            ) : null}
          </Group>
          {query.isFetchNextPageError ? <ApiErrorAlert error={query.error} /> : null}
        </>
      )}
    </Stack>
  );
}

/** One circular for its publishers: content, counts, and what can still be done with it. */
export function PublisherDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const t = useCircularsText();
  const query = useCircular(id);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'publish' | 'delete' | null>(null);
  const [chosenAt, setPublishAt] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [whenProblem, setWhenProblem] = useState<string | null>(null);
  const publish = usePublishCircular();
  const schedule = useScheduleCircular();
  const unschedule = useUnscheduleCircular();
  const remove = useDeleteCircular();
  const upload = useUploadAttachment();
  const removeFile = useRemoveAttachment();
  const download = useDownloadAttachment();
  const circular = query.data && isPublisherView(query.data) ? query.data : null;
  // Refusals of a file or a time show on their field; what is left shows above the actions.
  const failure = [unschedule, removeFile, download].find((m) => m.isError)?.error;

  if (query.isPending)
    return (
      <Center py="lg">
        <Loader />
      </Center>
    );
  if (query.isError) return <ApiErrorAlert error={query.error} />;
  if (!circular) return null;
  const editable = circular.status !== 'published';
  // A scheduled circular's time until the publisher picks another.
  const publishAt = chosenAt ?? localInput(circular.status === 'scheduled' ? circular.publishAt : null);

  const onFile = (file: File | null) => {
    setFileProblem(null);
    if (!file) return;
    if (file.type && file.type !== 'application/pdf') return setFileProblem(t('validation.attachmentType'));
    if (file.size > CIRCULAR_ATTACHMENT_MAX_BYTES) return setFileProblem(t('validation.attachmentSize'));
    upload.mutate(
      { id: circular.id, file },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('done.uploaded') }),
        onError: (error) => setFileProblem(fileRefusal(t, error)),
      },
    );
  };

  return (
    <Stack gap="md">
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack} px={0}>
          {t('back')}
        </Button>
      </Group>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <Title order={2} size="h3" style={{ overflowWrap: 'anywhere', flex: '1 1 12rem' }}>
              {circular.title}
            </Title>
            <Badge color={STATUS_COLOR[circular.status]}>{t(`statuses.${circular.status}`)}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t(`audiences.${circular.audience}`)}
            {circular.status === 'scheduled' && circular.publishAt
              ? ` · ${t('reader.scheduledFor', { date: formatDateTime(circular.publishAt) })}`
              : ''}
            {circular.publishedAt
              ? ` · ${t('reader.published', { date: formatDateTime(circular.publishedAt) })}`
              : ''}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{circular.body}</Text>
          {circular.attachment ? (
            <Group gap="xs">
              <Button
                variant="light"
                leftSection={<IconDownload size={16} />}
                loading={download.isPending}
                onClick={() => download.mutate({ id: circular.id, fileName: circular.attachment!.fileName })}
                styles={{ label: { whiteSpace: 'normal', overflowWrap: 'anywhere' } }}
                h="auto"
                py={8}
                maw="100%"
              >
                {t('actions.download', { name: circular.attachment.fileName })}
              </Button>
              <Text size="sm" c="dimmed">
                {formatBytes(circular.attachment.bytes)}
              </Text>
              {editable ? (
                <Button variant="subtle" color="red" onClick={() => removeFile.mutate(circular.id)}>
                  {t('actions.removeAttachment')}
                </Button>
              ) : null}
            </Group>
          ) : null}
          {editable ? (
            <FileInput
              classNames={{ input: fieldStyles.field }}
              label={t('fields.attachment')}
              accept="application/pdf"
              leftSection={<IconPaperclip size={16} />}
              onChange={onFile}
              value={null}
              error={fileProblem}
              disabled={upload.isPending}
            />
          ) : null}
          {failure ? <ApiErrorAlert error={failure} title={t('failed')} /> : null}
          {editable ? (
            <Stack gap="xs">
              <Group gap="xs">
                <Button onClick={() => setConfirm('publish')}>{t('actions.publish')}</Button>
                <Button variant="default" onClick={() => setEditing(true)}>
                  {t('actions.edit')}
                </Button>
                {circular.status === 'scheduled' ? (
                  <Button variant="default" onClick={() => unschedule.mutate(circular.id)}>
                    {t('actions.unschedule')}
                  </Button>
                ) : null}
                <Button variant="subtle" color="red" onClick={() => setConfirm('delete')}>
                  {t('actions.delete')}
                </Button>
              </Group>
              <Group gap="xs" align="flex-end">
                <TextInput
                  classNames={{ input: fieldStyles.field }}
                  type="datetime-local"
                  label={t('fields.publishAt')}
                  value={publishAt}
                  onChange={(e) => {
                    setPublishAt(e.currentTarget.value);
                    setWhenProblem(null);
                  }}
                  error={whenProblem}
                />
                <Button
                  variant="light"
                  loading={schedule.isPending}
                  onClick={() => {
                    const at = new Date(publishAt);
                    if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now())
                      return setWhenProblem(t('validation.publishAt'));
                    setWhenProblem(null);
                    schedule.mutate(
                      { id: circular.id, publishAt: at.toISOString() },
                      {
                        onSuccess: () => notifications.show({ color: 'green', message: t('done.scheduled') }),
                        onError: (error) => setWhenProblem(timeRefusal(t, error)),
                      },
                    );
                  }}
                >
                  {t('actions.schedule')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stack>
      </Card>
      {circular.counts && circular.audience !== 'staff' ? (
        <>
          <SimpleGrid cols={{ base: 3 }} spacing="xs" data-testid="circular-counts">
            {(['addressed', 'read', 'acknowledged'] as const).map((k) => (
              <Card key={k} withBorder padding="sm">
                <Text size="xs" c="dimmed">
                  {t(`counts.${k}`)}
                </Text>
                <Text fw={700} size="xl">
                  {k === 'acknowledged' && !circular.requiresAck ? '—' : circular.counts![k]}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          {notifiedText(t, circular) ? (
            <Text size="sm" c="dimmed" data-testid="circular-notified">
              {notifiedText(t, circular)} {circular.notified ? t('queuedNote') : ''}
            </Text>
          ) : null}
          <Pending circular={circular} />
        </>
      ) : null}
      {editing ? (
        <CircularEditor
          circular={circular}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      ) : null}
      <ConfirmModal
        opened={confirm === 'publish'}
        title={t('confirm.publishTitle')}
        confirmLabel={t('actions.publish')}
        color="blue"
        loading={publish.isPending}
        error={publish.error}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          publish.mutate(circular.id, {
            onSuccess: (published) => {
              setConfirm(null);
              const families = notifiedText(t, published);
              notifications.show(
                families
                  ? { color: 'green', title: t('done.published'), message: families, autoClose: 10_000 }
                  : {
                      color: 'green',
                      message:
                        published.audience === 'staff' ? t('done.publishedToStaff') : t('done.published'),
                    },
              );
            },
          })
        }
      >
        {t('confirm.publishBody')}
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === 'delete'}
        title={t('confirm.deleteTitle')}
        confirmLabel={t('actions.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          remove.mutate(circular.id, {
            onSuccess: () => {
              setConfirm(null);
              notifications.show({ color: 'green', message: t('done.deleted') });
              onBack();
            },
          })
        }
      >
        {t('confirm.deleteBody')}
      </ConfirmModal>
    </Stack>
  );
}
