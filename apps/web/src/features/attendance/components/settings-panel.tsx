import {
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useCurrentUser } from '../../auth/hooks/current-user';
import type { AttendanceMode, AttendanceSettings } from '@shala/contracts';
import { useAttendanceSettings, useUpdateAttendanceSettings } from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { HolidayCalendar } from './holiday-calendar';
import { WEEK_ORDER, type Weekday } from '../week-order';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import type { SettingsValues } from '../schemas/settings.schema';

const settingsResolver = lazyZodResolver(
  async () => (await import('../schemas/settings.schema')).settingsSchema,
);

const FIELDS = ['mode', 'periodsPerDay', 'cutoffTime', 'weeklyOffDays', 'chronicThresholdPercent'] as const;

/** The admin's attendance settings: daily or period-wise, the lock time, weekly offs, and holidays. */
export function SettingsPanel() {
  const t = useAttendanceText();
  const settings = useAttendanceSettings();
  return (
    <Stack gap="lg" maw={720}>
      <Card withBorder component="section" aria-labelledby="attendance-settings">
        <Title order={2} size="h4" id="attendance-settings" mb="sm">
          {t('settings.title')}
        </Title>
        {settings.isPending ? (
          <Center py="md" role="status">
            <Loader size="sm" />
          </Center>
        ) : settings.isError ? (
          <ApiErrorAlert error={settings.error} />
        ) : (
          <SettingsForm current={settings.data} />
        )}
      </Card>
      <HolidayCalendar />
    </Stack>
  );
}

function SettingsForm({ current }: { current: AttendanceSettings }) {
  const t = useAttendanceText();
  const textOf = useFieldError('attendance');
  const me = useCurrentUser();
  const save = useUpdateAttendanceSettings();
  const [saved, setSaved] = useState(false);
  const form = useForm<SettingsValues>({
    resolver: settingsResolver,
    defaultValues: {
      mode: current.mode,
      periodsPerDay: current.periodsPerDay,
      cutoffTime: current.cutoffTime,
      weeklyOffDays: current.weeklyOffDays.map((d) => String(d) as Weekday),
      chronicThresholdPercent: current.chronicThresholdPercent,
    },
  });
  const mode = useWatch({ control: form.control, name: 'mode' });
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) => {
    setSaved(false);
    save.mutate(
      {
        mode: values.mode,
        periodsPerDay: values.periodsPerDay,
        cutoffTime: values.cutoffTime,
        weeklyOffDays: values.weeklyOffDays.map(Number).sort((a, b) => a - b),
        chronicThresholdPercent: values.chronicThresholdPercent,
      },
      {
        onSuccess: () => setSaved(true),
        onError: (error) => applyServerFieldErrors(error, FIELDS, form.setError),
      },
    );
  });
  const unplaced = save.isError && !FIELDS.some((field) => errors[field]?.type === 'server');

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="attendance-mode">
            {t('settings.mode')}
          </Text>
          <Controller
            control={form.control}
            name="mode"
            render={({ field }) => (
              <SegmentedControl
                aria-labelledby="attendance-mode"
                data={(['daily', 'period'] as const).map((value) => ({
                  value,
                  label: t(`settings.modes.${value}`),
                }))}
                value={field.value}
                onChange={(value) => field.onChange(value as AttendanceMode)}
                fullWidth
                maw={420}
              />
            )}
          />
          <Text size="sm" c="dimmed">
            {t(`settings.modeHelp.${mode}`)}
          </Text>
          {errors.mode ? (
            <Text size="sm" c="red">
              {textOf(errors.mode)}
            </Text>
          ) : null}
        </Stack>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {mode === 'period' ? (
            <Controller
              control={form.control}
              name="periodsPerDay"
              render={({ field }) => (
                <NumberInput
                  label={t('settings.periodsPerDay')}
                  min={1}
                  max={20}
                  allowDecimal={false}
                  value={field.value}
                  onChange={(value) => field.onChange(typeof value === 'number' ? value : Number.NaN)}
                  onBlur={field.onBlur}
                  error={textOf(errors.periodsPerDay)}
                />
              )}
            />
          ) : null}
          <TextInput
            type="time"
            label={t('settings.cutoff')}
            {...form.register('cutoffTime')}
            error={textOf(errors.cutoffTime)}
          />
          <Controller
            control={form.control}
            name="chronicThresholdPercent"
            render={({ field }) => (
              <NumberInput
                label={t('settings.threshold')}
                min={1}
                max={100}
                allowDecimal={false}
                value={field.value}
                onChange={(value) => field.onChange(typeof value === 'number' ? value : Number.NaN)}
                onBlur={field.onBlur}
                error={textOf(errors.chronicThresholdPercent)}
              />
            )}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('settings.cutoffHelp', { timeZone: me.institution.timeZone })} {t('settings.thresholdHelp')}
        </Text>
        <Controller
          control={form.control}
          name="weeklyOffDays"
          render={({ field }) => (
            <Checkbox.Group
              label={t('settings.weeklyOffs')}
              description={t('settings.weeklyOffsHelp')}
              value={field.value}
              onChange={(value) => field.onChange(value as Weekday[])}
              error={textOf(errors.weeklyOffDays)}
            >
              <Group gap="md" mt="xs">
                {WEEK_ORDER.map((day) => (
                  <Checkbox key={day} value={day} label={t(`settings.weekdays.${day}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        />
        {unplaced ? <ApiErrorAlert error={save.error} /> : null}
        {saved ? (
          <Text c="green" role="status">
            {t('settings.saved')}
          </Text>
        ) : null}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('settings.save')}
        </Button>
      </Stack>
    </form>
  );
}
