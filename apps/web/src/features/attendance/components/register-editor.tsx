import { Alert, Badge, Button, Group, Menu, Paper, Stack, Text, TextInput } from '@mantine/core';
import { MARK_STATUSES, Permission } from '@shala/contracts';
import {
  IconCalendarOff,
  IconCircleCheck,
  IconDotsVertical,
  IconDeviceFloppy,
  IconLock,
} from '@tabler/icons-react';
import {
  forwardRef,
  memo,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { toApiProblem } from '../../../app/api/errors';
import { formatDateTime } from '../../../app/format';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import type {
  MarkStatus,
  RegisterRow,
  RegisterView as Register,
  SaveRegisterResult as SaveRegisterResponse,
} from '@shala/contracts';
import { useMarkAttendance } from '../hooks/use-attendance';
import { useAttendanceText } from '../i18n';
import { countMarks, initialStatus, nextStatus, statusForKey } from './mark-cycle';
import { clearDraft, readDraft, writeDraft, type DraftPlace } from './mark-draft';
import { useNonWorkingText } from './non-working';
import classes from './register-editor.module.css';

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
  // One status menu for the whole register, opened beside the row whose ⋮ button was used.
  const [menu, setMenu] = useState<{ studentId: string; anchor: HTMLElement } | null>(null);
  const menuId = useId();
  // The five status names, once per render of the register instead of once per row.
  const statusLabels = useMemo(
    () => Object.fromEntries(MARK_STATUSES.map((status) => [status, t(`status.${status}`)])),
    [t],
  ) as Record<MarkStatus, string>;

  // Stable callbacks, so a mark re-renders its own row and the summary, not all 40 rows.
  const { id: institutionId } = me.institution;
  const { id: userId } = me.user;
  const { sectionId, date } = register;
  const setStatus = useCallback(
    (studentId: string, status: MarkStatus) => {
      setSaved(null);
      setMarks((current) => {
        const next = { ...current, [studentId]: status };
        writeDraft({
          institutionId,
          userId,
          sectionId,
          date,
          period,
          subjectId,
          savedAt: new Date().toISOString(),
          marks: next,
        });
        return next;
      });
    },
    [institutionId, userId, sectionId, date, period, subjectId],
  );
  const keepButton = useCallback((index: number, element: HTMLButtonElement | null) => {
    buttons.current[index] = element;
  }, []);
  const focusRow = useCallback((index: number) => buttons.current[index]?.focus(), []);
  const toggleMenu = useCallback((studentId: string, anchor: HTMLElement) => {
    setMenu((open) => (open?.studentId === studentId ? null : { studentId, anchor }));
  }, []);

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
  const menuRow = menu ? register.rows.find((row) => row.studentId === menu.studentId) : undefined;

  const discard = () => {
    clearDraft(place);
    setDraft(null);
    setMarks(initial());
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
      <ul className={classes.list} aria-label={t('marking.register', { section: sectionLabel })}>
        {register.rows.map((row, index) => (
          <StatusRow
            key={row.studentId}
            row={row}
            index={index}
            status={marks[row.studentId] ?? 'present'}
            label={statusLabels[marks[row.studentId] ?? 'present']}
            blocked={blocked}
            menuOpen={menu?.studentId === row.studentId}
            menuId={menuId}
            bar={bar}
            t={t}
            keepButton={keepButton}
            focusRow={focusRow}
            setStatus={setStatus}
            toggleMenu={toggleMenu}
          />
        ))}
      </ul>
      <StatusMenu
        id={menuId}
        anchor={menuRow ? (menu?.anchor ?? null) : null}
        current={menuRow ? (marks[menuRow.studentId] ?? 'present') : null}
        onPick={(status) => menuRow && setStatus(menuRow.studentId, status)}
        onClose={() => setMenu(null)}
      />
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

type AttendanceT = ReturnType<typeof useAttendanceText>;

/**
 * One student's row: tap (or Enter) cycles the status, P A L E H set it, the arrows move between rows, and
 * the ⋮ button opens the register's one status menu beside it. Plain elements and memoised: the first
 * screen builds 40 of them, and a mark re-renders only its own row.
 */
const StatusRow = memo(function StatusRow({
  row,
  index,
  status,
  label,
  blocked,
  menuOpen,
  menuId,
  bar,
  t,
  keepButton,
  focusRow,
  setStatus,
  toggleMenu,
}: {
  row: RegisterRow;
  index: number;
  status: MarkStatus;
  /** The status's name (t(`status.${status}`)). */
  label: string;
  blocked: boolean;
  menuOpen: boolean;
  menuId: string;
  bar: RefObject<HTMLDivElement | null>;
  t: AttendanceT;
  keepButton: (index: number, element: HTMLButtonElement | null) => void;
  focusRow: (index: number) => void;
  setStatus: (studentId: string, status: MarkStatus) => void;
  toggleMenu: (studentId: string, anchor: HTMLElement) => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (blocked) return;
    const move =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? 1
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? -1
          : 0;
    if (move !== 0) {
      event.preventDefault();
      focusRow(index + move);
      return;
    }
    const picked = statusForKey(event.key);
    if (picked && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setStatus(row.studentId, picked);
    }
  };
  return (
    <li className={classes.row} data-mark={status}>
      <button
        type="button"
        ref={(element) => keepButton(index, element)}
        className={`mantine-focus-auto ${classes.mark}`}
        data-testid="mark-row"
        data-status={status}
        aria-label={t('marking.studentStatus', {
          name: row.fullName,
          rollNo: row.rollNo ?? '–',
          status: label,
        })}
        disabled={blocked}
        onClick={() => setStatus(row.studentId, nextStatus(status))}
        onKeyDown={onKeyDown}
        onFocus={(event) => revealAboveBar(event.currentTarget, bar.current)}
      >
        <span className={classes.roll} aria-hidden>
          {row.rollNo ?? '–'}
        </span>
        <span className={classes.who} aria-hidden>
          <span className={classes.name}>{row.fullName}</span>
          {row.onLeave ? <span className={classes.leave}>{t('marking.onLeave')}</span> : null}
        </span>
        <span className={classes.badge} aria-hidden>
          {label}
        </span>
      </button>
      <button
        type="button"
        className={`mantine-focus-auto ${classes.menuButton}`}
        disabled={blocked}
        aria-label={t('marking.chooseStatus', { name: row.fullName })}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        aria-controls={menuOpen ? `${menuId}-dropdown` : undefined}
        // The menu names itself after the button that opened it (Mantine's aria-labelledby).
        id={menuOpen ? `${menuId}-target` : undefined}
        data-testid="status-menu"
        onClick={(event: MouseEvent<HTMLButtonElement>) => toggleMenu(row.studentId, event.currentTarget)}
      >
        <IconDotsVertical size={20} aria-hidden />
      </button>
    </li>
  );
});

/**
 * Gives the shared menu's target ref (Mantine positions the dropdown on it and counts clicks on it as
 * inside) the ⋮ button of the open row; renders nothing itself.
 */
const MenuAnchor = forwardRef<HTMLElement | null, { anchor: HTMLElement | null }>(function MenuAnchor(
  { anchor },
  ref,
) {
  useLayoutEffect(() => {
    if (typeof ref === 'function') {
      ref(anchor);
      return () => ref(null);
    }
    if (ref) ref.current = anchor;
    return undefined;
  }, [anchor, ref]);
  return null;
});

/** The direct way to a status: one menu of all five for the register, opened beside a row's ⋮ button. */
function StatusMenu({
  id,
  anchor,
  current,
  onPick,
  onClose,
}: {
  id: string;
  anchor: HTMLElement | null;
  current: MarkStatus | null;
  onPick: (status: MarkStatus) => void;
  onClose: () => void;
}) {
  const t = useAttendanceText();
  return (
    <Menu
      id={id}
      opened={anchor !== null}
      onChange={(opened) => {
        if (!opened) onClose();
      }}
      position="bottom-end"
      withinPortal
      shadow="md"
    >
      <Menu.Target>
        <MenuAnchor anchor={anchor} />
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
