import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import type { InvoiceView } from '@shala/contracts';
import { ADJUSTMENT_KINDS, type AdjustmentBody } from '@shala/contracts';
import { useAdjustInvoice } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney } from '../money';
import { toBasisPoints, toPaise } from '../money';
import type { AdjustmentValues } from '../schemas/staff.schema';
import { NumberField, SelectField } from './form-fields';
import { LabelledSegments } from './setup-section';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const adjustmentResolver = lazyZodResolver(
  async () => (await import('../schemas/staff.schema')).adjustmentSchema,
);

/** The head choice that spreads a concession or waiver over the invoice's heads in order. */
const ALL_HEADS = 'all';
const CATEGORIES = ['sibling', 'scholarship', 'staff_ward', 'other'] as const;

export function adjustmentBody(values: AdjustmentValues): AdjustmentBody {
  const byPercent = values.kind === 'concession' && values.by === 'percent';
  return {
    kind: values.kind,
    ...(values.headId && values.headId !== ALL_HEADS ? { headId: values.headId } : {}),
    ...(byPercent
      ? { percentBasisPoints: toBasisPoints(values.percent ?? 0) }
      : { amount: toPaise(values.amount ?? 0) }),
    ...(values.kind === 'concession' && values.category ? { category: values.category } : {}),
    reason: values.reason.trim(),
  };
}

/** A concession (amount or percentage, with its category), a waiver, or a fine on one invoice, with a reason. */
export function InvoiceAdjustmentModal({ invoice, onClose }: { invoice: InvoiceView; onClose: () => void }) {
  const t = useFeesText();
  const err = useFieldError('fees');
  const adjust = useAdjustInvoice();
  const form = useForm<AdjustmentValues>({
    resolver: adjustmentResolver,
    defaultValues: { kind: 'concession', headId: ALL_HEADS, by: 'amount', category: 'sibling', reason: '' },
  });
  const kind = form.watch('kind');
  const by = form.watch('by');
  const errors = form.formState.errors;

  return (
    <Modal opened onClose={onClose} title={t('accounts.adjustFor', { label: invoice.label })} centered>
      <form
        noValidate
        onSubmit={form.handleSubmit((values) => {
          if (adjust.isPending) return;
          adjust.mutate(
            { invoiceId: invoice.id, body: adjustmentBody(values) },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'green',
                  message: t('adjust.saved', {
                    kind: t(`adjust.kinds.${values.kind}`),
                    label: invoice.label,
                  }),
                });
                onClose();
              },
            },
          );
        })}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('accounts.outstanding', { amount: formatMoney(invoice.outstanding, invoice.currency) })}
          </Text>
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <LabelledSegments
                label={t('adjust.kind')}
                value={field.value}
                onChange={field.onChange}
                data={ADJUSTMENT_KINDS.map((k) => ({ value: k, label: t(`adjust.kinds.${k}`) }))}
              />
            )}
          />
          <SelectField
            control={form.control}
            name="headId"
            label={t('adjust.head')}
            data={[
              ...(kind === 'fine' ? [] : [{ value: ALL_HEADS, label: t('adjust.allHeads') }]),
              ...invoice.lines.map((l) => ({ value: l.headId, label: l.headName })),
            ]}
            error={err(errors.headId?.message)}
          />
          {kind === 'concession' ? (
            <Controller
              control={form.control}
              name="by"
              render={({ field }) => (
                <LabelledSegments
                  label={t('adjust.by')}
                  value={field.value}
                  onChange={field.onChange}
                  data={[
                    { value: 'amount' as const, label: t('adjust.byAmount') },
                    { value: 'percent' as const, label: t('adjust.byPercent') },
                  ]}
                />
              )}
            />
          ) : null}
          {kind === 'concession' && by === 'percent' ? (
            <NumberField
              control={form.control}
              name="percent"
              label={t('adjust.percent')}
              error={err(errors.percent?.message)}
              required
            />
          ) : (
            <NumberField
              control={form.control}
              name="amount"
              label={t('adjust.amount', { currency: invoice.currency })}
              error={err(errors.amount?.message)}
              required
            />
          )}
          {kind === 'concession' ? (
            <SelectField
              control={form.control}
              name="category"
              label={t('adjust.category')}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`adjust.categories.${c}`) }))}
              fallback="other"
            />
          ) : null}
          <Textarea
            label={t('adjust.reason')}
            description={t('adjust.reasonHelp')}
            autosize
            minRows={2}
            maxLength={250}
            required
            error={err(errors.reason?.message)}
            {...form.register('reason')}
          />
          {adjust.error ? <ApiErrorAlert error={adjust.error} title={t('adjust.failed')} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={adjust.isPending}>
              {t('adjust.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
