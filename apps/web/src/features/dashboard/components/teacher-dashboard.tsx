import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TeacherDashboard as TeacherView } from '@shala/contracts';
import { Link } from 'react-router';
import { MyDayCard } from '../../timetable/components/my-day-card';
import { useDashboard } from '../hooks/use-dashboards';
import { useDashboardText } from '../i18n';
import { DashboardQuery } from './dashboard-query';
import { StatCard } from './stat-card';

/** A teacher's sections with today's marking state (one tap to the register) and leave to decide. */
export function TeacherDashboard() {
  const query = useDashboard('teacher');
  return <DashboardQuery query={query}>{(d) => <TeacherCards d={d} />}</DashboardQuery>;
}

/** Marks sheets whose exam is over and that are not submitted, each one tap from its grid. */
function MarksPendingCard({ items }: { items: TeacherView['marksPending'] }) {
  const t = useDashboardText();
  return (
    <Card
      component="section"
      aria-label={t('teacher.marksPending')}
      data-testid="card-marks-pending"
      padding="md"
    >
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {t('teacher.marksPending')}
        </Text>
        <Text fz={32} fw={700} lh={1.1}>
          {items.length}
        </Text>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('teacher.marksNone')}
          </Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.slice(0, 5).map((m) => (
              <li key={`${m.paperId}/${m.sectionId}`}>
                <Anchor
                  component={Link}
                  size="sm"
                  to={`/exams?tab=marks&assessment=${encodeURIComponent(m.assessmentId)}&subject=${encodeURIComponent(m.subjectId)}&section=${encodeURIComponent(m.sectionId)}`}
                >
                  {t(m.status === 'entered' ? 'teacher.marksToSubmit' : 'teacher.marksToEnter', {
                    subject: m.subjectName,
                    section: m.sectionName,
                    assessment: m.assessmentName,
                  })}
                </Anchor>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function TeacherCards({ d }: { d: TeacherView }) {
  const t = useDashboardText();
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('teacher.heading')}
      </Title>
      {d.sections.length === 0 ? <Text c="dimmed">{t('teacher.noSections')}</Text> : null}
      {!d.workingDay && d.sections.length > 0 ? (
        <Text c="dimmed">
          {d.nonWorkingReason
            ? t('teacher.noSchoolBecause', { reason: d.nonWorkingReason })
            : t('teacher.noSchool')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {d.sections.map((s) => (
          <Card key={s.sectionId} component="section" aria-label={`${s.className} ${s.sectionName}`}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>
                  {s.className} {s.sectionName}
                </Text>
                <Badge color={!d.workingDay ? 'gray' : s.marked ? 'teal' : 'orange'} variant="light">
                  {!d.workingDay
                    ? t('teacher.noSchool')
                    : s.marked
                      ? `${s.percent ?? 0}%`
                      : t('teacher.notMarked')}
                </Badge>
              </Group>
              {s.marked ? (
                <Text size="sm" c="dimmed">
                  {t('teacher.marked', { present: s.present, total: s.total })}
                </Text>
              ) : null}
              {d.workingDay ? (
                <Button
                  component={Link}
                  to={`/attendance?tab=mark&section=${encodeURIComponent(s.sectionId)}`}
                  size="sm"
                  variant={s.marked ? 'light' : 'filled'}
                >
                  {t('teacher.mark')}
                </Button>
              ) : null}
            </Stack>
          </Card>
        ))}
        <MyDayCard day={d.timetable} />
        <MarksPendingCard items={d.marksPending} />
        <StatCard
          testId="card-teacher-leave"
          label={t('teacher.leave')}
          value={String(d.pendingLeave)}
          to="/attendance?tab=approvals"
        />
      </SimpleGrid>
    </Stack>
  );
}
