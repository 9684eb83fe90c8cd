import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { AuditFilter } from '@shala/contracts';
import { IconFilter, IconX } from '@tabler/icons-react';
import { Controller, useForm } from 'react-hook-form';
import { useAuditText } from '../i18n';
import { useFieldError } from '../../../app/forms/field-error';
import { displayNameOf } from '../../auth/components/display-name';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useUserDirectory } from '../../users/hooks/use-users';
import type { AuditFilterInput, AuditFilterValues } from '../schemas/audit-filter.schema';
import { emptyAuditFilterForm, toAuditFilter } from './audit-filter';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const auditFilterResolver = lazyZodResolver(
  async () => (await import('../schemas/audit-filter.schema')).auditFilterSchema,
);

/** Action, outcome, dates and actor; applied together with "Apply filters". */
export function AuditFilterBar({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const t = useAuditText();
  const fieldError = useFieldError();
  const me = useCurrentUser();
  const directory = useUserDirectory();
  const {
    register,
    handleSubmit,
    control,
    reset,
    formState: { errors },
  } = useForm<AuditFilterInput, unknown, AuditFilterValues>({
    resolver: auditFilterResolver,
    defaultValues: emptyAuditFilterForm,
  });

  const apply = handleSubmit((values) => onApply(toAuditFilter(values, me.institution.timeZone)));
  const clear = () => {
    reset(emptyAuditFilterForm);
    onApply({});
  };

  return (
    <form onSubmit={(event) => void apply(event)} noValidate aria-label={t('filtersLabel')}>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="sm">
        <TextInput
          {...register('action')}
          label={t('action')}
          placeholder={t('actionPlaceholder')}
          error={fieldError(errors.action)}
          autoCapitalize="none"
          spellCheck={false}
        />
        <Controller
          control={control}
          name="outcome"
          render={({ field }) => (
            <Select
              label={t('outcome')}
              data={[
                { value: '', label: t('outcomeAny') },
                { value: 'success', label: t('outcomes.success') },
                { value: 'failure', label: t('outcomes.failure') },
                { value: 'denied', label: t('outcomes.denied') },
              ]}
              value={field.value}
              onChange={(value) => field.onChange(value ?? '')}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <Controller
          control={control}
          name="dates"
          render={({ field }) => (
            <DatePickerInput
              type="range"
              label={t('dates')}
              placeholder={t('datesPlaceholder')}
              value={field.value}
              onChange={(value) => field.onChange([value[0] ?? null, value[1] ?? null])}
              allowSingleDateInRange
              clearable
              valueFormat="D MMM YYYY"
              popoverProps={{ withinPortal: true }}
            />
          )}
        />
        {directory.users.length > 0 ? (
          <Controller
            control={control}
            name="actorUserId"
            render={({ field }) => (
              <Select
                label={t('actor')}
                placeholder={t('actorPlaceholder')}
                data={directory.users.map((user) => ({
                  value: user.id,
                  label: `${displayNameOf(user)} (${user.email})`,
                }))}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                searchable
                clearable
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
        ) : null}
      </SimpleGrid>
      <Group gap="xs" mt="sm">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          {t('apply')}
        </Button>
        <Button variant="subtle" color="gray" onClick={clear} leftSection={<IconX size={16} aria-hidden />}>
          {t('clear')}
        </Button>
      </Group>
    </form>
  );
}
