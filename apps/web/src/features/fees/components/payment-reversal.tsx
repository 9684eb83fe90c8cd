import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useCan } from '../../auth/hooks/current-user';
import type { PaymentView } from '@shala/contracts';
import { useReversePayment } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney } from '../money';
import type { ReverseValues } from '../schemas/staff.schema';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const reverseResolver = lazyZodResolver(async () => (await import('../schemas/staff.schema')).reverseSchema);

/**
 * Asks before reversing a payment, and for the reason the ledger and audit log keep. Nothing is sent
 * until a reason of three characters or more is given; the payment stays on record, marked reversed.
 */
export function ReversePaymentModal({ payment, onClose }: { payment: PaymentView; onClose: () => void }) {
  const t = useFeesText();
  const err = useFieldError('fees');
  const reverse = useReversePayment();
  const form = useForm<ReverseValues>({
    resolver: reverseResolver,
    defaultValues: { reason: '' },
  });

  return (
    <Modal opened onClose={onClose} title={t('reverse.title', { receiptNo: payment.receiptNo })} centered>
      <form
        noValidate
        onSubmit={form.handleSubmit((values) => {
          if (reverse.isPending) return;
          reverse.mutate(
            { paymentId: payment.id, reason: values.reason.trim() },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'green',
                  message: t('reverse.done', { receiptNo: payment.receiptNo }),
                });
                onClose();
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <Text size="sm">
            {t('reverse.body', { amount: formatMoney(payment.amount, payment.currency) })}
          </Text>
          <Textarea
            label={t('reverse.reason')}
            autosize
            minRows={2}
            maxLength={300}
            required
            error={err(form.formState.errors.reason?.message)}
            {...form.register('reason')}
          />
          {reverse.error ? <ApiErrorAlert error={reverse.error} title={t('reverse.failed')} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={reverse.isPending}>
              {t('reverse.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The office's reverse button of a completed payment (fees.reverse), with its dialog. */
export function ReverseButton({ payment }: { payment: PaymentView }) {
  const t = useFeesText();
  const canReverse = useCan(Permission.FeesReverse);
  const [open, setOpen] = useState(false);
  if (!canReverse || payment.status !== 'completed') return null;
  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="red"
        leftSection={<IconArrowBackUp size={14} aria-hidden />}
        onClick={() => setOpen(true)}
        aria-label={t('reverse.actionFor', { receiptNo: payment.receiptNo })}
      >
        {t('reverse.action')}
      </Button>
      {open ? <ReversePaymentModal payment={payment} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
