import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { useStudents } from '../../students/hooks/use-students';
import type { LeaveRequestView as LeaveRequest, LeaveStatus } from '@shala/contracts';
import { useCancelLeave, useDecideLeave, useLeaveRequests, useRequestLeave } from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { formatSchoolDate } from '../../../app/school-date';
import { childLabel } from './child-label';
import { useFieldError } from '../../../app/forms/field-error';

const LEAVE_COLOR: Record<LeaveStatus, string> = {
  pending: 'yellow',
  approved: 'green',
  rejected: 'red',
  cancelled: 'gray',
};

const leaveSchema = z
  .object({
    studentId: z.string().min(1, 'leave.child'),
    fromDate: z.string().min(1, 'leave.fromRequired'),
    toDate: z.string().min(1, 'leave.toRequired'),
    reason: z.string().trim().min(1, 'leave.reasonRequired').max(500),
  })
  .refine((v) => !v.fromDate || !v.toDate || v.toDate >= v.fromDate, {
    path: ['toDate'],
    message: 'leave.toBeforeFrom',
  });
type LeaveValues = z.infer<typeof leaveSchema>;

function LeaveLine({ request, action }: { request: LeaveRequest; action?: ReactNode }) {
  const t = useAttendanceText();
  return (
    <Card withBorder padding="sm" component="li" data-testid="leave-request">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} miw={0}>
          <Text fw={600}>{request.studentName}</Text>
          <Text size="sm">
            {t('leave.range', {
              from: formatSchoolDate(request.fromDate),
              to: formatSchoolDate(request.toDate),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {request.reason}
          </Text>
          {request.decisionNote ? <Text size="sm">“{request.decisionNote}”</Text> : null}
        </Stack>
        <Badge color={LEAVE_COLOR[request.status]} variant="light">
          {t(`leave.statuses.${request.status}`)}
        </Badge>
      </Group>
      {action}
    </Card>
  );
}

/** The parent's leave requests: a form per child and the list with cancel. */
export function LeavePanel() {
  const t = useAttendanceText();
  const children = useStudents({});
  const requests = useLeaveRequests('all');
  const send = useRequestLeave();
  const cancel = useCancelLeave();
  const [cancelling, setCancelling] = useState<LeaveRequest | null>(null);
  const kids = children.data?.pages.flatMap((p) => p.items) ?? [];
  const form = useForm<LeaveValues>({
    resolver: zodResolver(leaveSchema),
    defaultValues: { studentId: '', fromDate: '', toDate: '', reason: '' },
  });
  const errors = form.formState.errors;
  const err = useFieldError('attendance');
  const studentId = form.watch('studentId');
  const onlyChild = kids.length === 1 ? kids[0]?.id : undefined;
  useEffect(() => {
    if (!studentId && onlyChild) form.setValue('studentId', onlyChild);
  }, [form, onlyChild, studentId]);

  return (
    <Stack gap="lg" maw={640}>
      <Card withBorder component="section" aria-labelledby="leave-form">
        <Title order={2} size="h4" id="leave-form" mb="sm">
          {t('leave.request')}
        </Title>
        <form
          noValidate
          onSubmit={(e) =>
            void form.handleSubmit((values) =>
              send.mutate(values, {
                onSuccess: () =>
                  form.reset({ studentId: values.studentId, fromDate: '', toDate: '', reason: '' }),
              }),
            )(e)
          }
        >
          <Stack gap="sm">
            <Controller
              control={form.control}
              name="studentId"
              render={({ field }) => (
                <Select
                  label={t('leave.child')}
                  data={kids.map((k) => ({ value: k.id, label: childLabel(k) }))}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  error={err(errors.studentId?.message)}
                  required
                />
              )}
            />
            <Group grow gap="sm" wrap="wrap">
              <TextInput
                type="date"
                label={t('leave.from')}
                required
                {...form.register('fromDate')}
                error={err(errors.fromDate?.message)}
              />
              <TextInput
                type="date"
                label={t('leave.to')}
                required
                {...form.register('toDate')}
                error={err(errors.toDate?.message)}
              />
            </Group>
            <Textarea
              label={t('leave.reason')}
              required
              autosize
              minRows={2}
              {...form.register('reason')}
              error={err(errors.reason?.message)}
            />
            {send.isError ? <ApiErrorAlert error={send.error} /> : null}
            {send.isSuccess ? (
              <Text c="green" role="status">
                {t('leave.sent')}
              </Text>
            ) : null}
            <Button type="submit" w="fit-content" loading={send.isPending}>
              {t('leave.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
      <Stack gap="sm" component="section" aria-labelledby="leave-list">
        <Title order={2} size="h4" id="leave-list">
          {t('leave.list')}
        </Title>
        {requests.isPending ? (
          <Center py="md" role="status">
            <Loader size="sm" />
          </Center>
        ) : requests.isError ? (
          <ApiErrorAlert error={requests.error} />
        ) : requests.data.length === 0 ? (
          <EmptyState>{t('leave.empty')}</EmptyState>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {requests.data.map((r) => (
              <LeaveLine
                key={r.id}
                request={r}
                action={
                  r.status === 'pending' ? (
                    <Button mt="xs" size="xs" variant="light" color="red" onClick={() => setCancelling(r)}>
                      {t('leave.cancel')}
                    </Button>
                  ) : null
                }
              />
            ))}
          </Stack>
        )}
      </Stack>
      <ConfirmModal
        opened={cancelling !== null}
        title={t('leave.cancelConfirm')}
        confirmLabel={t('leave.cancel')}
        loading={cancel.isPending}
        error={cancel.error}
        onClose={() => setCancelling(null)}
        onConfirm={() => cancelling && cancel.mutate(cancelling.id, { onSuccess: () => setCancelling(null) })}
      >
        {cancelling
          ? `${cancelling.studentName}: ${t('leave.range', { from: formatSchoolDate(cancelling.fromDate), to: formatSchoolDate(cancelling.toDate) })}`
          : ''}
      </ConfirmModal>
    </Stack>
  );
}

/** The teacher's approvals: pending requests with approve or reject and a note. */
export function ApprovalsPanel() {
  const t = useAttendanceText();
  const requests = useLeaveRequests('pending');
  const decide = useDecideLeave();
  const [notes, setNotes] = useState<Record<string, string>>({});

  if (requests.isPending) {
    return (
      <Center py="md" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  if (requests.isError) return <ApiErrorAlert error={requests.error} />;
  if (requests.data.length === 0) return <EmptyState>{t('leave.emptyApprovals')}</EmptyState>;
  return (
    <Stack gap="xs" component="ul" p={0} m={0} maw={640} style={{ listStyle: 'none' }}>
      {decide.isError ? <ApiErrorAlert error={decide.error} /> : null}
      {requests.data.map((r) => (
        <LeaveLine
          key={r.id}
          request={r}
          action={
            <Stack gap="xs" mt="xs">
              <TextInput
                label={t('leave.note')}
                value={notes[r.id] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setNotes((n) => ({ ...n, [r.id]: value }));
                }}
              />
              <Group gap="xs">
                <Button
                  size="sm"
                  color="green"
                  loading={
                    decide.isPending &&
                    decide.variables?.id === r.id &&
                    decide.variables.decision === 'approved'
                  }
                  onClick={() =>
                    decide.mutate({ id: r.id, decision: 'approved', note: notes[r.id]?.trim() || undefined })
                  }
                >
                  {t('leave.approve')}
                </Button>
                <Button
                  size="sm"
                  color="red"
                  variant="light"
                  loading={
                    decide.isPending &&
                    decide.variables?.id === r.id &&
                    decide.variables.decision === 'rejected'
                  }
                  onClick={() =>
                    decide.mutate({ id: r.id, decision: 'rejected', note: notes[r.id]?.trim() || undefined })
                  }
                >
                  {t('leave.reject')}
                </Button>
              </Group>
            </Stack>
          }
        />
      ))}
    </Stack>
  );
}
