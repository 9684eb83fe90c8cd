import { Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import type { InvoiceView, StudentSummary as StudentSearchItem } from '@shala/contracts';
import { useDownloadReceipt, usePayments, useStudentDues } from '../hooks/use-fees';
import { useFeesText } from '../i18n';
import { formatMoney, formatSchoolDate } from '../money';
import { PaymentRow } from './family-fees';
import { InvoiceAdjustmentModal } from './invoice-adjustment';
import { OptionalHeads } from './optional-heads';
import { ReverseButton } from './payment-reversal';
import { PlainList } from '../../../app/components/plain-list';
import { Waiting } from './report-parts';
import { StudentPicker } from './student-picker';

/** The office's view of one student's fees: invoices with adjustments, optional heads, payments. */
export function StudentAccounts() {
  const t = useFeesText();
  const [student, setStudent] = useState<StudentSearchItem | null>(null);
  return (
    <Stack gap="md">
      <StudentPicker onPick={setStudent} />
      {student ? (
        <StudentAccount key={student.id} studentId={student.id} />
      ) : (
        <EmptyState icon={IconSearch}>{t('accounts.pick')}</EmptyState>
      )}
    </Stack>
  );
}

function StudentAccount({ studentId }: { studentId: string }) {
  const canSetup = useCan(Permission.FeesSetup);
  const dues = useStudentDues(studentId);

  if (dues.isPending) return <Waiting />;
  if (dues.isError) return <ApiErrorAlert error={dues.error} />;
  const { fullName, currency } = dues.data;
  return (
    <Stack gap="md">
      <Invoices invoices={dues.data.invoices} name={fullName} />
      {canSetup ? <OptionalHeads studentId={studentId} name={fullName} currency={currency} /> : null}
      <Payments studentId={studentId} name={fullName} />
    </Stack>
  );
}

function Invoices({ invoices, name }: { invoices: InvoiceView[]; name: string }) {
  const t = useFeesText();
  const canAdjust = useCan(Permission.FeesConcession);
  const [adjusting, setAdjusting] = useState<InvoiceView | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="account-invoices">
      <Stack gap="sm">
        <Title order={2} size="h4" id="account-invoices">
          {t('accounts.invoices', { name })}
        </Title>
        {invoices.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('accounts.noInvoices')}
          </Text>
        ) : (
          <PlainList label={t('accounts.invoices', { name })} gap="sm">
            {invoices.map((invoice) => {
              const money = (paise: number) => formatMoney(paise, invoice.currency);
              return (
                <Group
                  component="li"
                  key={invoice.id}
                  justify="space-between"
                  gap="xs"
                  data-testid="account-invoice"
                >
                  <Stack gap={0} miw={0} style={{ flex: '1 1 14rem' }}>
                    <Text size="sm" fw={500}>
                      {invoice.label} · {t('family.dueOn', { date: formatSchoolDate(invoice.dueDate) })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('accounts.invoiceFigures', {
                        charged: money(invoice.charged),
                        concession: money(invoice.concession),
                        fine: money(invoice.fine),
                        paid: money(invoice.paid),
                      })}
                    </Text>
                  </Stack>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {t('accounts.outstanding', { amount: money(invoice.outstanding) })}
                    </Text>
                    <Badge variant="light">{t(`status.${invoice.status}`)}</Badge>
                    {canAdjust ? (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setAdjusting(invoice)}
                        aria-label={t('accounts.adjustFor', { label: invoice.label })}
                      >
                        {t('accounts.adjust')}
                      </Button>
                    ) : null}
                  </Group>
                </Group>
              );
            })}
          </PlainList>
        )}
      </Stack>
      {adjusting ? <InvoiceAdjustmentModal invoice={adjusting} onClose={() => setAdjusting(null)} /> : null}
    </Card>
  );
}

type PaymentFilter = 'all' | 'completed' | 'reversed';

function Payments({ studentId, name }: { studentId: string; name: string }) {
  const t = useFeesText();
  const timeZone = useCurrentUser().institution.timeZone;
  const payments = usePayments(studentId);
  const download = useDownloadReceipt();
  const [filter, setFilter] = useState<PaymentFilter>('all');
  const title = t('accounts.payments', { name });
  const shown = (payments.data ?? []).filter((p) => filter === 'all' || p.status === filter);

  return (
    <Card withBorder component="section" aria-labelledby="account-payments">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="account-payments">
            {title}
          </Title>
          <SegmentedControl
            size="xs"
            aria-label={t('accounts.filter')}
            value={filter}
            onChange={(value) => setFilter(value as PaymentFilter)}
            data={(['all', 'completed', 'reversed'] as const).map((f) => ({
              value: f,
              label: t(`accounts.filters.${f}`),
            }))}
          />
        </Group>
        {payments.isPending ? (
          <Waiting />
        ) : payments.isError ? (
          <ApiErrorAlert error={payments.error} />
        ) : shown.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('accounts.noPayments')}
          </Text>
        ) : (
          <PlainList label={title}>
            {shown.map((payment) => (
              <PaymentRow
                key={payment.id}
                payment={payment}
                timeZone={timeZone}
                officeDetails
                onDownload={() => download.mutate(payment)}
                downloading={download.isPending && download.variables?.id === payment.id}
                actions={<ReverseButton payment={payment} />}
              />
            ))}
          </PlainList>
        )}
        {download.isError ? (
          <ApiErrorAlert error={download.error} title={t('family.downloadFailed')} />
        ) : null}
      </Stack>
    </Card>
  );
}
