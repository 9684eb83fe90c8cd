import {
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { DefaultRole, Permission } from '@shala/contracts';
import { IconCalendarOff, IconCircleCheck, IconLock } from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { toApiProblem } from '../../../app/api/errors';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { useSubjectAssignments, useSubjects } from '../../academics/hooks/use-academics';
import type {
  MarkStatus,
  RegisterView as Register,
  SaveRegisterResult as SaveRegisterResponse,
} from '@shala/contracts';
import {
  useAttendanceSettings,
  useDaySummary,
  useMarkAttendance,
  useRegister,
} from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { schoolToday } from '../../../app/school-date';
import { countMarks, initialStatus, nextStatus, statusForKey } from './mark-cycle';
import { useNonWorkingText } from './non-working';

export const STATUS_COLOR: Record<MarkStatus, string> = {
  present: 'green',
  absent: 'red',
  late: 'orange',
  excused: 'blue',
  half_day: 'grape',
};

/** The teacher's marking screen: section and date, the register, one Save. */
export function MarkingPanel() {
  const t = useAttendanceText();
  const me = useCurrentUser();
  const today = schoolToday(me.institution.timeZone);
  const [date, setDate] = useState(today);
  const [chosenSection, setChosenSection] = useState<string | null>(null);
  const sections = useDaySummary(today);
  // Without settings (not readable, or not answered) the school is treated as marking once a day.
  const settings = useAttendanceSettings();
  const periods = settings.data?.mode === 'period' ? Math.max(1, settings.data.periodsPerDay) : 0;
  const [period, setPeriod] = useState<string>('1');

  const options =
    sections.data?.sections.map((s) => ({ value: s.sectionId, label: `${s.className} ${s.sectionName}` })) ??
    [];
  const sectionId = chosenSection ?? (options.length === 1 ? (options[0]?.value ?? null) : null);
  const sectionLabel = options.find((o) => o.value === sectionId)?.label ?? '';

  if (sections.isPending || settings.isPending) {
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
          onChange={setChosenSection}
          allowDeselect={false}
          style={{ flex: '1 1 10rem' }}
        />
        <TextInput
          type="date"
          label={t('marking.date')}
          value={date}
          max={today}
          onChange={(event) => {
            if (event.currentTarget.value) setDate(event.currentTarget.value);
          }}
          style={{ flex: '1 1 9rem' }}
        />
        {periods > 0 ? (
          <Select
            label={t('marking.period')}
            data={Array.from({ length: periods }, (_, i) => String(i + 1))}
            value={period}
            onChange={(value) => setPeriod(value ?? '1')}
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
}: {
  sectionId: string;
  date: string;
  period: number;
  sectionLabel: string;
}) {
  const t = useAttendanceText();
  const me = useCurrentUser();
  const staff = me.roles.some((role) => !OWNERSHIP_ROLES.includes(role));
  const subjects = useSubjects();
  const assignments = useSubjectAssignments('');
  const [chosen, setChosen] = useState<string | null>(null);

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
  const mine = staff ? ofSection : ofSection.filter((a) => a.teacherUserId === me.user.id);
  const names = new Map(subjects.data.map((s) => [s.id, s.name]));
  const options = [...new Set(mine.map((a) => a.subjectId))]
    .map((id) => ({ value: id, label: names.get(id) ?? id }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (ofSection.length === 0) return <EmptyState>{t('marking.noSectionSubjects')}</EmptyState>;
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

function RegisterEditor({
  register,
  period,
  subjectId,
  sectionLabel,
}: {
  register: Register;
  period: number | null;
  subjectId: string | null;
  sectionLabel: string;
}) {
  const t = useAttendanceText();
  const nonWorkingText = useNonWorkingText();
  const canOverride = useCan(Permission.AttendanceOverride);
  const save = useMarkAttendance(register.sectionId, register.date);
  const [marks, setMarks] = useState<Record<string, MarkStatus>>(() =>
    Object.fromEntries(register.rows.map((row) => [row.studentId, initialStatus(row)])),
  );
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SaveRegisterResponse | null>(null);
  // The API refused the day itself (a holiday declared since the register was opened, say).
  const [refusal, setRefusal] = useState<string | null>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  if (!register.workingDay) {
    return (
      <Alert
        color="gray"
        variant="light"
        icon={<IconCalendarOff aria-hidden />}
        title={t('marking.nonWorkingTitle')}
        data-testid="non-working"
      >
        {t('marking.nonWorking', { reason: nonWorkingText(register.date, register.nonWorkingReason) })}{' '}
        {t('marking.nonWorkingHint')}
      </Alert>
    );
  }
  if (register.rows.length === 0) return <EmptyState>{t('marking.noStudents')}</EmptyState>;

  const counts = countMarks(marks);
  const blocked = register.locked && !canOverride;

  const setStatus = (studentId: string, status: MarkStatus) => {
    setSaved(null);
    setMarks((current) => ({ ...current, [studentId]: status }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number, studentId: string) => {
    if (blocked) return;
    const move =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? 1
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? -1
          : 0;
    if (move !== 0) {
      event.preventDefault();
      buttons.current[index + move]?.focus();
      return;
    }
    const status = statusForKey(event.key);
    if (status && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setStatus(studentId, status);
    }
  };

  const onSave = () => {
    if (register.locked && !reason.trim()) {
      setReasonError(t('marking.reasonRequired'));
      return;
    }
    setReasonError(null);
    setRefusal(null);
    save.mutate(
      {
        marks: register.rows.map((row) => ({
          studentId: row.studentId,
          status: marks[row.studentId] ?? 'present',
          ...(row.note ? { note: row.note } : {}),
        })),
        ...(period ? { period } : {}),
        ...(subjectId ? { subjectId } : {}),
        ...(register.locked ? { reason: reason.trim() } : {}),
      },
      {
        onSuccess: (answer) => setSaved(answer),
        onError: (error) => {
          const problem = toApiProblem(error);
          if (problem.code === 'NON_WORKING_DAY') {
            setRefusal(problem.message ?? t('marking.nonWorkingTitle'));
            return;
          }
          const detail = problem.details.find((d) => d.field === 'reason');
          if (problem.code === 'OVERRIDE_REASON_REQUIRED' || detail) {
            setReasonError(detail?.message ?? problem.message ?? t('marking.reasonRequired'));
          }
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      {register.locked ? (
        <Alert
          color={canOverride ? 'yellow' : 'gray'}
          variant="light"
          icon={<IconLock aria-hidden />}
          title={t('marking.lockedTitle')}
          data-testid="locked-banner"
        >
          <Stack gap="xs">
            <Text size="sm">{canOverride ? t('marking.lockedOverride') : t('marking.lockedNoOverride')}</Text>
            {canOverride ? (
              <TextInput
                label={t('marking.reason')}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                error={reasonError}
                required
              />
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      <Text size="sm" c="dimmed">
        {t('marking.help')}
      </Text>
      <Box
        component="ul"
        aria-label={t('marking.register', { section: sectionLabel })}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {register.rows.map((row, index) => {
          const status = marks[row.studentId] ?? 'present';
          const label = t(`status.${status}`);
          return (
            <li key={row.studentId}>
              <UnstyledButton
                ref={(element: HTMLButtonElement | null) => {
                  buttons.current[index] = element;
                }}
                data-testid="mark-row"
                data-status={status}
                aria-label={t('marking.studentStatus', {
                  name: row.fullName,
                  rollNo: row.rollNo ?? '–',
                  status: label,
                })}
                disabled={blocked}
                onClick={() => setStatus(row.studentId, nextStatus(status))}
                onKeyDown={(event) => onKeyDown(event, index, row.studentId)}
                w="100%"
                py="sm"
                px="sm"
                mih={56}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 12,
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                  borderLeft: `6px solid var(--mantine-color-${STATUS_COLOR[status]}-6)`,
                }}
              >
                <Text fw={600} w={32} ta="right" c="dimmed" aria-hidden>
                  {row.rollNo ?? '–'}
                </Text>
                <Stack gap={0} style={{ flex: 1, minWidth: 0 }} aria-hidden>
                  <Text truncate>{row.fullName}</Text>
                  {row.onLeave ? (
                    <Text size="xs" c="blue">
                      {t('marking.onLeave')}
                    </Text>
                  ) : null}
                </Stack>
                <Badge
                  color={STATUS_COLOR[status]}
                  size="lg"
                  variant={status === 'present' ? 'light' : 'filled'}
                  aria-hidden
                >
                  {label}
                </Badge>
              </UnstyledButton>
            </li>
          );
        })}
      </Box>
      {saved ? (
        <Alert
          color="green"
          variant="light"
          icon={<IconCircleCheck aria-hidden />}
          title={t('marking.savedTitle')}
          role="status"
          data-testid="saved-summary"
        >
          {t('marking.saved', { ...saved.summary })}
        </Alert>
      ) : null}
      {refusal ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconCalendarOff aria-hidden />}
          title={t('marking.refusedTitle')}
          role="alert"
          data-testid="non-working-refusal"
        >
          {refusal} {t('marking.nonWorkingHint')}
        </Alert>
      ) : null}
      {save.isError && !reasonError && !refusal ? (
        <ApiErrorAlert error={save.error} title={t('marking.failed')} />
      ) : null}
      <Paper
        withBorder
        shadow="sm"
        p="sm"
        style={{ position: 'sticky', bottom: 0, zIndex: 2 }}
        role="region"
        aria-label={t('marking.summaryLabel')}
      >
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0}>
            <Text size="sm" fw={600} aria-live="polite" data-testid="live-summary">
              {t('marking.summary', counts)}
            </Text>
            <Text size="xs" c="dimmed">
              {register.marked ? t('marking.alreadyMarked') : t('marking.notMarked')}
            </Text>
          </Stack>
          <Button size="md" onClick={onSave} loading={save.isPending} disabled={blocked}>
            {t('marking.save')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
