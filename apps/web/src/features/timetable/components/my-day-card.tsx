import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { MyDay } from '@shala/contracts';
import { Link } from 'react-router';
import { useTimetableText } from '../i18n';

/**
 * The register of a period: the attendance page opens on its section, date, period and subject. A period
 * covered for an absent colleague says so (`cover=1`): the page then offers that section, which is not the
 * substitute's own.
 */
export const registerLink = (day: MyDay, p: MyDay['periods'][number]) =>
  `/attendance?${new URLSearchParams({
    tab: 'mark',
    section: p.sectionId,
    date: day.date,
    period: String(p.period),
    subject: p.subjectId,
    ...(p.substitutionId ? { cover: '1' } : {}),
  }).toString()}`;

/** "My timetable today" on the teacher's dashboard: each period, one tap to its register. */
export function MyDayCard({ day }: { day: MyDay }) {
  const t = useTimetableText();
  return (
    <Card component="section" aria-label={t('myDay.heading')} data-testid="card-my-day" padding="md">
      <Stack gap={6}>
        <Text size="sm" c="dimmed" fw={500}>
          {t('myDay.heading')}
        </Text>
        {!day.workingDay ? (
          <Text size="sm" c="dimmed">
            {t('myDay.noSchool')}
          </Text>
        ) : day.periods.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('myDay.none')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {day.periods.map((p) => (
              <li key={`${p.period}/${p.sectionId}`}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Stack gap={0} miw={0}>
                    <Text size="sm" fw={600}>
                      {t('myDay.lesson', {
                        start: p.start ?? t('period', { period: p.period }),
                        subject: p.subjectName,
                        section: p.sectionName,
                      })}
                    </Text>
                    <Group gap={6}>
                      {p.room ? (
                        <Text size="xs" c="dimmed">
                          {t('myDay.room', { room: p.room })}
                        </Text>
                      ) : null}
                      {p.substitutionId ? (
                        <Badge size="xs" variant="light">
                          {t('myDay.covering')}
                        </Badge>
                      ) : null}
                      {p.coveredBy ? (
                        <Text size="xs" c="dimmed">
                          {t('myDay.coveredBy', { name: p.coveredBy })}
                        </Text>
                      ) : null}
                    </Group>
                  </Stack>
                  {day.periodAttendance && !p.coveredBy ? (
                    <Anchor component={Link} size="sm" to={registerLink(day, p)}>
                      {t('myDay.register')}
                    </Anchor>
                  ) : null}
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
