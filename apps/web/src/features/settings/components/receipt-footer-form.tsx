import { Button, Stack, Text, Textarea } from '@mantine/core';
import type { InstitutionProfile } from '@shala/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useUpdateProfile } from '../hooks/use-settings';
import { useSettingsText } from '../i18n';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import type { FooterValues } from '../schemas/receipt-footer.schema';

const FOOTER_MAX = 500;
const footerResolver = lazyZodResolver(async () =>
  (await import('../schemas/receipt-footer.schema')).footerSchema(FOOTER_MAX),
);

/** The line printed at the foot of every fee receipt. */
export function ReceiptFooterForm({ current }: { current: InstitutionProfile }) {
  const t = useSettingsText();
  const textOf = useFieldError('settings');
  const save = useUpdateProfile();
  const [saved, setSaved] = useState(false);
  const form = useForm<FooterValues>({
    resolver: footerResolver,
    defaultValues: { receiptFooter: current.receiptFooter },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    setSaved(false);
    save.mutate(values, {
      onSuccess: () => setSaved(true),
      onError: (error) => applyServerFieldErrors(error, ['receiptFooter'], form.setError),
    });
  });
  const unplaced = save.isError && errors.receiptFooter?.type !== 'server';

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-label={t('receipt.title')}>
      <Stack gap="sm">
        <Textarea
          label={t('receipt.footer')}
          description={t('receipt.footerHelp')}
          autosize
          minRows={2}
          {...form.register('receiptFooter', { onChange: () => setSaved(false) })}
          error={textOf(errors.receiptFooter, { max: FOOTER_MAX })}
        />
        {unplaced ? <ApiErrorAlert error={save.error} /> : null}
        {saved ? (
          <Text c="green" role="status">
            {t('receipt.saved')}
          </Text>
        ) : null}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('receipt.save')}
        </Button>
      </Stack>
    </form>
  );
}
