import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Menu,
  Paper,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { MARK_STATUSES, Permission } from '@shala/contracts';
import {
  IconCalendarOff,
  IconCircleCheck,
  IconDotsVertical,
  IconDeviceFloppy,
  IconLock,
} from '@tabler/icons-react';
import { useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { toApiProblem } from '../../../app/api/errors';
import { formatDateTime } from '../../../app/format';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import type {
  MarkStatus,
  RegisterView as Register,
  SaveRegisterResult as SaveRegisterResponse,
} from '@shala/contracts';
import { useMarkAttendance } from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { countMarks, initialStatus, nextStatus, statusForKey } from './mark-cycle';
import { clearDraft, readDraft, writeDraft, type DraftPlace } from './mark-draft';
import { useNonWorkingText } from './non-working';

export const STATUS_COLOR: Record<MarkStatus, string> = {
  present: 'green',
  absent: 'red',
  late: 'orange',
  excused: 'blue',
  half_day: 'grape',
};

/** Height assumed for the sticky save bar before it has been measured. */
const BAR_FALLBACK_PX = 96;

/**
 * Keeps a focused row clear of the sticky save bar: the row's bottom scroll margin is the bar's height, and
 * the row is scrolled into view with it (a browser scrolling to a focused element alone would leave it
 * under the bar).
 */
export function revealAboveBar(row: HTMLElement, bar: HTMLElement | null): void {
  const height = bar?.offsetHeight || BAR_FALLBACK_PX;
  row.style.scrollMarginBottom = `${height + 8}px`;
  row.scrollIntoView({ block: 'nearest' });
}

/** The register of one section and day: tap, key or menu per student, the draft kept, one Save. */
export function RegisterEditor({
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
  const me = useCurrentUser();
  const nonWorkingText = useNonWorkingText();
  const canOverride = useCan(Permission.AttendanceOverride);
  const office = useCan(Permission.StudentsWrite);
  const save = useMarkAttendance(register.sectionId, register.date);
  const place: DraftPlace = {
    institutionId: me.institution.id,
    userId: me.user.id,
    sectionId: register.sectionId,
    date: register.date,
    period,
  };
  const initial = () =>
    Object.fromEntries(register.rows.map((row) => [row.studentId, initialStatus(row)])) as Record<
      string,
      MarkStatus
    >;
  // Marks left unsaved on this device (a session that expired, a closed tab) come back, said in a banner.
  const [draft, setDraft] = useState(() => {
    const found = readDraft(place);
    return found && (found.subjectId ?? null) === subjectId ? found : null;
  });
  const [marks, setMarks] = useState<Record<string, MarkStatus>>(() => {
    const start = initial();
    if (!draft) return start;
    for (const id of Object.keys(start)) {
      const kept = draft.marks[id];
      if (kept) start[id] = kept;
    }
    return start;
  });
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SaveRegisterResponse | null>(null);
  // The API refused the day itself (a holiday declared since the register was opened, say).
  const [refusal, setRefusal] = useState<string | null>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const bar = useRef<HTMLDivElement | null>(null);

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
  if (register.rows.length === 0) {
    return <EmptyState>{office ? t('marking.noStudents') : t('marking.noStudentsAsk')}</EmptyState>;
  }

  const counts = countMarks(marks);
  const blocked = register.locked && !canOverride;

  const setStatus = (studentId: string, status: MarkStatus) => {
    setSaved(null);
    setMarks((current) => {
      const next = { ...current, [studentId]: status };
      writeDraft({ ...place, subjectId, savedAt: new Date().toISOString(), marks: next });
      return next;
    });
  };

  const discard = () => {
    clearDraft(place);
    setDraft(null);
    setMarks(initial());
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
        onSuccess: (answer) => {
          clearDraft(place);
          setDraft(null);
          setSaved(answer);
        },
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
      {draft ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconDeviceFloppy aria-hidden />}
          title={t('marking.draftTitle')}
          data-testid="draft-banner"
        >
          <Stack gap="xs">
            <Text size="sm">
              {t('marking.draft', { time: formatDateTime(draft.savedAt, me.institution.timeZone) })}
            </Text>
            <Group gap="xs">
              <Button size="xs" onClick={onSave} loading={save.isPending} disabled={blocked}>
                {t('marking.draftSave')}
              </Button>
              <Button size="xs" variant="default" onClick={discard} disabled={save.isPending}>
                {t('marking.draftDiscard')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
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
            <Box
              component="li"
              key={row.studentId}
              style={{
                display: 'flex',
                alignItems: 'center',
                borderBottom: '1px solid var(--mantine-color-default-border)',
                borderLeft: `6px solid var(--mantine-color-${STATUS_COLOR[status]}-6)`,
              }}
            >
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
                onFocus={(event: FocusEvent<HTMLButtonElement>) =>
                  revealAboveBar(event.currentTarget, bar.current)
                }
                py="sm"
                px="sm"
                mih={56}
                style={{ display: 'flex', alignItems: 'center', gap: 12, flex: 1, minWidth: 0 }}
              >
                <Text fw={600} w={32} ta="right" c="dimmed" aria-hidden style={{ flexShrink: 0 }}>
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
                  style={{ flexShrink: 0 }}
                >
                  {label}
                </Badge>
              </UnstyledButton>
              <StatusMenu
                name={row.fullName}
                current={status}
                disabled={blocked}
                onPick={(picked) => setStatus(row.studentId, picked)}
              />
            </Box>
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
      <Paper
        ref={bar}
        withBorder
        shadow="sm"
        p="sm"
        style={{ position: 'sticky', bottom: 0, zIndex: 2 }}
        role="region"
        aria-label={t('marking.summaryLabel')}
      >
        <Stack gap="xs">
          {/* A refused save is said here, beside the button, not above the list where nobody is looking. */}
          {refusal ? (
            <Alert
              color="red"
              variant="light"
              p="xs"
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
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Stack gap={0} style={{ minWidth: 0 }}>
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
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The direct way to a status: a menu of all five, beside the row that cycles on tap. */
function StatusMenu({
  name,
  current,
  disabled,
  onPick,
}: {
  name: string;
  current: MarkStatus;
  disabled: boolean;
  onPick: (status: MarkStatus) => void;
}) {
  const t = useAttendanceText();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size={44}
          mr={4}
          disabled={disabled}
          aria-label={t('marking.chooseStatus', { name })}
          data-testid="status-menu"
          style={{ flexShrink: 0 }}
        >
          <IconDotsVertical size={20} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {MARK_STATUSES.map((status) => (
          <Menu.Item
            key={status}
            onClick={() => onPick(status)}
            leftSection={
              <Badge color={STATUS_COLOR[status]} size="sm" variant="filled" w={24} p={0} aria-hidden>
                {t(`short.${status}`)}
              </Badge>
            }
            aria-current={status === current ? 'true' : undefined}
            fw={status === current ? 700 : undefined}
          >
            {t(`status.${status}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
