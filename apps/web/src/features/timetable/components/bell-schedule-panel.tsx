import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { SaveTimetableSettings, TimetableSettings } from '@shala/contracts';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import {
  Controller,
  type FieldPath,
  type UseFormReturn,
  useFieldArray,
  useForm,
  useWatch,
} from 'react-hook-form';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useSaveTimetableSettings, useTimetableSettings } from '../api/timetable.api';
import { useTimetableText } from '../i18n';
import { DAY_KEYS } from './timetable-grid';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import type { BellValues } from '../schemas/bell.schema';

const bellResolver = lazyZodResolver(async () => (await import('../schemas/bell.schema')).bellSchema);

/** Monday first, as school timetables are written; the API numbers Sunday 0. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
export type { BellValues };

/** The saved settings as the form's values: all seven weekdays, Monday first, untaught ones empty. */
export function toFormValues(settings: TimetableSettings): BellValues {
  return {
    days: WEEK_ORDER.map((weekday) => {
      const day = settings.days.find((d) => d.weekday === weekday);
      return {
        weekday,
        taught: Boolean(day && day.slots.length > 0),
        slots: (day?.slots ?? []).map((s) => ({
          kind: s.kind,
          label: s.label ?? '',
          start: s.start,
          end: s.end,
        })),
      };
    }),
    maxPeriodsPerDay: settings.maxPeriodsPerDay ?? '',
    maxPeriodsPerWeek: settings.maxPeriodsPerWeek ?? '',
  };
}

/** The PUT body, and for each day sent the form's index of it (the API's `days.<i>` names the day sent). */
export function toRequest(values: BellValues): { body: SaveTimetableSettings; formIndex: number[] } {
  const formIndex: number[] = [];
  const days: SaveTimetableSettings['days'] = [];
  values.days.forEach((d, i) => {
    if (!d.taught) return;
    formIndex.push(i);
    days.push({
      weekday: d.weekday,
      slots: d.slots.map((s) => ({
        kind: s.kind,
        label: s.label.trim() || null,
        start: s.start,
        end: s.end,
      })),
    });
  });
  return {
    body: {
      days,
      maxPeriodsPerDay: values.maxPeriodsPerDay === '' ? null : values.maxPeriodsPerDay,
      maxPeriodsPerWeek: values.maxPeriodsPerWeek === '' ? null : values.maxPeriodsPerWeek,
    },
    formIndex,
  };
}

/** An API detail's field (`days.0.slots.2.end`) as the form's field of the same day. */
export function formField(field: string, formIndex: number[]): string {
  const m = /^days\.(\d+)(\..*)?$/.exec(field);
  if (!m) return field;
  const i = formIndex[Number(m[1])];
  return i === undefined ? field : `days.${i}${m[2] ?? ''}`;
}

/** The admin's bell schedule: each weekday's periods and breaks, and the teacher-load limits. */
export function BellSchedulePanel() {
  const settings = useTimetableSettings();
  if (settings.isPending)
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  if (settings.isError) return <ApiErrorAlert error={settings.error} />;
  return <BellScheduleForm settings={settings.data} />;
}

export function BellScheduleForm({ settings }: { settings: TimetableSettings }) {
  const t = useTimetableText();
  const save = useSaveTimetableSettings();
  const [saved, setSaved] = useState(false);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const form = useForm<BellValues>({
    resolver: bellResolver,
    defaultValues: toFormValues(settings),
  });
  const onSubmit = form.handleSubmit((values) => {
    setSaved(false);
    setUnplaced([]);
    const { body, formIndex } = toRequest(values);
    save.mutate(body, {
      onSuccess: (data) => {
        form.reset(toFormValues(data));
        setSaved(true);
      },
      onError: (error) => {
        const problem = toApiProblem(error);
        const rest: string[] = [];
        for (const d of problem.details) {
          const field = formField(d.field ?? '', formIndex);
          if (/^days\.\d+\.slots\.\d+\.(start|end|label|kind)$|^maxPeriodsPer(Day|Week)$/.test(field))
            form.setError(field as FieldPath<BellValues>, { type: 'server', message: d.message });
          else if (/^days\.\d+\.slots$/.test(field))
            form.setError(`${field}.root` as FieldPath<BellValues>, { type: 'server', message: d.message });
          else rest.push(d.message);
        }
        setUnplaced(problem.details.length === 0 ? [problem.message ?? String(problem.status)] : rest);
      },
    });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={820}>
        <Text size="sm" c="dimmed">
          {t('bell.intro')}
        </Text>
        {WEEK_ORDER.map((weekday, index) => (
          <DayCard key={weekday} form={form} index={index} weekday={weekday} />
        ))}
        <Group gap="sm" align="flex-start" wrap="wrap">
          <Controller
            control={form.control}
            name="maxPeriodsPerDay"
            render={({ field, fieldState }) => (
              <NumberInput
                label={t('bell.maxPerDay')}
                description={t('bell.noLimit')}
                min={1}
                max={20}
                allowDecimal={false}
                value={field.value}
                onChange={(v) => field.onChange(typeof v === 'number' ? v : '')}
                error={errorText(t, fieldState.error?.message)}
                style={{ flex: '1 1 12rem' }}
              />
            )}
          />
          <Controller
            control={form.control}
            name="maxPeriodsPerWeek"
            render={({ field, fieldState }) => (
              <NumberInput
                label={t('bell.maxPerWeek')}
                description={t('bell.noLimit')}
                min={1}
                max={140}
                allowDecimal={false}
                value={field.value}
                onChange={(v) => field.onChange(typeof v === 'number' ? v : '')}
                error={errorText(t, fieldState.error?.message)}
                style={{ flex: '1 1 12rem' }}
              />
            )}
          />
        </Group>
        {unplaced.length > 0 ? (
          <Alert color="red" variant="light" role="alert">
            {unplaced.join(' ')}
          </Alert>
        ) : null}
        {saved ? (
          <Text size="sm" c="teal" role="status">
            {t('saved')}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('bell.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type T = ReturnType<typeof useTimetableText>;
/** Zod messages are this feature's keys; the API's messages are shown as they come. */
const errorText = (t: T, message: string | undefined) =>
  message ? (message.startsWith('bell.errors.') ? t(message as 'bell.errors.time') : message) : null;

function DayCard({
  form,
  index,
  weekday,
}: {
  form: UseFormReturn<BellValues>;
  index: number;
  weekday: number;
}) {
  const t = useTimetableText();
  const slots = useFieldArray({ control: form.control, name: `days.${index}.slots` });
  const taught = useWatch({ control: form.control, name: `days.${index}.taught` });
  const dayName = t(DAY_KEYS[weekday]!);
  const dayError = form.formState.errors.days?.[index]?.slots?.root?.message;
  const add = (kind: 'period' | 'break') => {
    const last = form.getValues(`days.${index}.slots`).at(-1);
    slots.append({ kind, label: '', start: last?.end ?? '08:00', end: last?.end ?? '08:40' });
  };
  return (
    <Card withBorder padding="sm" component="fieldset" aria-label={dayName} style={{ margin: 0 }}>
      <Stack gap="xs">
        <Controller
          control={form.control}
          name={`days.${index}.taught`}
          render={({ field }) => (
            <Checkbox
              label={<Text fw={600}>{dayName}</Text>}
              checked={field.value}
              onChange={(e) => {
                field.onChange(e.currentTarget.checked);
                if (e.currentTarget.checked && slots.fields.length === 0) add('period');
              }}
            />
          )}
        />
        {taught ? (
          <>
            {slots.fields.map((slot, j) => (
              <Group
                key={slot.id}
                gap="xs"
                align="flex-start"
                wrap="wrap"
                p={6}
                style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }}
              >
                <Controller
                  control={form.control}
                  name={`days.${index}.slots.${j}.kind`}
                  render={({ field }) => (
                    <Select
                      aria-label={t('bell.kind')}
                      data={[
                        { value: 'period', label: t('bell.period') },
                        { value: 'break', label: t('bell.break') },
                      ]}
                      value={field.value}
                      onChange={(v) => v && field.onChange(v)}
                      allowDeselect={false}
                      w={110}
                    />
                  )}
                />
                <TextInput
                  aria-label={t('bell.start', { day: dayName, n: j + 1 })}
                  type="time"
                  {...form.register(`days.${index}.slots.${j}.start`)}
                  error={errorText(t, form.formState.errors.days?.[index]?.slots?.[j]?.start?.message)}
                  w={150}
                />
                <TextInput
                  aria-label={t('bell.end', { day: dayName, n: j + 1 })}
                  type="time"
                  {...form.register(`days.${index}.slots.${j}.end`)}
                  error={errorText(t, form.formState.errors.days?.[index]?.slots?.[j]?.end?.message)}
                  w={150}
                />
                <TextInput
                  aria-label={t('bell.label')}
                  placeholder={t('bell.label')}
                  {...form.register(`days.${index}.slots.${j}.label`)}
                  error={errorText(t, form.formState.errors.days?.[index]?.slots?.[j]?.label?.message)}
                  style={{ flex: '1 1 8rem' }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('bell.remove', { day: dayName, n: j + 1 })}
                  onClick={() => slots.remove(j)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {dayError ? (
              <Text size="sm" c="red" role="alert">
                {dayError}
              </Text>
            ) : null}
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={() => add('period')}>
                {t('bell.addPeriod')}
              </Button>
              <Button size="xs" variant="default" onClick={() => add('break')}>
                {t('bell.addBreak')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
