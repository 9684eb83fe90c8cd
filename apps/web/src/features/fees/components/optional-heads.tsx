import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import type { FeeHead, OptionalHeadCharge } from '@shala/contracts';
import { useFeeHeads, useOptionalHeads, useSetOptionalHeads } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { toPaise } from '../money';
import type { OptionalHeadsValues } from '../schemas/staff.schema';
import { NumberField } from './form-fields';
import { Waiting } from './report-parts';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const optionalHeadsResolver = lazyZodResolver(
  async () => (await import('../schemas/staff.schema')).optionalHeadsSchema,
);

/** A student's optional heads (transport, ...) for the current year: the amount charged per instalment. */
export function OptionalHeads({
  studentId,
  name,
  currency,
}: {
  studentId: string;
  name: string;
  currency: string;
}) {
  const t = useFeesText();
  const heads = useFeeHeads();
  const current = useOptionalHeads(studentId);
  const optional = (heads.data ?? []).filter((h) => h.optional);

  return (
    <Card withBorder component="section" aria-labelledby="optional-heads">
      <Stack gap="sm">
        <Title order={3} size="h5" id="optional-heads">
          {t('optional.title', { name })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('optional.intro')}
        </Text>
        {heads.isError || current.isError ? (
          <ApiErrorAlert error={heads.error ?? current.error} />
        ) : heads.isPending || current.isPending ? (
          <Waiting />
        ) : optional.length === 0 ? (
          <Text size="sm">{t('optional.none')}</Text>
        ) : (
          <OptionalHeadsForm
            studentId={studentId}
            name={name}
            currency={currency}
            heads={optional}
            current={current.data}
          />
        )}
      </Stack>
    </Card>
  );
}

function OptionalHeadsForm(props: {
  studentId: string;
  name: string;
  currency: string;
  heads: FeeHead[];
  current: OptionalHeadCharge[];
}) {
  const t = useFeesText();
  const err = useFieldError('fees');
  const save = useSetOptionalHeads();
  const form = useForm<OptionalHeadsValues>({
    resolver: optionalHeadsResolver,
    defaultValues: {
      heads: props.heads.map((h) => ({
        headId: h.id,
        amount: (props.current.find((c) => c.headId === h.id)?.amountPerInstalment ?? 0) / 100,
      })),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) =>
        save.mutate(
          {
            studentId: props.studentId,
            heads: values.heads
              .map((h) => ({ headId: h.headId, amountPerInstalment: toPaise(h.amount) }))
              .filter((h) => h.amountPerInstalment > 0),
          },
          {
            onSuccess: () =>
              notifications.show({ color: 'green', message: t('optional.saved', { name: props.name }) }),
          },
        ),
      )}
    >
      <Stack gap="sm">
        {props.heads.map((head, index) => (
          <NumberField
            key={head.id}
            control={form.control}
            name={`heads.${index}.amount`}
            label={t('optional.amount', { head: head.name, currency: props.currency })}
            description={t('optional.amountHelp')}
            error={err(form.formState.errors.heads?.[index]?.amount?.message)}
          />
        ))}
        {save.error ? <ApiErrorAlert error={save.error} /> : null}
        <Button type="submit" variant="light" w="fit-content" loading={save.isPending}>
          {t('optional.save')}
        </Button>
      </Stack>
    </form>
  );
}
