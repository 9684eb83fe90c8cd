import {
  Button,
  Card,
  Center,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useAcademicYears } from '../../academics/hooks/use-academics';
import type { Holiday } from '@shala/contracts';
import { useAddHoliday, useHolidays, useRemoveHoliday } from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { formatSchoolDate, schoolToday, weekdayName } from '../../../app/school-date';
import { useFieldError } from '../../../app/forms/field-error';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import type { HolidayValues } from '../schemas/holiday.schema';

const holidayResolver = lazyZodResolver(
  async () => (await import('../schemas/holiday.schema')).holidaySchema,
);

const HOLIDAY_FIELDS = ['date', 'name'] as const;

/**
 * The holidays of the current academic year (the calendar year when there is none, or it cannot be
 * read): upcoming first, add with a name, remove after a confirmation.
 */
export function HolidayCalendar() {
  const t = useAttendanceText();
  const me = useCurrentUser();
  const today = schoolToday(me.institution.timeZone);
  const years = useAcademicYears();
  const current = years.data?.find((y) => y.current);
  const range = current
    ? { from: current.startsOn, to: current.endsOn }
    : { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
  const waitingForYear = years.isPending;

  return (
    <Card withBorder component="section" aria-labelledby="attendance-holidays">
      <Title order={2} size="h4" id="attendance-holidays" mb={4}>
        {t('settings.holidays.title')}
      </Title>
      {waitingForYear ? (
        <Center py="md" role="status">
          <Loader size="sm" />
        </Center>
      ) : (
        <HolidayList key={`${range.from}:${range.to}`} from={range.from} to={range.to} today={today} />
      )}
    </Card>
  );
}

function HolidayList({ from, to, today }: { from: string; to: string; today: string }) {
  const t = useAttendanceText();
  const holidays = useHolidays(from, to);
  const remove = useRemoveHoliday();
  const [show, setShow] = useState<'upcoming' | 'all'>('upcoming');
  const [removing, setRemoving] = useState<Holiday | null>(null);
  const [removed, setRemoved] = useState(false);

  const all = holidays.data ?? [];
  const shown = show === 'upcoming' ? all.filter((h) => h.date >= today) : all;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('settings.holidays.help', { from: formatSchoolDate(from), to: formatSchoolDate(to) })}
      </Text>
      <AddHolidayForm from={from} to={to} />
      <Group justify="space-between" align="center" gap="xs">
        <Title order={3} size="h5" id="holiday-list">
          {t('settings.holidays.list')}
        </Title>
        <SegmentedControl
          size="xs"
          aria-label={t('settings.holidays.show')}
          value={show}
          onChange={(value) => setShow(value === 'all' ? 'all' : 'upcoming')}
          data={[
            { value: 'upcoming', label: t('settings.holidays.upcoming') },
            { value: 'all', label: t('settings.holidays.all') },
          ]}
        />
      </Group>
      {removed ? (
        <Text c="green" role="status">
          {t('settings.holidays.removed')}
        </Text>
      ) : null}
      {holidays.isPending ? (
        <Center py="md" role="status">
          <Loader size="sm" />
        </Center>
      ) : holidays.isError ? (
        <ApiErrorAlert error={holidays.error} />
      ) : all.length === 0 ? (
        <EmptyState>{t('settings.holidays.empty')}</EmptyState>
      ) : shown.length === 0 ? (
        <Text c="dimmed">{t('settings.holidays.noneUpcoming')}</Text>
      ) : (
        <Stack
          gap={6}
          component="ul"
          aria-labelledby="holiday-list"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
        >
          {shown.map((h) => (
            <Paper key={h.id} withBorder p="xs" component="li" data-testid="holiday">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} miw={0}>
                  <Text fw={600} truncate>
                    {h.name}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {weekdayName(h.date)}, {formatSchoolDate(h.date)}
                  </Text>
                </Stack>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('settings.holidays.removeLabel', {
                    name: h.name,
                    date: formatSchoolDate(h.date),
                  })}
                  onClick={() => {
                    remove.reset();
                    setRemoved(false);
                    setRemoving(h);
                  }}
                >
                  {t('settings.holidays.remove')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <ConfirmModal
        opened={removing !== null}
        title={t('settings.holidays.removeTitle')}
        confirmLabel={t('settings.holidays.remove')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              setRemoving(null);
              setRemoved(true);
            },
          })
        }
      >
        {removing
          ? t('settings.holidays.removeBody', {
              date: `${weekdayName(removing.date)} ${formatSchoolDate(removing.date)}`,
              name: removing.name,
            })
          : ''}
      </ConfirmModal>
    </Stack>
  );
}

function AddHolidayForm({ from, to }: { from: string; to: string }) {
  const t = useAttendanceText();
  const textOf = useFieldError('attendance');
  const add = useAddHoliday();
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm<HolidayValues>({
    resolver: holidayResolver,
    defaultValues: { date: '', name: '' },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    setAdded(null);
    add.mutate(
      { date: values.date, name: values.name.trim() },
      {
        onSuccess: (holiday) => {
          setAdded(holiday.name);
          form.reset({ date: '', name: '' });
        },
        onError: (error) => applyServerFieldErrors(error, HOLIDAY_FIELDS, form.setError),
      },
    );
  });
  const unplaced = add.isError && !HOLIDAY_FIELDS.some((field) => errors[field]?.type === 'server');

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-label={t('settings.holidays.add')}>
      <Stack gap="xs">
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput
            type="date"
            label={t('settings.holidays.date')}
            min={from}
            max={to}
            required
            {...form.register('date')}
            error={textOf(errors.date)}
            style={{ flex: '1 1 10rem' }}
          />
          <TextInput
            label={t('settings.holidays.name')}
            required
            maxLength={100}
            {...form.register('name')}
            error={textOf(errors.name)}
            style={{ flex: '2 1 12rem' }}
          />
        </Group>
        {unplaced ? <ApiErrorAlert error={add.error} /> : null}
        {added ? (
          <Text c="green" role="status">
            {t('settings.holidays.added', { name: added })}
          </Text>
        ) : null}
        <Button type="submit" w="fit-content" loading={add.isPending}>
          {t('settings.holidays.add')}
        </Button>
      </Stack>
    </form>
  );
}
