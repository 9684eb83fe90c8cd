import { Badge, Button, Card, Group, Loader, Modal, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Permission } from '@shala/contracts';
import { IconDownload, IconReceipt2 } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import type { TextKey } from '../../../app/i18n';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import type { InvoiceStatus, PaymentView, StudentDues } from '@shala/contracts';
import { useDownloadReceipt, useFamilyDues, usePayments, usePayOnline } from '../hooks/use-fees';
import { useFeesText } from '../i18n';
import { FamilyPay } from './family-pay';
import { usePaymentInstrument } from './payment-instrument';
import { formatMoney, formatSchoolDate, toPaise } from '../money';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const STATUS_COLOR: Record<InvoiceStatus, string> = {
  paid: 'green',
  partial: 'yellow',
  due: 'blue',
  overdue: 'red',
};

/** A parent's view: each child's dues, online payment, payment history and receipts. */
export function FamilyFees() {
  const t = useFeesText();
  const family = useFamilyDues();
  const canPay = useCan(Permission.FeesPay);

  if (family.isPending) {
    return (
      <Group justify="center" py="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (family.isError) return <ApiErrorAlert error={family.error} />;
  if (family.data.items.length === 0) {
    return <EmptyState icon={IconReceipt2}>{t('family.noChildren')}</EmptyState>;
  }
  const owing = family.data.items.filter((child) => child.outstanding > 0);
  return (
    <Stack gap="lg">
      {canPay && owing.length > 1 ? (
        <FamilyPay items={family.data.items} currency={family.data.currency} />
      ) : null}
      {family.data.items.map((child) => (
        <ChildFees key={child.studentId} child={child} />
      ))}
    </Stack>
  );
}

function ChildFees({ child }: { child: StudentDues }) {
  const t = useFeesText();
  const canPay = useCan(Permission.FeesPay);
  const [paying, setPaying] = useState(false);
  const money = (paise: number) => formatMoney(paise, child.currency);

  return (
    <Card
      withBorder
      component="section"
      aria-labelledby={`child-${child.studentId}`}
      data-testid="child-dues"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={0} miw={0}>
            <Title order={2} size="h3" id={`child-${child.studentId}`}>
              {child.fullName}
            </Title>
            <Text size="sm" c="dimmed">
              {t('family.admissionNo', { admissionNo: child.admissionNo })}
            </Text>
          </Stack>
          <Stack gap={0} align="flex-end">
            <Text size="xs" c="dimmed">
              {t('family.outstanding')}
            </Text>
            <Text fw={700} size="lg" data-testid="child-outstanding">
              {money(child.outstanding)}
            </Text>
            {child.overdue > 0 ? (
              <Text size="xs" c="red">
                {t('family.overdue')}: {money(child.overdue)}
              </Text>
            ) : null}
          </Stack>
        </Group>

        {child.invoices.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('family.noInvoices', { name: child.fullName })}
          </Text>
        ) : (
          <Stack
            component="ul"
            gap="xs"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('family.invoices', { name: child.fullName })}
          >
            {child.invoices.map((invoice) => (
              <Group component="li" key={invoice.id} justify="space-between" gap="xs" wrap="wrap">
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={500}>
                    {invoice.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('family.dueOn', { date: formatSchoolDate(invoice.dueDate) })}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Text size="sm">
                    {t('family.invoiceOutstanding', {
                      amount: money(invoice.outstanding),
                      charged: money(invoice.charged + invoice.fine - invoice.concession),
                    })}
                  </Text>
                  <Badge color={STATUS_COLOR[invoice.status]} variant="light">
                    {t(`status.${invoice.status}`)}
                  </Badge>
                </Group>
              </Group>
            ))}
          </Stack>
        )}

        {canPay && child.outstanding > 0 ? (
          <Button
            onClick={() => setPaying(true)}
            aria-label={t('family.payOnlineFor', { name: child.fullName })}
            w={{ base: '100%', xs: 'fit-content' }}
          >
            {t('family.payOnline')}
          </Button>
        ) : null}

        <PaymentHistory child={child} />
      </Stack>
      {paying ? <PayOnlineModal child={child} onClose={() => setPaying(false)} /> : null}
    </Card>
  );
}

function PaymentHistory({ child }: { child: StudentDues }) {
  const t = useFeesText();
  const timeZone = useCurrentUser().institution.timeZone;
  const payments = usePayments(child.studentId);
  const download = useDownloadReceipt();
  const title = t('family.history', { name: child.fullName });

  return (
    <Stack gap="xs" mt="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {payments.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : payments.isError ? (
        <ApiErrorAlert error={payments.error} />
      ) : payments.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('family.noPayments')}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={title}>
          {payments.data.map((payment) => (
            <PaymentRow
              key={payment.id}
              payment={payment}
              timeZone={timeZone}
              onDownload={() => download.mutate(payment)}
              downloading={download.isPending && download.variables?.id === payment.id}
            />
          ))}
        </Stack>
      )}
      {download.isError ? <ApiErrorAlert error={download.error} title={t('family.downloadFailed')} /> : null}
    </Stack>
  );
}

export function PaymentRow({
  payment,
  timeZone,
  onDownload,
  downloading,
  actions,
  officeDetails = false,
}: {
  payment: PaymentView;
  timeZone?: string;
  onDownload: () => void;
  downloading: boolean;
  /** More buttons for the office (reverse). */
  actions?: ReactNode;
  /** The office also sees the reference and why a payment was reversed. */
  officeDetails?: boolean;
}) {
  const t = useFeesText();
  const methodKey = `method.${payment.method}` as TextKey<'fees'>;
  const instrumentOf = usePaymentInstrument();
  return (
    <Group component="li" justify="space-between" gap="xs" wrap="wrap" data-testid="payment-row">
      <Stack gap={0} miw={0}>
        <Text size="sm" fw={500}>
          {t('family.receipt', { receiptNo: payment.receiptNo })}
        </Text>
        <Text size="xs" c="dimmed">
          {formatSchoolDate(payment.paidOn, timeZone)} · {t(methodKey)}
          {officeDetails && instrumentOf(payment) ? ` · ${instrumentOf(payment)}` : ''}
        </Text>
        {officeDetails && payment.status === 'reversed' && payment.reversalReason ? (
          <Text size="xs" c="dimmed">
            {t('accounts.reversedOn', { reason: payment.reversalReason })}
          </Text>
        ) : null}
      </Stack>
      <Group gap="xs">
        <Text size="sm" fw={600} td={payment.status === 'reversed' ? 'line-through' : undefined}>
          {formatMoney(payment.amount, payment.currency)}
        </Text>
        {payment.status === 'reversed' ? (
          <Badge color="gray" variant="light">
            {t('family.reversed')}
          </Badge>
        ) : null}
        <Button
          size="xs"
          variant="light"
          leftSection={<IconDownload size={14} aria-hidden />}
          onClick={onDownload}
          loading={downloading}
          aria-label={t('family.downloadReceiptNo', { receiptNo: payment.receiptNo })}
        >
          {t('family.downloadReceipt')}
        </Button>
        {actions}
      </Group>
    </Group>
  );
}

function PayOnlineModal({ child, onClose }: { child: StudentDues; onClose: () => void }) {
  const t = useFeesText();
  const pay = usePayOnline();
  const [confirming, setConfirming] = useState<number | null>(null);
  const resolver = useMemo(
    () =>
      lazyZodResolver(async () =>
        (await import('../schemas/payment.schema')).amountSchema(child.outstanding),
      ),
    [child.outstanding],
  );
  const form = useForm<{ amount: number }>({
    resolver,
    defaultValues: { amount: child.outstanding / 100 },
  });
  const fieldError = useFieldError('fees');
  const err = (message?: string) =>
    fieldError(message, { max: formatMoney(child.outstanding, child.currency) });
  const amountText = confirming === null ? '' : formatMoney(confirming, child.currency);

  if (confirming !== null) {
    return (
      <ConfirmModal
        opened
        color="blue"
        title={t('pay.confirmTitle', { amount: amountText })}
        confirmLabel={t('pay.confirm')}
        loading={pay.isPending}
        error={pay.error}
        errorTitle={t('pay.failed')}
        onClose={onClose}
        onConfirm={() => {
          if (pay.isPending) return;
          pay.mutate(
            { studentId: child.studentId, amount: confirming },
            {
              onSuccess: (order) => {
                notifications.show(
                  order.status === 'paid'
                    ? {
                        color: 'green',
                        title: t('pay.successTitle'),
                        message: t('pay.success', { amount: amountText, name: child.fullName }),
                      }
                    : {
                        color: 'yellow',
                        title: t('pay.notCompletedTitle'),
                        message: t('pay.notCompleted', { provider: order.provider }),
                      },
                );
                onClose();
              },
            },
          );
        }}
      >
        {t('pay.confirmBody', { amount: amountText, name: child.fullName })}
      </ConfirmModal>
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('pay.title', { name: child.fullName })} centered>
      <form noValidate onSubmit={form.handleSubmit((values) => setConfirming(toPaise(values.amount)))}>
        <Stack gap="md">
          <Controller
            control={form.control}
            name="amount"
            render={({ field }) => (
              <NumberInput
                label={t('pay.amount', { currency: child.currency })}
                description={t('pay.amountHelp', { max: formatMoney(child.outstanding, child.currency) })}
                decimalScale={2}
                min={1}
                thousandSeparator=","
                value={field.value}
                onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
                onBlur={field.onBlur}
                error={err(form.formState.errors.amount?.message)}
                required
              />
            )}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('pay.continue')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
