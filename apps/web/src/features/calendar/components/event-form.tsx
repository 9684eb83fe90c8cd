import {
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Textarea,
} from '@mantine/core';
import {
  CALENDAR_EVENT_TYPES,
  type CalendarEventInput,
  type CalendarEventType,
  type CalendarItemView,
} from '@shala/contracts';
import { Controller, useForm } from 'react-hook-form';
import { FormModal } from '../../../app/components/form-modal';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useClasses } from '../../academics/hooks/use-academics';
import { useChangeCalendarEvent, useCreateCalendarEvent } from '../api/calendar.api';
import { useCalendarText } from '../i18n';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import type { EventValues } from '../schemas/event.schema';

const eventResolver = lazyZodResolver(async () => (await import('../schemas/event.schema')).eventSchema);

const FIELDS = [
  'type',
  'title',
  'description',
  'startsOn',
  'endsOn',
  'startTime',
  'endTime',
  'targets',
] as const;

function toInput(v: EventValues): CalendarEventInput {
  return {
    type: v.type,
    title: v.title.trim(),
    description: v.description.trim() || null,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    allDay: v.allDay,
    ...(v.allDay ? {} : { startTime: v.startTime, endTime: v.endTime }),
    audience: v.audience,
    ...(v.audience === 'classes'
      ? {
          targets: v.targets.map((key) => {
            const [kind, classId, sectionId] = key.split(':');
            return { classId: classId!, sectionId: kind === 'section' ? sectionId! : null };
          }),
        }
      : {}),
  };
}

function defaults(item: CalendarItemView | null, date: string): EventValues {
  if (!item)
    return {
      type: 'meeting',
      title: '',
      description: '',
      startsOn: date,
      endsOn: date,
      allDay: true,
      startTime: '09:00',
      endTime: '10:00',
      audience: 'school',
      targets: [],
    };
  return {
    type: item.type,
    title: item.title,
    description: item.description ?? '',
    startsOn: item.startsOn,
    endsOn: item.endsOn,
    allDay: item.allDay,
    startTime: item.startTime ?? '09:00',
    endTime: item.endTime ?? '10:00',
    audience: item.audience,
    targets: item.targets.map((x) =>
      x.sectionId ? `section:${x.classId}:${x.sectionId}` : `class:${x.classId}`,
    ),
  };
}

/** Adds an event (item null) or changes one, in a modal; API field errors land next to their fields. */
export function EventFormModal({
  item,
  date,
  onClose,
}: {
  item: CalendarItemView | null;
  date: string;
  onClose: () => void;
}) {
  const t = useCalendarText();
  const err = useFieldError('calendar');
  const create = useCreateCalendarEvent();
  const change = useChangeCalendarEvent();
  const save = item ? change : create;
  const classes = useClasses();
  const form = useForm<EventValues>({
    resolver: eventResolver,
    defaultValues: defaults(item, date),
  });
  const errors = form.formState.errors;
  const allDay = form.watch('allDay');
  const audience = form.watch('audience');
  const targetOptions = (classes.data ?? []).map((c) => ({
    group: c.name,
    items: [
      { value: `class:${c.id}`, label: t('form.wholeClass', { name: c.name }) },
      ...c.sections.map((s) => ({ value: `section:${c.id}:${s.id}`, label: `${c.name} ${s.name}` })),
    ],
  }));

  const submit = form.handleSubmit((values) => {
    const body = toInput(values);
    const done = {
      onSuccess: onClose,
      onError: (error: unknown) => applyServerFieldErrors(error, FIELDS, form.setError),
    };
    if (item) change.mutate({ id: item.id, body }, done);
    else create.mutate(body, done);
  });

  return (
    <FormModal
      onClose={onClose}
      title={item ? t('form.editTitle') : t('form.addTitle')}
      onSubmit={submit}
      submitLabel={t('form.save')}
      busy={save.isPending}
      error={save.error}
      size="lg"
    >
      <Stack gap="sm">
        <Controller
          control={form.control}
          name="type"
          render={({ field }) => (
            <Select
              label={t('form.type')}
              data={CALENDAR_EVENT_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v as CalendarEventType)}
              allowDeselect={false}
              error={err(errors.type)}
            />
          )}
        />
        <TextInput
          label={t('form.title')}
          required
          maxLength={120}
          {...form.register('title')}
          error={err(errors.title)}
        />
        <Textarea
          label={t('form.description')}
          maxLength={2000}
          autosize
          minRows={2}
          {...form.register('description')}
          error={err(errors.description)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            type="date"
            label={t('form.startsOn')}
            required
            {...form.register('startsOn')}
            error={err(errors.startsOn)}
          />
          <TextInput
            type="date"
            label={t('form.endsOn')}
            required
            {...form.register('endsOn')}
            error={err(errors.endsOn)}
          />
        </SimpleGrid>
        <Controller
          control={form.control}
          name="allDay"
          render={({ field }) => (
            <Switch
              label={t('form.allDay')}
              checked={field.value}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
              onBlur={field.onBlur}
            />
          )}
        />
        {!allDay ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              type="time"
              label={t('form.startTime')}
              required
              {...form.register('startTime')}
              error={err(errors.startTime)}
            />
            <TextInput
              type="time"
              label={t('form.endTime')}
              required
              {...form.register('endTime')}
              error={err(errors.endTime)}
            />
          </SimpleGrid>
        ) : null}
        <Controller
          control={form.control}
          name="audience"
          render={({ field }) => (
            <Stack gap={4}>
              <span
                id="calendar-audience-label"
                style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500 }}
              >
                {t('form.audience')}
              </span>
              <SegmentedControl
                aria-labelledby="calendar-audience-label"
                value={field.value}
                onChange={(v) => field.onChange(v as EventValues['audience'])}
                data={[
                  { value: 'school', label: t('form.audiences.school') },
                  { value: 'classes', label: t('form.audiences.classes') },
                ]}
                fullWidth
              />
            </Stack>
          )}
        />
        {audience === 'classes' ? (
          <Controller
            control={form.control}
            name="targets"
            render={({ field }) => (
              <MultiSelect
                label={t('form.targets')}
                description={t('form.targetsHint')}
                data={targetOptions}
                value={field.value}
                onChange={field.onChange}
                searchable
                error={err(errors.targets)}
              />
            )}
          />
        ) : null}
      </Stack>
    </FormModal>
  );
}
