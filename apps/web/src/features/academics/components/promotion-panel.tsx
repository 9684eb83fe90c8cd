import { Alert, Button, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { useAcademicYears, useClasses, usePromoteClass } from '../hooks/use-academics';
import { useAcademicsText } from '../i18n';

/** Moves a class's students into another class for the next year (confirmed first). */
export function PromotionPanel() {
  const t = useAcademicsText();
  const classes = useClasses();
  const years = useAcademicYears();
  const promote = usePromoteClass();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const classOptions = (classes.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const label = (options: { value: string; label: string }[], id: string | null) =>
    options.find((o) => o.value === id)?.label ?? '';
  const yearOptions = (years.data ?? []).map((y) => ({ value: y.id, label: y.name }));

  return (
    <Stack gap="md" maw={560}>
      <Text c="dimmed">{t('promotion.intro')}</Text>
      <Select label={t('promotion.from')} data={classOptions} value={from} onChange={setFrom} />
      <Select label={t('promotion.to')} data={classOptions} value={to} onChange={setTo} />
      <Select label={t('promotion.year')} data={yearOptions} value={year} onChange={setYear} />
      <Button
        w="fit-content"
        disabled={!from || !to || !year || from === to}
        onClick={() => setConfirming(true)}
      >
        {t('promotion.promote')}
      </Button>
      {promote.data ? (
        <Alert color="green" role="status">
          {t('promotion.done', promote.data)}
        </Alert>
      ) : null}
      <ConfirmModal
        opened={confirming}
        title={t('promotion.confirmTitle')}
        confirmLabel={t('promotion.promote')}
        color="blue"
        loading={promote.isPending}
        error={promote.error}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          from &&
          to &&
          year &&
          promote.mutate(
            { fromClassId: from, toClassId: to, toYearId: year },
            { onSuccess: () => setConfirming(false) },
          )
        }
      >
        {t('promotion.confirmBody', {
          from: label(classOptions, from),
          to: label(classOptions, to),
          year: label(yearOptions, year),
        })}
      </ConfirmModal>
    </Stack>
  );
}
