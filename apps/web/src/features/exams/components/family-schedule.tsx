import { Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { StudentSittingView } from '@shala/contracts';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ResponsiveList } from '../../../app/components/responsive-list';
import { formatSchoolDate, schoolToday } from '../../../app/school-date';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useDownloadHallTickets, useStudentSchedule } from '../hooks/use-exams';
import { useExamsText } from '../i18n';

/** The sittings from `today` on, grouped by assessment in the API's order (by date). */
export function upcomingByAssessment(items: StudentSittingView[], today: string) {
  const groups = new Map<string, { assessmentId: string; name: string; sittings: StudentSittingView[] }>();
  for (const sitting of items) {
    if (sitting.sitsOn < today) continue;
    const group = groups.get(sitting.assessmentId) ?? {
      assessmentId: sitting.assessmentId,
      name: sitting.assessmentName,
      sittings: [],
    };
    group.sittings.push(sitting);
    groups.set(sitting.assessmentId, group);
  }
  return [...groups.values()];
}

/** Parents and students: the child's upcoming exam sittings, with a hall ticket per assessment. */
export function FamilySchedule({ studentId }: { studentId: string }) {
  const t = useExamsText();
  const me = useCurrentUser();
  const schedule = useStudentSchedule(studentId);
  const download = useDownloadHallTickets();
  const today = schoolToday(me.institution.timeZone);
  const time = (s: StudentSittingView) => (
    <span style={{ whiteSpace: 'nowrap' }}>
      {t('schedule.timeRange', { from: s.startsAt, to: s.endsAt })}
    </span>
  );
  const groups = schedule.data ? upcomingByAssessment(schedule.data.items, today) : [];

  return (
    <Card withBorder padding="md" data-testid="family-schedule">
      <Title order={2} size="h4" mb="xs">
        {t('family.schedule')}
      </Title>
      {schedule.isPending ? (
        <Center py="md" role="status">
          <Loader size="sm" />
        </Center>
      ) : schedule.isError ? (
        <ApiErrorAlert error={schedule.error} />
      ) : groups.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('family.scheduleEmpty')}
        </Text>
      ) : (
        <Stack gap="md">
          {groups.map((group) => (
            <Stack key={group.assessmentId} gap={4} data-testid="family-schedule-assessment">
              <Group justify="space-between" gap="sm">
                <Text fw={500}>{group.name}</Text>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconDownload size={16} aria-hidden />}
                  aria-label={t('family.hallTicketFor', { assessment: group.name })}
                  loading={
                    download.isPending &&
                    download.variables !== undefined &&
                    download.variables.assessmentId === group.assessmentId
                  }
                  onClick={() => download.mutate({ assessmentId: group.assessmentId, studentId })}
                >
                  {t('family.hallTicket')}
                </Button>
              </Group>
              <ResponsiveList
                label={`${t('family.schedule')}: ${group.name}`}
                rows={group.sittings}
                rowKey={(s) => s.id}
                phoneItems="divided"
                compact
                tableProps={{ fz: 'sm', verticalSpacing: 4 }}
                rowProps={() => ({ 'data-testid': 'family-sitting' })}
                columns={[
                  {
                    key: 'date',
                    header: t('schedule.date'),
                    cell: (s) => <span style={{ whiteSpace: 'nowrap' }}>{formatSchoolDate(s.sitsOn)}</span>,
                  },
                  { key: 'time', header: t('schedule.time'), cell: time },
                  { key: 'subject', header: t('schedule.subject'), cell: (s) => s.subject },
                  { key: 'room', header: t('schedule.room'), cell: (s) => s.room },
                ]}
                card={(s) => (
                  <Stack gap={0}>
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Text size="sm" fw={500} miw={0}>
                        {s.subject}
                      </Text>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatSchoolDate(s.sitsOn)}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {time(s)} · {s.room}
                    </Text>
                  </Stack>
                )}
              />
            </Stack>
          ))}
          {download.error ? <ApiErrorAlert error={download.error} /> : null}
        </Stack>
      )}
    </Card>
  );
}
