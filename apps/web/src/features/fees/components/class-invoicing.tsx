import { Alert, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useClasses } from '../../academics/hooks/use-academics';
import type { InvoiceRunResult } from '@shala/contracts';
import { useFeeStructures, useGenerateInvoices } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney, formatSchoolDate } from '../money';
import { ConfirmedRun, Waiting } from './report-parts';
import { useYearName, YearSelect } from './year-select';

/** Batch invoicing of one class from its fee structure: idempotent, so it can be run again safely. */
export function ClassInvoicing() {
  const t = useFeesText();
  const [yearId, setYearId] = useState<string | null>(null);
  const [classId, setClassId] = useState<string | null>(null);
  const classes = useClasses();
  const structures = useFeeStructures(yearId);
  const yearName = useYearName(yearId);
  const className = classes.data?.find((c) => c.id === classId)?.name ?? '';
  const structure = structures.data?.find((s) => s.classId === classId) ?? null;

  return (
    <Stack gap="md">
      <Text c="dimmed" size="sm">
        {t('invoicing.intro')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <YearSelect label={t('invoicing.year')} value={yearId} onChange={setYearId} />
        <Select
          label={t('invoicing.class')}
          data={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={setClassId}
          searchable
          w={220}
        />
      </Group>
      {classes.isError ? <ApiErrorAlert error={classes.error} /> : null}
      {structures.isError ? <ApiErrorAlert error={structures.error} /> : null}
      {!classId ? (
        <EmptyState icon={IconFileInvoice}>{t('invoicing.pickClass')}</EmptyState>
      ) : structures.isPending ? (
        <Waiting />
      ) : structure ? (
        <InvoiceRun
          key={`${structure.id}`}
          structureId={structure.id}
          structureName={structure.name}
          className={className}
          summary={t('invoicing.structure', {
            name: structure.name,
            count: structure.instalments.length,
            amount: formatMoney(structure.total, structure.currency),
          })}
          instalments={structure.instalments.map((i) =>
            t('structures.instalment', {
              label: i.label,
              date: formatSchoolDate(i.dueDate),
              amount: formatMoney(i.total, structure.currency),
            }),
          )}
        />
      ) : (
        <EmptyState icon={IconFileInvoice}>
          {t('invoicing.noStructure', { className, year: yearName })}
        </EmptyState>
      )}
    </Stack>
  );
}

function InvoiceRun(props: {
  structureId: string;
  structureName: string;
  className: string;
  summary: string;
  instalments: string[];
}) {
  const t = useFeesText();
  const run = useGenerateInvoices();

  return (
    <Card withBorder component="section" aria-labelledby="invoice-structure">
      <Stack gap="sm">
        <Title order={2} size="h4" id="invoice-structure">
          {props.summary}
        </Title>
        <Stack component="ul" gap={2} m={0} pl="md">
          {props.instalments.map((line) => (
            <Text component="li" size="sm" key={line}>
              {line}
            </Text>
          ))}
        </Stack>
        <ConfirmedRun<InvoiceRunResult>
          label={t('invoicing.run')}
          icon={<IconFileInvoice size={16} aria-hidden />}
          confirmTitle={t('invoicing.confirmTitle', { className: props.className })}
          confirmBody={t('invoicing.confirmBody', { className: props.className, name: props.structureName })}
          confirmLabel={t('invoicing.confirm')}
          errorTitle={t('invoicing.failed')}
          mutation={run}
          start={(done) => run.mutate(props.structureId, { onSuccess: done })}
          renderResult={(result) => (
            <Alert
              color="green"
              variant="light"
              title={t('invoicing.resultTitle')}
              data-testid="invoice-run-result"
            >
              {t('invoicing.result', {
                created: result.created,
                skipped: result.skipped,
                students: result.students,
                className: props.className,
              })}
            </Alert>
          )}
        />
      </Stack>
    </Card>
  );
}
