import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { useCurrentUser } from '../../auth/hooks/current-user';
import type { PaymentView, StudentDues, StudentSummary as StudentSearchItem } from '@shala/contracts';
import { useDownloadReceipt, usePayments, useRecordPayment, useStudentDues } from '../hooks/use-fees';
import { useFeesText } from '../i18n';
import { formatMoney, formatSchoolDate, toPaise } from '../money';
import { COUNTER_METHODS, isInstrumentMethod, isReferenceMethod, recordPaymentBody } from '../payment';
import type { RecordPaymentValues } from '../schemas/payment.schema';
import { schoolToday } from '../../../app/school-date';
import { PaymentRow } from './family-fees';
import { StudentPicker } from './student-picker';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** The accountant's counter: find a student, see the dues, record a payment, hand over the receipt. */
export function RecordPayment() {
  const t = useFeesText();
  const [student, setStudent] = useState<StudentSearchItem | null>(null);

  return (
    <Stack gap="md">
      <StudentPicker onPick={setStudent} />
      {student ? (
        <StudentCounter key={student.id} student={student} />
      ) : (
        <EmptyState icon={IconSearch}>{t('collect.pickStudent')}</EmptyState>
      )}
    </Stack>
  );
}

function StudentCounter({ student }: { student: StudentSearchItem }) {
  const t = useFeesText();
  const dues = useStudentDues(student.id);
  const payments = usePayments(student.id);
  const download = useDownloadReceipt();
  const timeZone = useCurrentUser().institution.timeZone;

  if (dues.isPending) return <Loader aria-label={t('common.loading')} />;
  if (dues.isError) return <ApiErrorAlert error={dues.error} />;
  const money = (paise: number) => formatMoney(paise, dues.data.currency);

  return (
    <Stack gap="md">
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('collect.dues', { name: dues.data.fullName })}
          </Title>
          <Group gap="lg">
            <Text size="sm">
              {t('family.outstanding')}:{' '}
              <b data-testid="counter-outstanding">{money(dues.data.outstanding)}</b>
            </Text>
            {dues.data.overdue > 0 ? (
              <Text size="sm" c="red">
                {t('family.overdue')}: {money(dues.data.overdue)}
              </Text>
            ) : null}
          </Group>
          {dues.data.invoices
            .filter((invoice) => invoice.outstanding > 0)
            .map((invoice) => (
              <Group key={invoice.id} justify="space-between" gap="xs">
                <Text size="sm">
                  {invoice.label} · {t('family.dueOn', { date: formatSchoolDate(invoice.dueDate) })}
                </Text>
                <Group gap="xs">
                  <Text size="sm">{money(invoice.outstanding)}</Text>
                  <Badge variant="light">{t(`status.${invoice.status}`)}</Badge>
                </Group>
              </Group>
            ))}
        </Stack>
      </Card>
      {dues.data.outstanding > 0 ? (
        <RecordPaymentForm dues={dues.data} />
      ) : (
        <Alert color="green" variant="light">
          {t('collect.nothingDue')}
        </Alert>
      )}
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('family.history', { name: dues.data.fullName })}
        </Title>
        {payments.data && payments.data.length > 0 ? (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {payments.data.map((payment: PaymentView) => (
              <PaymentRow
                key={payment.id}
                payment={payment}
                timeZone={timeZone}
                onDownload={() => download.mutate(payment)}
                downloading={download.isPending && download.variables?.id === payment.id}
              />
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('family.noPayments')}
          </Text>
        )}
        {download.isError ? (
          <ApiErrorAlert error={download.error} title={t('family.downloadFailed')} />
        ) : null}
      </Stack>
    </Stack>
  );
}

function RecordPaymentForm({ dues }: { dues: StudentDues }) {
  const t = useFeesText();
  const record = useRecordPayment();
  const download = useDownloadReceipt();
  const today = schoolToday(useCurrentUser().institution.timeZone);
  // One key per form submission: a double click, or a retry after a lost answer, records one payment.
  const submissionKey = useRef<string | null>(null);
  const [pending, setPending] = useState<RecordPaymentValues | null>(null);
  const [done, setDone] = useState<PaymentView | null>(null);
  const blank = { reference: '', instrumentNo: '', instrumentBank: '', instrumentDate: '', note: '' };
  const resolver = useMemo(
    () => lazyZodResolver(async () => (await import('../schemas/payment.schema')).recordPaymentSchema(today)),
    [today],
  );
  const form = useForm<RecordPaymentValues>({
    resolver,
    defaultValues: { amount: dues.outstanding / 100, method: 'cash', paidOn: today, ...blank },
  });
  const errors = form.formState.errors;
  const method = form.watch('method');
  const err = useFieldError('fees');
  const money = (paise: number) => formatMoney(paise, dues.currency);

  const confirm = () => {
    if (!pending || record.isPending) return;
    submissionKey.current ??= newIdempotencyKey();
    record.mutate(
      {
        studentId: dues.studentId,
        idempotencyKey: submissionKey.current,
        body: recordPaymentBody(pending, today),
      },
      {
        onSuccess: (payment) => {
          submissionKey.current = null;
          setPending(null);
          setDone(payment);
          form.reset({ amount: 0, method: 'cash', paidOn: today, ...blank });
          notifications.show({
            color: 'green',
            title: t('collect.successTitle'),
            message: t('collect.success', {
              receiptNo: payment.receiptNo,
              amount: formatMoney(payment.amount, payment.currency),
            }),
          });
        },
      },
    );
  };

  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={form.handleSubmit((values) => {
          submissionKey.current = null;
          record.reset();
          setPending(values);
        })}
      >
        <Stack gap="sm">
          <Controller
            control={form.control}
            name="amount"
            render={({ field }) => (
              <NumberInput
                label={t('collect.amount', { currency: dues.currency })}
                description={t('pay.amountHelp', { max: money(dues.outstanding) })}
                decimalScale={2}
                min={1}
                value={field.value}
                onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
                onBlur={field.onBlur}
                error={err(errors.amount?.message)}
                required
              />
            )}
          />
          <Controller
            control={form.control}
            name="method"
            render={({ field }) => (
              <Select
                label={t('collect.method')}
                data={COUNTER_METHODS.map((value) => ({ value, label: t(`method.${value}`) }))}
                value={field.value}
                onChange={(value) => field.onChange(value ?? 'cash')}
                allowDeselect={false}
              />
            )}
          />
          <TextInput
            type="date"
            label={t('collect.paidOn')}
            description={t('collect.paidOnHelp')}
            max={today}
            required
            {...form.register('paidOn')}
            error={err(errors.paidOn?.message)}
          />
          {isInstrumentMethod(method) ? (
            <Group grow align="flex-start" wrap="wrap" gap="sm">
              <TextInput
                label={t(method === 'cheque' ? 'collect.chequeNo' : 'collect.draftNo')}
                required
                miw={160}
                {...form.register('instrumentNo')}
                error={err(errors.instrumentNo?.message)}
              />
              <TextInput
                label={t('collect.instrumentBank')}
                required
                miw={160}
                {...form.register('instrumentBank')}
                error={err(errors.instrumentBank?.message)}
              />
              <TextInput
                type="date"
                label={t('collect.instrumentDate')}
                required
                miw={160}
                max={today}
                {...form.register('instrumentDate')}
                error={err(errors.instrumentDate?.message)}
              />
            </Group>
          ) : null}
          {isReferenceMethod(method) ? (
            <TextInput
              label={t(`collect.referenceOf.${method}` as 'collect.referenceOf.upi')}
              description={method === 'bank_transfer' ? undefined : t('collect.referenceRecommended')}
              required={method === 'bank_transfer'}
              {...form.register('reference')}
              error={err(errors.reference?.message)}
            />
          ) : null}
          <TextInput label={t('collect.note')} {...form.register('note')} />
          <Button type="submit" w="fit-content">
            {t('collect.submit')}
          </Button>
        </Stack>
      </form>
      {done ? (
        <Alert color="green" variant="light" mt="md" title={t('collect.successTitle')}>
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              {t('collect.success', {
                receiptNo: done.receiptNo,
                amount: formatMoney(done.amount, done.currency),
              })}
            </Text>
            <Button
              size="xs"
              variant="light"
              loading={download.isPending}
              onClick={() => download.mutate(done)}
            >
              {t('family.downloadReceiptNo', { receiptNo: done.receiptNo })}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {pending ? (
        <ConfirmModal
          opened
          color="blue"
          title={t('collect.confirmTitle', { amount: money(toPaise(pending.amount)) })}
          confirmLabel={t('collect.confirm')}
          loading={record.isPending}
          error={record.error}
          errorTitle={t('collect.failed')}
          onClose={() => setPending(null)}
          onConfirm={confirm}
        >
          {t('collect.confirmBody', {
            amount: money(toPaise(pending.amount)),
            method: t(`method.${pending.method}`),
            name: dues.fullName,
          })}
          {pending.paidOn !== today
            ? ` ${t('collect.confirmBackdated', { date: formatSchoolDate(pending.paidOn) })}`
            : ''}
        </ConfirmModal>
      ) : null}
    </Card>
  );
}
