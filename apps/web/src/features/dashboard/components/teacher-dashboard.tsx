import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TeacherDashboard as TeacherView } from '@shala/contracts';
import { Link } from 'react-router';
import { useDashboard } from '../hooks/use-dashboards';
import { useDashboardText } from '../i18n';
import { DashboardQuery } from './dashboard-query';
import { StatCard } from './stat-card';

/** A teacher's sections with today's marking state (one tap to the register) and leave to decide. */
export function TeacherDashboard() {
  const query = useDashboard('teacher');
  return <DashboardQuery query={query}>{(d) => <TeacherCards d={d} />}</DashboardQuery>;
}

export function TeacherCards({ d }: { d: TeacherView }) {
  const t = useDashboardText();
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('teacher.heading')}
      </Title>
      {d.sections.length === 0 ? <Text c="dimmed">{t('teacher.noSections')}</Text> : null}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {d.sections.map((s) => (
          <Card key={s.sectionId} component="section" aria-label={`${s.className} ${s.sectionName}`}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>
                  {s.className} {s.sectionName}
                </Text>
                <Badge color={s.marked ? 'teal' : 'orange'} variant="light">
                  {s.marked ? `${s.percent ?? 0}%` : t('teacher.notMarked')}
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
                  to="/attendance?tab=mark"
                  size="sm"
                  variant={s.marked ? 'light' : 'filled'}
                >
                  {t('teacher.mark')}
                </Button>
              ) : null}
            </Stack>
          </Card>
        ))}
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
