import { Alert, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useCurrentUser } from '../../auth/hooks/current-user';
import {
  LATE_FEE_KINDS,
  REMINDER_KINDS,
  type DailyRunResult,
  type LateFeeRule,
  type LateFeeRuleBody,
} from '@shala/contracts';
import {
  useCreateLateFeeRule,
  useCreateReminderRule,
  useFeeHeads,
  useLateFeeRules,
  useReminderRules,
  useRunDailyJob,
} from '../hooks/use-fees-staff';
import { useFeesText } from '../i18n';
import { formatMoney, formatSchoolDate } from '../money';
import { toBasisPoints, toPaise } from '../money';
import type { LateFeeRuleValues, ReminderRuleValues } from '../schemas/staff.schema';
import { NumberField, SelectField } from './form-fields';
import { ConfirmedRun } from './report-parts';
import { AddFooter, SetupSection } from './setup-section';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const lateFeeRuleResolver = lazyZodResolver(
  async () => (await import('../schemas/staff.schema')).lateFeeRuleSchema,
);
const reminderRuleResolver = lazyZodResolver(
  async () => (await import('../schemas/staff.schema')).reminderRuleSchema,
);

export function lateFeeRuleBody(values: LateFeeRuleValues): LateFeeRuleBody {
  return {
    name: values.name.trim(),
    kind: values.kind,
    ...(values.kind === 'percent'
      ? { percentBasisPoints: toBasisPoints(values.percent ?? 0) }
      : { amount: toPaise(values.amount ?? 0) }),
    graceDays: values.graceDays,
    ...(values.cap !== undefined ? { cap: toPaise(values.cap) } : {}),
    headId: values.headId,
  };
}

function useLateFeeSummary() {
  const t = useFeesText();
  const currency = useCurrentUser().institution.currency;
  return (rule: LateFeeRule) => {
    const main = t(`rules.lateSummary.${rule.kind}`, {
      amount: formatMoney(rule.amount, currency),
      percent: (rule.basisPoints ?? 0) / 100,
      grace: rule.graceDays,
    });
    return rule.cap === null
      ? main
      : `${main}, ${t('rules.capSummary', { amount: formatMoney(rule.cap, currency) })}`;
  };
}

/** Late fee rules: the list, and a form for a new one. */
export function LateFeeRules() {
  const t = useFeesText();
  const err = useFieldError('fees');
  const currency = useCurrentUser().institution.currency;
  const rules = useLateFeeRules();
  const heads = useFeeHeads();
  const create = useCreateLateFeeRule();
  const summary = useLateFeeSummary();
  const form = useForm<LateFeeRuleValues>({
    resolver: lateFeeRuleResolver,
    defaultValues: { name: '', kind: 'flat', graceDays: 0, headId: '' },
  });
  const kind = form.watch('kind');
  const errors = form.formState.errors;
  const headName = (id: string) => heads.data?.find((h) => h.id === id)?.name ?? '';

  return (
    <SetupSection
      title={t('rules.lateTitle')}
      intro={t('rules.lateIntro')}
      query={rules}
      empty={t('rules.lateEmpty')}
      renderList={(items) => (
        <Stack component="ul" gap={4} m={0} pl="md" aria-label={t('rules.lateTitle')}>
          {items.map((rule) => (
            <Text component="li" size="sm" key={rule.id}>
              <b>{rule.name}</b>: {summary(rule)} · {headName(rule.headId)}
            </Text>
          ))}
        </Stack>
      )}
    >
      <form
        noValidate
        onSubmit={form.handleSubmit((values) =>
          create.mutate(lateFeeRuleBody(values), {
            onSuccess: () => {
              form.reset({ name: '', kind: 'flat', graceDays: 0, headId: '' });
              notifications.show({ color: 'green', message: t('rules.saved') });
            },
          }),
        )}
      >
        <Stack gap="sm">
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label={t('rules.name')}
              maxLength={80}
              required
              error={err(errors.name?.message)}
              {...form.register('name')}
              w={200}
            />
            <SelectField
              control={form.control}
              name="kind"
              label={t('rules.kind')}
              data={LATE_FEE_KINDS.map((k) => ({ value: k, label: t(`rules.kinds.${k}`) }))}
              fallback="flat"
              w={220}
            />
            {kind === 'percent' ? (
              <NumberField
                control={form.control}
                name="percent"
                label={t('rules.percent')}
                error={err(errors.percent?.message)}
                required
              />
            ) : (
              <NumberField
                control={form.control}
                name="amount"
                label={t(kind === 'per_day' ? 'rules.perDayAmount' : 'rules.amount', { currency })}
                error={err(errors.amount?.message)}
                required
              />
            )}
            <NumberField
              control={form.control}
              name="graceDays"
              label={t('rules.graceDays')}
              decimals={0}
              error={err(errors.graceDays?.message)}
            />
            <NumberField
              control={form.control}
              name="cap"
              label={t('rules.cap', { currency })}
              error={err(errors.cap?.message)}
            />
            <SelectField
              control={form.control}
              name="headId"
              label={t('rules.head')}
              data={(heads.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
              error={err(errors.headId?.message)}
              required
              w={220}
            />
          </Group>
          <AddFooter error={create.error} loading={create.isPending} label={t('rules.addLate')} />
        </Stack>
      </form>
    </SetupSection>
  );
}

/** Reminder rules: the list, and a form for a new one. */
export function ReminderRules() {
  const t = useFeesText();
  const err = useFieldError('fees');
  const rules = useReminderRules();
  const create = useCreateReminderRule();
  const form = useForm<ReminderRuleValues>({
    resolver: reminderRuleResolver,
    defaultValues: { kind: 'before_due', days: 3 },
  });
  const kind = form.watch('kind');

  return (
    <SetupSection
      title={t('rules.reminderTitle')}
      intro={t('rules.reminderIntro')}
      query={rules}
      empty={t('rules.reminderEmpty')}
      renderList={(items) => (
        <Stack component="ul" gap={4} m={0} pl="md" aria-label={t('rules.reminderTitle')}>
          {items.map((rule) => (
            <Text component="li" size="sm" key={rule.id}>
              {t(`rules.reminderSummary.${rule.kind}`, { days: rule.days })}
            </Text>
          ))}
        </Stack>
      )}
    >
      <form
        noValidate
        onSubmit={form.handleSubmit((values) =>
          create.mutate(
            { kind: values.kind, ...(values.kind === 'on_due' ? {} : { days: values.days }) },
            { onSuccess: () => notifications.show({ color: 'green', message: t('rules.saved') }) },
          ),
        )}
      >
        <Stack gap="sm">
          <Group gap="sm" align="flex-start" wrap="wrap">
            <SelectField
              control={form.control}
              name="kind"
              label={t('rules.kind')}
              data={REMINDER_KINDS.map((k) => ({ value: k, label: t(`rules.reminderKinds.${k}`) }))}
              fallback="before_due"
              w={260}
            />
            {kind === 'on_due' ? null : (
              <NumberField
                control={form.control}
                name="days"
                label={t('rules.days')}
                decimals={0}
                error={err(form.formState.errors.days?.message)}
                required
              />
            )}
          </Group>
          <AddFooter error={create.error} loading={create.isPending} label={t('rules.addReminder')} />
        </Stack>
      </form>
    </SetupSection>
  );
}

/** Runs the (idempotent) daily fee job on demand, after a confirmation, and says what it did. */
export function DailyJob() {
  const t = useFeesText();
  const currency = useCurrentUser().institution.currency;
  const run = useRunDailyJob();
  return (
    <Card withBorder component="section" aria-labelledby="daily-job">
      <Stack gap="sm">
        <Title order={2} size="h4" id="daily-job">
          {t('rules.runTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('rules.runIntro')}
        </Text>
        <ConfirmedRun<DailyRunResult>
          label={t('rules.run')}
          variant="light"
          confirmTitle={t('rules.runConfirmTitle')}
          confirmBody={t('rules.runConfirmBody')}
          confirmLabel={t('rules.runConfirm')}
          errorTitle={t('rules.runFailed')}
          mutation={run}
          start={(done) => run.mutate(undefined, { onSuccess: done })}
          renderResult={(result) => (
            <Alert color="green" variant="light" data-testid="daily-run-result">
              {t('rules.runResult', {
                date: formatSchoolDate(result.asOf),
                invoices: result.invoices,
                amount: formatMoney(result.lateFees.amount, currency),
                lateInvoices: result.lateFees.invoices,
                reminders: result.reminders.enqueued,
              })}
            </Alert>
          )}
        />
      </Stack>
    </Card>
  );
}
