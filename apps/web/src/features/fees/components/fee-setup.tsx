import { Badge, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useClasses } from '../../academics/hooks/use-academics';
import { useCreateHead, useFeeHeads, useFeeStructures } from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney, formatSchoolDate } from '../money';
import type { HeadValues } from '../schemas/staff.schema';
import { DailyJob, LateFeeRules, ReminderRules } from './fee-rules';
import { PlainList } from '../../../app/components/plain-list';
import { Waiting } from './report-parts';
import { SetupSection } from './setup-section';
import { StructureForm } from './structure-form';
import { useYearName, YearSelect } from './year-select';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const headResolver = lazyZodResolver(async () => (await import('../schemas/staff.schema')).headSchema);

/** Fee heads, class fee structures per year with instalments, late fee and reminder rules. */
export function FeeSetup() {
  return (
    <Stack gap="lg">
      <FeeHeads />
      <FeeStructures />
      <LateFeeRules />
      <ReminderRules />
      <DailyJob />
    </Stack>
  );
}

function FeeHeads() {
  const t = useFeesText();
  const err = useFieldError('fees');
  const heads = useFeeHeads();
  const create = useCreateHead();
  const form = useForm<HeadValues>({
    resolver: headResolver,
    defaultValues: { name: '', optional: false },
  });

  return (
    <SetupSection
      title={t('heads.title')}
      intro={t('heads.intro')}
      query={heads}
      empty={t('heads.empty')}
      renderList={(items) => (
        <Group
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('heads.title')}
        >
          {items.map((head) => (
            <Badge
              component="li"
              key={head.id}
              variant="light"
              size="lg"
              tt="none"
              color={head.optional ? 'grape' : 'blue'}
            >
              {head.optional ? `${head.name} · ${t('heads.optionalBadge')}` : head.name}
            </Badge>
          ))}
        </Group>
      )}
    >
      <form
        noValidate
        onSubmit={form.handleSubmit((values) =>
          create.mutate(
            { name: values.name.trim(), optional: values.optional },
            {
              onSuccess: (head) => {
                form.reset({ name: '', optional: false });
                notifications.show({ color: 'green', message: t('heads.created', { name: head.name }) });
              },
            },
          ),
        )}
      >
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('heads.name')}
            maxLength={80}
            required
            error={err(form.formState.errors.name?.message)}
            {...form.register('name')}
            style={{ flex: '1 1 12rem' }}
          />
          <Checkbox label={t('heads.optional')} {...form.register('optional')} mb={8} />
          <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
            {t('heads.add')}
          </Button>
        </Group>
        {create.error ? <ApiErrorAlert error={create.error} /> : null}
      </form>
    </SetupSection>
  );
}

function FeeStructures() {
  const t = useFeesText();
  const [yearId, setYearId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const structures = useFeeStructures(yearId);
  const classes = useClasses();
  const yearName = useYearName(yearId);
  const className = (id: string) =>
    classes.data?.find((c) => c.id === id)?.name ?? t('structures.unknownClass');

  return (
    <Card withBorder component="section" aria-labelledby="fee-structures">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Stack gap={2} style={{ flex: '1 1 16rem' }}>
            <Title order={2} size="h4" id="fee-structures">
              {t('structures.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('structures.intro')}
            </Text>
          </Stack>
          <YearSelect label={t('structures.year')} value={yearId} onChange={setYearId} />
        </Group>
        {structures.isPending ? (
          <Waiting />
        ) : structures.isError ? (
          <ApiErrorAlert error={structures.error} />
        ) : structures.data.length === 0 ? (
          <Text size="sm">{t('structures.empty', { year: yearName })}</Text>
        ) : (
          <PlainList label={t('structures.title')} gap="sm">
            {[...structures.data]
              .sort((a, b) =>
                className(a.classId).localeCompare(className(b.classId), undefined, { numeric: true }),
              )
              .map((s) => (
                <Card component="li" key={s.id} withBorder padding="sm" data-testid="fee-structure">
                  <Group justify="space-between" gap="xs">
                    <Text fw={600}>
                      {className(s.classId)} · {s.name}
                    </Text>
                    <Text fw={600}>
                      {t('structures.total', { amount: formatMoney(s.total, s.currency) })}
                    </Text>
                  </Group>
                  {s.instalments.map((i) => (
                    <Text size="sm" c="dimmed" key={i.id}>
                      {t('structures.instalment', {
                        label: i.label,
                        date: formatSchoolDate(i.dueDate),
                        amount: formatMoney(i.total, s.currency),
                      })}
                      {' — '}
                      {i.lines.map((l) => `${l.headName} ${formatMoney(l.amount, s.currency)}`).join(', ')}
                    </Text>
                  ))}
                </Card>
              ))}
          </PlainList>
        )}
        {adding && yearId && structures.data ? (
          <StructureForm
            academicYearId={yearId}
            takenClassIds={structures.data.map((s) => s.classId)}
            onDone={() => setAdding(false)}
          />
        ) : (
          <Button
            variant="light"
            w="fit-content"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setAdding(true)}
            disabled={!yearId || !structures.data}
          >
            {t('structures.add')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
