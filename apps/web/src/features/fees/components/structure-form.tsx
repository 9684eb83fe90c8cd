import { ActionIcon, Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useFieldArray, useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useClasses } from '../../academics/hooks/use-academics';
import { useCurrentUser } from '../../auth/hooks/current-user';
import type { CreateStructureBody, FeeHead } from '@shala/contracts';
import { useCreateStructure, useFeeHeads } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney, toPaise } from '../money';
import type { StructureValues } from '../schemas/staff.schema';
import { NumberField, SelectField } from './form-fields';
import { Waiting } from './report-parts';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const structureResolver = lazyZodResolver(
  async () => (await import('../schemas/staff.schema')).structureSchema,
);

export function structureBody(values: StructureValues, academicYearId: string): CreateStructureBody {
  return {
    classId: values.classId,
    academicYearId,
    name: values.name.trim(),
    instalments: values.instalments.map((i) => ({
      label: i.label.trim(),
      dueDate: i.dueDate,
      lines: i.amounts
        .map((a) => ({ headId: a.headId, amount: toPaise(a.amount) }))
        .filter((line) => line.amount > 0),
    })),
  };
}

/** A class's fees for a year: instalments with due dates, each charging an amount per (non-optional) head. */
export function StructureForm(props: {
  academicYearId: string;
  takenClassIds: string[];
  onDone: () => void;
}) {
  const t = useFeesText();
  const heads = useFeeHeads();
  if (heads.isPending) return <Waiting />;
  if (heads.isError) return <ApiErrorAlert error={heads.error} />;
  const charged = heads.data.filter((h) => !h.optional);
  if (charged.length === 0) {
    return (
      <Alert color="yellow" variant="light">
        {t('structureForm.noHeads')}
      </Alert>
    );
  }
  return <StructureFields {...props} heads={charged} />;
}

function StructureFields({
  academicYearId,
  takenClassIds,
  onDone,
  heads,
}: {
  academicYearId: string;
  takenClassIds: string[];
  onDone: () => void;
  heads: FeeHead[];
}) {
  const t = useFeesText();
  const err = useFieldError('fees');
  const currency = useCurrentUser().institution.currency;
  const classes = useClasses();
  const create = useCreateStructure();
  const blankInstalment = (n: number) => ({
    label: t('structureForm.defaultLabel', { n }),
    dueDate: '',
    amounts: heads.map((h) => ({ headId: h.id, amount: 0 })),
  });
  const form = useForm<StructureValues>({
    resolver: structureResolver,
    defaultValues: { classId: '', name: '', instalments: [blankInstalment(1)] },
  });
  const instalments = useFieldArray({ control: form.control, name: 'instalments' });
  const errors = form.formState.errors;
  const total = (form.watch('instalments') ?? []).reduce(
    (sum, i) =>
      sum + i.amounts.reduce((s, a) => s + (typeof a.amount === 'number' ? toPaise(a.amount) : 0), 0),
    0,
  );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="structure-form">
      <form
        noValidate
        onSubmit={form.handleSubmit((values) =>
          create.mutate(structureBody(values, academicYearId), {
            onSuccess: (structure) => {
              notifications.show({
                color: 'green',
                message: t('structures.created', { name: structure.name }),
              });
              onDone();
            },
            onError: (error) =>
              applyServerFieldErrors(
                error,
                values.instalments.flatMap((_, k) => [
                  `instalments.${k}.dueDate` as const,
                  `instalments.${k}.label` as const,
                ]),
                form.setError,
              ),
          }),
        )}
      >
        <Stack gap="sm">
          <Title order={3} size="h5" id="structure-form">
            {t('structureForm.title')}
          </Title>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <SelectField
              control={form.control}
              name="classId"
              label={t('structureForm.class')}
              data={(classes.data ?? []).map((c) => ({
                value: c.id,
                label: takenClassIds.includes(c.id) ? `${c.name} (${t('structureForm.classTaken')})` : c.name,
                disabled: takenClassIds.includes(c.id),
              }))}
              error={err(errors.classId)}
              required
              w={220}
            />
            <TextInput
              label={t('structureForm.name')}
              placeholder={t('structureForm.namePlaceholder')}
              maxLength={100}
              required
              error={err(errors.name)}
              {...form.register('name')}
              style={{ flex: '1 1 14rem' }}
            />
          </Group>
          <Text fw={500} size="sm">
            {t('structureForm.instalments')}
          </Text>
          {instalments.fields.map((field, k) => (
            <Card key={field.id} withBorder padding="sm" bg="var(--mantine-color-default-hover)">
              <Stack gap="xs">
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={600}>
                    {t('structureForm.instalment', { n: k + 1 })}
                  </Text>
                  {instalments.fields.length > 1 ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => instalments.remove(k)}
                      aria-label={t('structureForm.removeInstalment', { n: k + 1 })}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  ) : null}
                </Group>
                <Group gap="sm" align="flex-start" wrap="wrap">
                  <TextInput
                    label={t('structureForm.label')}
                    maxLength={80}
                    required
                    error={err(errors.instalments?.[k]?.label)}
                    {...form.register(`instalments.${k}.label`)}
                    w={180}
                  />
                  <TextInput
                    type="date"
                    label={t('structureForm.dueDate')}
                    required
                    error={err(errors.instalments?.[k]?.dueDate)}
                    {...form.register(`instalments.${k}.dueDate`)}
                    w={180}
                  />
                  {heads.map((head, h) => (
                    <NumberField
                      key={head.id}
                      control={form.control}
                      name={`instalments.${k}.amounts.${h}.amount`}
                      label={t('structureForm.amountOf', { head: head.name, currency })}
                      error={err(errors.instalments?.[k]?.amounts?.[h]?.amount)}
                    />
                  ))}
                </Group>
              </Stack>
            </Card>
          ))}
          <Button
            variant="subtle"
            w="fit-content"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => instalments.append(blankInstalment(instalments.fields.length + 1))}
            disabled={instalments.fields.length >= 24}
          >
            {t('structureForm.addInstalment')}
          </Button>
          <Text fw={600} data-testid="structure-total">
            {t('structureForm.total', { amount: formatMoney(total, currency) })}
          </Text>
          {create.error ? <ApiErrorAlert error={create.error} /> : null}
          <Group gap="sm">
            <Button type="submit" loading={create.isPending}>
              {t('structureForm.save')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
