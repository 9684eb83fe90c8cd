import { Alert, Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconReceipt2 } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import type { TextKey } from '../../../app/i18n';
import { PAYMENT_METHODS } from '@shala/contracts';
import type { PaymentMethod, StudentSummary as StudentSearchItem } from '@shala/contracts';
import { usePaymentInstrument } from './payment-instrument';
import type { PaymentListItem, PaymentListQuery } from '@shala/contracts';
import { useDownloadReceipt } from '../hooks/use-fees';
import { usePaymentList } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney, formatSchoolDate } from '../money';
import { ReverseButton } from './payment-reversal';
import { Waiting } from './report-parts';
import { LabelledSegments } from './setup-section';
import { StudentPicker } from './student-picker';
import { LoadMore } from '../../../app/components/load-more';
import { ResponsiveList } from '../../../app/components/responsive-list';

const METHODS: readonly PaymentMethod[] = PAYMENT_METHODS;
type StatusFilter = 'all' | 'completed' | 'reversed';

/** Every payment of the school, newest first, filtered by dates, method and status; receipts and reversal. */
export function PaymentsRegister() {
  const t = useFeesText();
  const instrumentOf = usePaymentInstrument();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [student, setStudent] = useState<StudentSearchItem | null>(null);
  const query: PaymentListQuery = {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(method ? { method } : {}),
    ...(status === 'all' ? {} : { status }),
    ...(student ? { studentId: student.id } : {}),
  };
  const list = usePaymentList(query);
  const download = useDownloadReceipt();
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const rangeValid = !from || !to || from <= to;
  const actions = (payment: PaymentListItem) => (
    <Group gap="xs" wrap="wrap">
      <Button
        size="xs"
        variant="light"
        loading={download.isPending && download.variables?.id === payment.id}
        onClick={() => download.mutate(payment)}
        aria-label={t('family.downloadReceiptNo', { receiptNo: payment.receiptNo })}
      >
        {t('family.downloadReceipt')}
      </Button>
      <ReverseButton payment={payment} />
    </Group>
  );

  return (
    <Stack gap="md">
      <StudentPicker onPick={setStudent} description={t('register.studentHelp')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('register.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          type="date"
          label={t('register.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={170}
        />
        <Select
          label={t('register.method')}
          placeholder={t('register.allMethods')}
          data={METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
          value={method}
          onChange={(value) => setMethod(value as PaymentMethod | null)}
          clearable
          w={180}
        />
        <LabelledSegments
          label={t('accounts.filter')}
          value={status}
          onChange={setStatus}
          data={(['all', 'completed', 'reversed'] as const).map((f) => ({
            value: f,
            label: t(`accounts.filters.${f}`),
          }))}
        />
      </Group>
      {download.isError ? <ApiErrorAlert error={download.error} title={t('family.downloadFailed')} /> : null}
      {!rangeValid ? (
        <Alert color="yellow" variant="light">
          {t('collections.rangeInvalid')}
        </Alert>
      ) : list.isPending ? (
        <Waiting />
      ) : list.isError ? (
        <ApiErrorAlert error={list.error} />
      ) : rows.length === 0 ? (
        <EmptyState icon={IconReceipt2}>{t('register.empty')}</EmptyState>
      ) : (
        <ResponsiveList
          label={t('register.table')}
          rows={rows}
          rowKey={(payment) => payment.id}
          rowProps={() => ({ 'data-testid': 'register-row' })}
          tableProps={{ striped: true }}
          columns={[
            { key: 'date', header: t('register.date'), cell: (p) => formatSchoolDate(p.paidOn) },
            { key: 'receipt', header: t('register.receipt'), cell: (p) => p.receiptNo },
            {
              key: 'student',
              header: t('dues.student'),
              cell: (p) => (
                <>
                  {p.fullName}
                  <Text size="xs" c="dimmed">
                    {p.admissionNo}
                  </Text>
                </>
              ),
            },
            {
              key: 'method',
              header: t('register.method'),
              cell: (p) => (
                <>
                  {t(`method.${p.method}` as TextKey<'fees'>)}
                  {instrumentOf(p) ? (
                    <Text size="xs" c="dimmed" data-testid="payment-instrument">
                      {instrumentOf(p)}
                    </Text>
                  ) : null}
                </>
              ),
            },
            {
              key: 'amount',
              header: t('register.amount'),
              align: 'right',
              cell: (p) => <Amount payment={p} />,
            },
            { key: 'actions', header: t('register.actions'), cell: actions },
          ]}
          card={(payment) => (
            <>
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Stack gap={0} miw={0}>
                  <Text fw={600} truncate>
                    {payment.fullName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {payment.admissionNo} · {formatSchoolDate(payment.paidOn)} ·{' '}
                    {t(`method.${payment.method}` as TextKey<'fees'>)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('family.receipt', { receiptNo: payment.receiptNo })}
                  </Text>
                  {instrumentOf(payment) ? (
                    <Text size="xs" c="dimmed">
                      {instrumentOf(payment)}
                    </Text>
                  ) : null}
                </Stack>
                <Amount payment={payment} />
              </Group>
              <Group mt="xs">{actions(payment)}</Group>
            </>
          )}
        />
      )}
      <LoadMore query={list} />
    </Stack>
  );
}

function Amount({ payment }: { payment: PaymentListItem }) {
  const t = useFeesText();
  const reversed = payment.status === 'reversed';
  return (
    <Stack gap={2} align="flex-end">
      <Text fw={600} td={reversed ? 'line-through' : undefined}>
        {formatMoney(payment.amount, payment.currency)}
      </Text>
      {reversed ? (
        <Badge color="gray" variant="light" title={payment.reversalReason ?? undefined}>
          {t('family.reversed')}
        </Badge>
      ) : null}
    </Stack>
  );
}
