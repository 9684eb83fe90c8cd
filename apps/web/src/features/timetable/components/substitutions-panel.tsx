import { Button, Card, Center, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import type { AbsentTeacherPeriod } from '@shala/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { schoolToday } from '../../../app/school-date';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useTeachers } from '../../academics/hooks/use-academics';
import {
  useCancelSubstitution,
  useConfirmSubstitution,
  useSubstitutionProposals,
} from '../api/timetable.api';
import { useTimetableText } from '../i18n';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a failed confirm or cancel says on its row: the API's field details, else its message. */
export function rowError(error: unknown): string {
  const problem = toApiProblem(error);
  return (
    problem.details.map((d) => d.message).join('; ') || problem.message || `HTTP ${problem.status || '?'}`
  );
}

/**
 * Substitutions (issue 16): the admin picks a date and an absent teacher, sees each of their periods with
 * the free colleagues (fewest periods that day first), confirms one per period or cancels a confirmed one.
 */
export function SubstitutionsPanel() {
  const t = useTimetableText();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const today = schoolToday(me.institution.timeZone);
  const asked = params.get('date');
  const date = asked && DATE.test(asked) ? asked : today;
  const teacherId = params.get('absent');
  const teachers = useTeachers();
  const proposal = useSubstitutionProposals(teacherId, date);
  const set = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return (
    <Stack gap="md">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          type="date"
          label={t('subs.date')}
          value={date}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (DATE.test(value)) set('date', value);
          }}
          style={{ flex: '0 1 11rem' }}
        />
        <Select
          label={t('subs.absentTeacher')}
          data={(teachers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          value={teacherId}
          onChange={(v) => set('absent', v)}
          searchable
          style={{ flex: '1 1 14rem' }}
          maw={320}
        />
      </Group>
      {!teacherId ? (
        <EmptyState>{t('subs.pickTeacher')}</EmptyState>
      ) : proposal.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : proposal.isError ? (
        <ApiErrorAlert error={proposal.error} />
      ) : proposal.data.periods.length === 0 ? (
        <EmptyState>{t('subs.noLessons')}</EmptyState>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {proposal.data.periods.map((p) => (
            <li key={`${p.period}/${p.sectionId}`}>
              <PeriodRow date={date} absentTeacherUserId={teacherId} slot={p} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** One period of the absent teacher: its confirmed substitute, or a choice of free colleagues. */
export function PeriodRow({
  date,
  absentTeacherUserId,
  slot,
}: {
  date: string;
  absentTeacherUserId: string;
  slot: AbsentTeacherPeriod;
}) {
  const t = useTimetableText();
  const confirm = useConfirmSubstitution();
  const cancel = useCancelSubstitution();
  const [chosen, setChosen] = useState<string | null>(slot.candidates[0]?.userId ?? null);
  const [error, setError] = useState<string | null>(null);
  const title = t('subs.periodLine', {
    period: slot.period,
    subject: slot.subjectName,
    section: slot.sectionName,
  });
  const options = slot.candidates.map((c) => ({
    value: c.userId,
    label: t('subs.candidate', { name: c.name, count: c.periodsThatDay }),
  }));
  return (
    <Card withBorder padding="sm" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} size="sm">
            {title}
          </Text>
          {slot.substitution ? (
            <Text size="sm" c="teal.8" fw={600}>
              {t('subs.coveredBy', { name: slot.substitution.substituteName })}
            </Text>
          ) : null}
        </Group>
        {slot.substitution ? (
          <Group>
            <Button
              variant="default"
              size="xs"
              loading={cancel.isPending}
              onClick={() => {
                setError(null);
                cancel.mutate(slot.substitution!.id, { onError: (e) => setError(rowError(e)) });
              }}
            >
              {t('subs.cancel')}
            </Button>
          </Group>
        ) : slot.candidates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('subs.nobodyFree')}
          </Text>
        ) : (
          <Group align="flex-end" gap="xs" wrap="wrap">
            <Select
              label={t('subs.substitute')}
              data={options}
              value={chosen}
              onChange={setChosen}
              allowDeselect={false}
              error={error}
              style={{ flex: '1 1 16rem' }}
              maw={440}
            />
            <Button
              size="sm"
              disabled={!chosen}
              loading={confirm.isPending}
              onClick={() => {
                if (!chosen) return;
                setError(null);
                confirm.mutate(
                  { date, absentTeacherUserId, period: slot.period, substituteUserId: chosen },
                  { onError: (e) => setError(rowError(e)) },
                );
              }}
            >
              {t('subs.confirm')}
            </Button>
          </Group>
        )}
        {error && slot.substitution ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
