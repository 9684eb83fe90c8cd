import { Box, Center, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useStudents } from '../../students/hooks/use-students';
import { MARK_STATUSES, type MarkStatus, type StudentCalendar } from '@shala/contracts';
import { useStudentCalendar } from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { formatSchoolDate, monthRange, schoolToday } from '../../../app/school-date';
import { STATUS_COLOR } from './register-editor';
import { childLabel } from './child-label';
import { intlLocale } from '../../../app/i18n/language';

/** Monday to Sunday, short, in the current language (1 January 2024 was a Monday). */
function weekdayNames(): string[] {
  const format = new Intl.DateTimeFormat(intlLocale(), { weekday: 'short', timeZone: 'UTC' });
  return [1, 2, 3, 4, 5, 6, 7].map((d) => format.format(new Date(Date.UTC(2024, 0, d))));
}

/**
 * The family's month calendar: a parent's per child, a student's own. Colour and letter per day, a legend,
 * and the percentage with the days it is made of.
 */
export function CalendarPanel({ self = false }: { self?: boolean }) {
  const t = useAttendanceText();
  const me = useCurrentUser();
  const today = schoolToday(me.institution.timeZone);
  const children = useStudents({});
  const kids = children.data?.pages.flatMap((p) => p.items) ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const studentId = chosen ?? kids[0]?.id ?? null;
  const [month, setMonth] = useState(today.slice(0, 7));
  const { from, to } = monthRange(month);
  const calendar = useStudentCalendar(studentId, from, to);

  if (children.isPending) {
    return (
      <Center py="md" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  if (children.isError) return <ApiErrorAlert error={children.error} />;
  if (kids.length === 0)
    return <EmptyState>{self ? t('calendar.noRecord') : t('calendar.noChildren')}</EmptyState>;

  const byDate = new Map((calendar.data?.days ?? []).map((d) => [d.date, d]));
  const lastDay = Number(to.slice(8));
  const firstWeekday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;

  return (
    <Stack gap="md" maw={560}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        {kids.length > 1 || !self ? (
          <Select
            label={t('calendar.child')}
            data={kids.map((k) => ({ value: k.id, label: childLabel(k) }))}
            value={studentId}
            onChange={setChosen}
            allowDeselect={false}
            style={{ flex: '1 1 12rem', minWidth: 0 }}
          />
        ) : null}
        <TextInput
          type="month"
          label={t('calendar.month')}
          value={month}
          max={today.slice(0, 7)}
          onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
          style={{ flex: '1 1 9rem' }}
        />
      </Group>
      {calendar.isPending ? (
        <Center py="md" role="status">
          <Loader size="sm" />
        </Center>
      ) : calendar.isError ? (
        <ApiErrorAlert error={calendar.error} />
      ) : (
        <>
          <Headline summary={calendar.data.summary} days={calendar.data.days} today={today} />
          <SimpleGrid
            cols={7}
            spacing={4}
            role="grid"
            aria-label={formatSchoolDate(from).replace(/^\d+ /, '')}
          >
            {weekdayNames().map((d) => (
              <Text key={d} size="xs" c="dimmed" ta="center" role="columnheader">
                {d}
              </Text>
            ))}
            {Array.from({ length: firstWeekday }, (_, i) => (
              <Box key={`blank-${i}`} />
            ))}
            {Array.from({ length: lastDay }, (_, i) => {
              const date = `${month}-${String(i + 1).padStart(2, '0')}`;
              const day = byDate.get(date);
              const status = day?.status ?? null;
              const later = date > today;
              // Approved leave on a day not marked yet shows as excused-to-be, said in words.
              const onLeave = day?.onLeave ?? false;
              const shade = status ?? (onLeave ? 'excused' : null);
              const state = status
                ? t(`status.${status}`)
                : onLeave
                  ? ''
                  : later
                    ? t('calendar.later')
                    : t('status.unmarked');
              const label = `${formatSchoolDate(date)}: ${[state, onLeave ? t('calendar.onLeave') : '']
                .filter(Boolean)
                .join(', ')}`;
              return (
                <Box
                  key={date}
                  role="gridcell"
                  aria-label={label}
                  title={label}
                  data-testid="calendar-day"
                  data-status={status ?? (onLeave ? 'leave' : later ? 'later' : 'unmarked')}
                  p={4}
                  ta="center"
                  style={{
                    borderRadius: 6,
                    minHeight: 44,
                    background: shade ? `var(--mantine-color-${STATUS_COLOR[shade]}-light)` : undefined,
                    border: '1px solid var(--mantine-color-default-border)',
                  }}
                >
                  <Text size="xs">{i + 1}</Text>
                  <Text size="sm" fw={700} c={shade ? STATUS_COLOR[shade] : 'dimmed'} aria-hidden>
                    {shade ? t(`short.${shade}`) : ''}
                  </Text>
                </Box>
              );
            })}
          </SimpleGrid>
          <Stack gap={4} component="section" aria-labelledby="calendar-legend">
            <Title order={3} size="h6" id="calendar-legend">
              {t('calendar.legend')}
            </Title>
            <Group gap="sm">
              {MARK_STATUSES.map((s: MarkStatus) => (
                <Group key={s} gap={4}>
                  <Box
                    w={14}
                    h={14}
                    style={{ borderRadius: 3, background: `var(--mantine-color-${STATUS_COLOR[s]}-light)` }}
                    aria-hidden
                  />
                  <Text size="sm">
                    {t(`short.${s}`)} = {t(`status.${s}`)}
                  </Text>
                </Group>
              ))}
            </Group>
          </Stack>
        </>
      )}
    </Stack>
  );
}

/**
 * "83.3% attendance (2.5 of 3 days present)": the figure and the very days it is made of, then what was
 * left out (excused days, working days not marked yet), so the sentence always agrees with itself.
 */
function Headline({
  summary,
  days,
  today,
}: {
  summary: StudentCalendar['summary'];
  days: StudentCalendar['days'];
  today: string;
}) {
  const t = useAttendanceText();
  const unmarked = days.filter((d) => d.status === null && d.date <= today).length;
  return (
    <Stack gap={2}>
      <Text fw={600} data-testid="calendar-percent">
        {summary.percent === null
          ? t('calendar.noneCounted')
          : t('calendar.percent', {
              percent: summary.percent,
              attended: summary.attendedDays,
              counted: summary.countedDays,
            })}
      </Text>
      <Text size="sm" c="dimmed" data-testid="calendar-basis">
        {t('calendar.basis', { excused: summary.excused, unmarked })}
      </Text>
    </Stack>
  );
}
