import { Badge, Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { useFieldError } from '../../../app/forms/field-error';
import { formatSchoolDate } from '../../../app/school-date';
import type { AcademicYear } from '@shala/contracts';
import { useAcademicYears, useCreateYear, useMakeYearCurrent } from '../hooks/use-academics';
import { useAcademicsText } from '../i18n';
import type { YearValues } from '../schemas/year.schema';
import { Pending } from './pending';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const yearResolver = lazyZodResolver(async () => (await import('../schemas/year.schema')).yearSchema);

/** Academic years: the list, "make current" (confirmed), and a form to add one. */
export function YearsPanel({ canWrite }: { canWrite: boolean }) {
  const t = useAcademicsText();
  const years = useAcademicYears();
  const makeCurrent = useMakeYearCurrent();
  const create = useCreateYear();
  const [confirming, setConfirming] = useState<AcademicYear | null>(null);
  const form = useForm<YearValues>({
    resolver: yearResolver,
    defaultValues: { name: '', startsOn: '', endsOn: '' },
  });
  const err = useFieldError('academics');

  return (
    <Pending query={years}>
      <Stack gap="md">
        {years.data?.length === 0 ? (
          <EmptyState>{t('years.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table aria-label={t('years.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('years.name')}</Table.Th>
                  <Table.Th>{t('years.startsOn')}</Table.Th>
                  <Table.Th>{t('years.endsOn')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {years.data?.map((year) => (
                  <Table.Tr key={year.id}>
                    <Table.Td>{year.name}</Table.Td>
                    <Table.Td>{formatSchoolDate(year.startsOn)}</Table.Td>
                    <Table.Td>{formatSchoolDate(year.endsOn)}</Table.Td>
                    <Table.Td>
                      {year.current ? (
                        <Badge color="green">{t('years.current')}</Badge>
                      ) : canWrite ? (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={t('years.makeCurrentOf', { name: year.name })}
                          onClick={() => setConfirming(year)}
                        >
                          {t('years.makeCurrent')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canWrite ? (
          <form
            noValidate
            onSubmit={(e) =>
              void form.handleSubmit((v) => create.mutate(v, { onSuccess: () => form.reset() }))(e)
            }
          >
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('years.name')}
                {...form.register('name')}
                error={err(form.formState.errors.name?.message)}
              />
              <TextInput
                type="date"
                label={t('years.startsOn')}
                {...form.register('startsOn')}
                error={err(form.formState.errors.startsOn?.message)}
              />
              <TextInput
                type="date"
                label={t('years.endsOn')}
                {...form.register('endsOn')}
                error={err(form.formState.errors.endsOn?.message)}
              />
              <Button type="submit" mt={24} loading={create.isPending}>
                {t('years.add')}
              </Button>
            </Group>
            {create.isError ? <ApiErrorAlert error={create.error} /> : null}
          </form>
        ) : null}
        <ConfirmModal
          opened={confirming !== null}
          title={t('years.confirmTitle')}
          confirmLabel={t('years.makeCurrent')}
          color="blue"
          loading={makeCurrent.isPending}
          error={makeCurrent.error}
          onClose={() => setConfirming(null)}
          onConfirm={() =>
            confirming && makeCurrent.mutate(confirming.id, { onSuccess: () => setConfirming(null) })
          }
        >
          {t('years.confirmBody', { name: confirming?.name ?? '' })}
        </ConfirmModal>
      </Stack>
    </Pending>
  );
}
