import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconReceipt2 } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { usePhoneLayout } from '../../../app/use-phone-layout';
import type { TextKey } from '../../attendance/feature-text';
import type { PaymentMethod, StudentSearchItem } from '../api/fees.types';
import type { PaymentListItem, PaymentListQuery } from '../api/fees-staff.types';
import { useDownloadReceipt } from '../hooks/use-fees';
import { usePaymentList } from '../hooks/use-fees-staff';
import { useFeesText, type FeesText } from '../i18n';
import { formatMoney, formatSchoolDate } from '../money';
import { PlainList } from './form-fields';
import { ReverseButton } from './payment-reversal';
import { Waiting } from './report-parts';
import { LabelledSegments } from './setup-section';
import { StudentPicker } from './student-picker';

const METHODS: PaymentMethod[] = ['cash', 'cheque', 'bank_transfer', 'online'];
type StatusFilter = 'all' | 'completed' | 'reversed';

/** Every payment of the school, newest first, filtered by dates, method and status; receipts and reversal. */
export function PaymentsRegister() {
  const t = useFeesText();
  const phone = usePhoneLayout();
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
      ) : phone ? (
        <PlainList label={t('register.table')}>
          {rows.map((payment) => (
            <Card component="li" key={payment.id} withBorder padding="sm" data-testid="register-row">
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Stack gap={0} miw={0}>
                  <Text fw={600} truncate>
                    {payment.fullName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {payment.admissionNo} · {formatSchoolDate(payment.paidOn)} ·{' '}
                    {t(`method.${payment.method}` as TextKey<FeesText>)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('family.receipt', { receiptNo: payment.receiptNo })}
                  </Text>
                </Stack>
                <Amount payment={payment} />
              </Group>
              <Group mt="xs">{actions(payment)}</Group>
            </Card>
          ))}
        </PlainList>
      ) : (
        <Table striped aria-label={t('register.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('register.date')}</Table.Th>
              <Table.Th>{t('register.receipt')}</Table.Th>
              <Table.Th>{t('dues.student')}</Table.Th>
              <Table.Th>{t('register.method')}</Table.Th>
              <Table.Th ta="right">{t('register.amount')}</Table.Th>
              <Table.Th>{t('register.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((payment) => (
              <Table.Tr key={payment.id} data-testid="register-row">
                <Table.Td>{formatSchoolDate(payment.paidOn)}</Table.Td>
                <Table.Td>{payment.receiptNo}</Table.Td>
                <Table.Td>
                  {payment.fullName}
                  <Text size="xs" c="dimmed">
                    {payment.admissionNo}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {t(`method.${payment.method}` as TextKey<FeesText>)}
                  {payment.reference ? (
                    <Text size="xs" c="dimmed">
                      {payment.reference}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount payment={payment} />
                </Table.Td>
                <Table.Td>{actions(payment)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.hasNextPage ? (
        <Button
          variant="default"
          w="fit-content"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('register.more')}
        </Button>
      ) : null}
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
