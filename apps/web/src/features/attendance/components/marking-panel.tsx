import { Center, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { DefaultRole, Permission } from '@shala/contracts';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { useSubjectAssignments, useSubjects } from '../../academics/hooks/use-academics';
import { useAttendanceSettings, useDaySummary, useRegister } from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { schoolToday } from '../../../app/school-date';
import { clearOtherUsersDrafts, latestDraft, readDraft } from './mark-draft';
import { RegisterEditor } from './register-editor';
import { useMyDay } from '../../timetable/api/timetable.api';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date the register may be opened for: a calendar date not after the school's today. Anything else
 * (typed into the field, or in a shared link) is refused, so nobody marks tomorrow by mistake.
 */
export function markableDate(value: string | null | undefined, today: string): string | null {
  if (!value || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return null;
  return value <= today ? value : null;
}

/**
 * The teacher's marking screen: section, date (never a future one) and period, kept in the address
 * (?section=&date=&period=) so signing in again after an expired session comes back to the same register.
 * Without a section in the address, the newest unsaved draft of this user reopens its register.
 */
export function MarkingPanel() {
  const t = useAttendanceText();
  const me = useCurrentUser();
  const today = schoolToday(me.institution.timeZone);
  const [params, setParams] = useSearchParams();
  const [draft] = useState(() => (params.get('section') ? null : latestDraft(me.institution.id, me.user.id)));
  // Drafts are per user: on a shared device, the signed-in user never meets another's marks.
  useEffect(() => clearOtherUsersDrafts(me.user.id), [me.user.id]);
  const [futureDate, setFutureDate] = useState(false);
  const date = markableDate(params.get('date'), today) ?? markableDate(draft?.date, today) ?? today;
  const sections = useDaySummary(today);
  // Without settings (not readable, or not answered) the school is treated as marking once a day.
  const settings = useAttendanceSettings();
  const periods = settings.data?.mode === 'period' ? Math.max(1, settings.data.periodsPerDay) : 0;
  const askedPeriod = Number(params.get('period') ?? draft?.period ?? 1);
  const period = String(
    Number.isInteger(askedPeriod) && askedPeriod >= 1 && askedPeriod <= periods ? askedPeriod : 1,
  );

  // A substitute's link from their day (`cover=1`): the periods they cover that date, in sections not theirs.
  const covering = useMyDay(date, params.get('cover') === '1');
  const covers = covering.data?.periods.filter((p) => p.substitutionId) ?? [];
  const own =
    sections.data?.sections.map((s) => ({ value: s.sectionId, label: `${s.className} ${s.sectionName}` })) ??
    [];
  const options = [
    ...own,
    ...covers
      .filter(
        (c, i) =>
          !own.some((o) => o.value === c.sectionId) &&
          covers.findIndex((d) => d.sectionId === c.sectionId) === i,
      )
      .map((c) => ({ value: c.sectionId, label: c.sectionName })),
  ];
  const asked = params.get('section') ?? draft?.sectionId ?? null;
  const sectionId =
    (asked && options.some((o) => o.value === asked) ? asked : null) ??
    (options.length === 1 ? (options[0]?.value ?? null) : null);
  const sectionLabel = options.find((o) => o.value === sectionId)?.label ?? '';
  const choose = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) next.set(name, value);
        return next;
      },
      { replace: true },
    );

  if (sections.isPending || settings.isPending || (covering.isPending && covering.fetchStatus !== 'idle')) {
    return (
      <Center py="xl" role="status">
        <Loader aria-label={t('marking.register', { section: '' })} />
      </Center>
    );
  }
  if (sections.isError) return <ApiErrorAlert error={sections.error} />;
  if (options.length === 0) return <EmptyState>{t('marking.noSections')}</EmptyState>;

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('marking.section')}
          data={options}
          value={sectionId}
          onChange={(value) => value && choose({ section: value })}
          allowDeselect={false}
          style={{ flex: '1 1 10rem' }}
        />
        <TextInput
          type="date"
          label={t('marking.date')}
          value={date}
          max={today}
          error={futureDate ? t('marking.futureDate') : null}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (!value) return;
            const allowed = markableDate(value, today);
            setFutureDate(allowed === null);
            if (allowed) choose({ date: allowed });
          }}
          style={{ flex: '1 1 9rem' }}
        />
        {periods > 0 ? (
          <Select
            label={t('marking.period')}
            data={Array.from({ length: periods }, (_, i) => String(i + 1))}
            value={period}
            onChange={(value) => value && choose({ period: value })}
            allowDeselect={false}
            style={{ flex: '0 1 6rem' }}
          />
        ) : null}
      </Group>
      {!sectionId ? (
        <Text c="dimmed">{t('marking.pickSection')}</Text>
      ) : periods > 0 ? (
        <PeriodRegister
          key={`${sectionId}:${date}:${period}`}
          sectionId={sectionId}
          date={date}
          period={Number(period)}
          sectionLabel={sectionLabel}
          coverSubjectId={
            covers.find((c) => c.sectionId === sectionId && c.period === Number(period))?.subjectId ?? null
          }
        />
      ) : (
        <RegisterLoader
          key={`${sectionId}:${date}`}
          sectionId={sectionId}
          date={date}
          period={null}
          subjectId={null}
          sectionLabel={sectionLabel}
        />
      )}
    </Stack>
  );
}

/** Roles that reach only their own sections, children or self (the API's AZ-03 scope); others are staff. */
const OWNERSHIP_ROLES: readonly string[] = [DefaultRole.Teacher, DefaultRole.Parent, DefaultRole.Student];

/**
 * Period-wise attendance: the teacher names the subject of the period before marking. A teacher is offered
 * the subjects they teach in this section; staff (who may mark any section) every subject assigned to it.
 */
function PeriodRegister({
  sectionId,
  date,
  period,
  sectionLabel,
  coverSubjectId = null,
}: {
  sectionId: string;
  date: string;
  period: number;
  sectionLabel: string;
  /** The subject of this period when the caller covers it for an absent colleague. */
  coverSubjectId?: string | null;
}) {
  const t = useAttendanceText();
  const me = useCurrentUser();
  const office = useCan(Permission.AcademicsWrite);
  const staff = me.roles.some((role) => !OWNERSHIP_ROLES.includes(role));
  const subjects = useSubjects();
  const assignments = useSubjectAssignments('');
  const [params] = useSearchParams();
  // A draft left for this period names its subject: the register reopens on it.
  const [chosen, setChosen] = useState<string | null>(
    () =>
      // The teacher's day links a period's register with its subject (issue 16).
      params.get('subject') ??
      readDraft({ institutionId: me.institution.id, userId: me.user.id, sectionId, date, period })
        ?.subjectId ??
      null,
  );

  if (subjects.isPending || assignments.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  if (subjects.isError) return <ApiErrorAlert error={subjects.error} />;
  if (assignments.isError) return <ApiErrorAlert error={assignments.error} />;

  const ofSection = assignments.data.filter((a) => a.sectionId === sectionId);
  const mine = staff
    ? ofSection
    : ofSection.filter((a) => a.teacherUserId === me.user.id || a.subjectId === coverSubjectId);
  const names = new Map(subjects.data.map((s) => [s.id, s.name]));
  const options = [...new Set(mine.map((a) => a.subjectId))]
    .map((id) => ({ value: id, label: names.get(id) ?? id }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (ofSection.length === 0) {
    return (
      <EmptyState>{office ? t('marking.noSectionSubjects') : t('marking.noSectionSubjectsAsk')}</EmptyState>
    );
  }
  if (options.length === 0) return <EmptyState>{t('marking.noOwnSubjects')}</EmptyState>;
  const subjectId =
    chosen && options.some((o) => o.value === chosen)
      ? chosen
      : options.length === 1
        ? (options[0]?.value ?? null)
        : null;

  return (
    <Stack gap="md">
      <Select
        label={t('marking.subject')}
        data={options}
        value={subjectId}
        onChange={setChosen}
        allowDeselect={false}
        required
        maw={360}
      />
      {subjectId ? (
        <RegisterLoader
          sectionId={sectionId}
          date={date}
          period={period}
          subjectId={subjectId}
          sectionLabel={sectionLabel}
        />
      ) : (
        <Text c="dimmed">{t('marking.pickSubject')}</Text>
      )}
    </Stack>
  );
}

function RegisterLoader({
  sectionId,
  date,
  period,
  subjectId,
  sectionLabel,
}: {
  sectionId: string;
  date: string;
  period: number | null;
  subjectId: string | null;
  sectionLabel: string;
}) {
  const t = useAttendanceText();
  const register = useRegister(sectionId, date, period);
  if (register.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader aria-label={t('marking.register', { section: sectionLabel })} />
      </Center>
    );
  }
  if (register.isError) return <ApiErrorAlert error={register.error} />;
  return (
    <RegisterEditor
      // A new subject starts from the saved marks again, not from taps made for another subject.
      key={subjectId ?? ''}
      register={register.data}
      period={period}
      subjectId={subjectId}
      sectionLabel={sectionLabel}
    />
  );
}
