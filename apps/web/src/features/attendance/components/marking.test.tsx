import { Permission } from '@shala/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, envelope, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, meWith, teacherMe } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';
import type { RegisterView as Register, RegisterRow } from '@shala/contracts';
import { markableDate } from './marking-panel';

const SECTION = '0190a1b2-0000-7000-8000-00000000a5a5';
const counts = { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: 0 };

const row = (n: number, fields: Partial<RegisterRow> = {}): RegisterRow => ({
  studentId: `0190a1b2-0000-7000-8000-0000000005${String(n).padStart(2, '0')}`,
  fullName: `Student ${n}`,
  admissionNo: `GW-${n}`,
  rollNo: n,
  status: null,
  note: null,
  source: null,
  onLeave: false,
  ...fields,
});

function register(fields: Partial<Register> = {}): Register {
  return {
    sectionId: SECTION,
    date: '2025-06-02',
    period: 0,
    workingDay: true,
    nonWorkingReason: null,
    locked: false,
    marked: false,
    rows: [row(1), row(2), row(3, { onLeave: true })],
    summary: counts,
    ...fields,
  };
}

let api: FakeApi;

function givenRegister(answer: Register) {
  api.on(`GET /api/v1/attendance/sections/${SECTION}/days/${answer.date}`, { status: 200, body: answer });
  return answer;
}

beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi()).on('GET /api/v1/attendance/summary', (request) => ({
    status: 200,
    body: {
      date: request.query.get('date'),
      totals: counts,
      percent: null,
      sectionsMarked: 0,
      sections: [
        {
          sectionId: SECTION,
          className: 'Class 5',
          sectionName: 'A',
          marked: false,
          counts,
          percent: null,
          absentees: [],
        },
      ],
    },
  }));
});
afterEach(() => api.uninstall());

async function openRegister(answer: Register) {
  // The screen asks for the school's today; answer the same register whatever the date.
  api.on('GET /api/v1/me', { status: 200, body: teacherMe });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: teacherMe.institution.timeZone }).format(
    new Date(),
  );
  givenRegister({ ...answer, date: today });
  const view = renderApp('/attendance');
  const list = await screen.findByRole('list', { name: 'Register of Class 5 A' });
  return { ...view, list, today };
}

describe('attendance marking', () => {
  it('marks everyone present by default and cycles a status on tap', async () => {
    givenPhoneScreen();
    const { user, list, today } = await openRegister(register());
    const buttons = within(list).getAllByTestId('mark-row');
    expect(buttons[0]).toHaveAccessibleName('Student 1, roll 1: Present');
    expect(buttons[2]).toHaveAccessibleName('Student 3, roll 3: Excused');
    expect(screen.getByTestId('live-summary')).toHaveTextContent('2 present · 0 absent');

    await user.click(buttons[0]!);
    expect(buttons[0]).toHaveAccessibleName('Student 1, roll 1: Absent');
    await user.click(buttons[1]!);
    await user.click(buttons[1]!);
    expect(buttons[1]).toHaveAccessibleName('Student 2, roll 2: Late');
    expect(screen.getByTestId('live-summary')).toHaveTextContent('0 present · 1 absent · 1 late · 1 excused');

    api.on(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`, {
      status: 200,
      body: {
        sectionId: SECTION,
        date: today,
        period: null,
        locked: false,
        changed: 3,
        override: false,
        summary: { present: 0, absent: 1, late: 1, excused: 1, halfDay: 0, total: 3 },
      },
    });
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    expect(await screen.findByTestId('saved-summary')).toHaveTextContent(
      'Saved: 0 present, 1 absent, 1 late, 1 excused, 0 half day.',
    );
    const [put] = api.requestsTo(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`);
    expect(put?.body).toEqual({
      marks: [
        { studentId: row(1).studentId, status: 'absent' },
        { studentId: row(2).studentId, status: 'late' },
        { studentId: row(3).studentId, status: 'excused' },
      ],
    });
  });

  it('moves with the arrow keys and sets a status with its letter', async () => {
    const { user, list } = await openRegister(register());
    const buttons = within(list).getAllByTestId('mark-row');
    buttons[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(buttons[1]).toHaveFocus();
    await user.keyboard('h');
    expect(buttons[1]).toHaveAccessibleName('Student 2, roll 2: Half day');
    await user.keyboard('{ArrowUp}a');
    expect(buttons[0]).toHaveAccessibleName('Student 1, roll 1: Absent');
  });

  it('asks for a reason when the day is locked', async () => {
    api.on('GET /api/v1/me', {
      status: 200,
      body: meWith([...teacherMe.permissions, Permission.AttendanceOverride]),
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: teacherMe.institution.timeZone }).format(
      new Date(),
    );
    givenRegister({
      ...register({ locked: true, marked: true, rows: [row(1, { status: 'present' })] }),
      date: today,
    });
    api.on(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`, {
      status: 200,
      body: {
        sectionId: SECTION,
        date: today,
        period: null,
        locked: true,
        changed: 1,
        override: true,
        summary: { ...counts, absent: 1, total: 1 },
      },
    });
    const { user } = renderApp('/attendance');
    expect(await screen.findByTestId('locked-banner')).toHaveTextContent('This day is locked');

    await user.click(screen.getByRole('button', { name: 'Student 1, roll 1: Present' }));
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    expect(await screen.findByText('Give a reason for changing a locked day')).toBeInTheDocument();
    expect(api.requestsTo(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`)).toHaveLength(0);

    await user.type(
      screen.getByRole('textbox', { name: /Reason for the change/ }),
      'Came in after roll call',
    );
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    await screen.findByTestId('saved-summary');
    expect(api.requestsTo(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`)[0]?.body).toMatchObject(
      {
        reason: 'Came in after roll call',
      },
    );
  });

  it('does not let a teacher without the override permission change a locked day', async () => {
    await openRegister(register({ locked: true, marked: true }));
    expect(screen.getByTestId('locked-banner')).toHaveTextContent('need the attendance override permission');
    expect(screen.getByRole('button', { name: 'Save attendance' })).toBeDisabled();
  });

  it('says why a non-working day cannot be marked', async () => {
    await openRegisterNonWorking('holiday: Diwali');
    expect(await screen.findByTestId('non-working')).toHaveTextContent(
      'This is not a working day: Diwali is a holiday. Choose another date.',
    );
    expect(screen.queryByRole('button', { name: 'Save attendance' })).not.toBeInTheDocument();
  });

  it('names the weekday of a weekly off', async () => {
    await openRegisterNonWorking('weekly off', '2025-06-01');
    expect(await screen.findByTestId('non-working')).toHaveTextContent(
      'This is not a working day: Sunday is a weekly off.',
    );
  });

  it('says clearly that the day was refused when a holiday was declared after the register opened', async () => {
    const { user, today } = await openRegister(register());
    api.on(
      `PUT /api/v1/attendance/sections/${SECTION}/days/${today}`,
      envelope(
        422,
        'NON_WORKING_DAY',
        `${today} is not a working day (holiday: Founders Day); attendance is not taken.`,
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    const refusal = await screen.findByTestId('non-working-refusal');
    expect(refusal).toHaveTextContent('Not saved: no attendance on this day');
    expect(refusal).toHaveTextContent(`${today} is not a working day (holiday: Founders Day)`);
    expect(screen.queryByText('The attendance was not saved')).not.toBeInTheDocument();
  });

  it('shows the error from the envelope when saving fails', async () => {
    const { user, today } = await openRegister(register());
    api.on(
      `PUT /api/v1/attendance/sections/${SECTION}/days/${today}`,
      envelope(422, 'STUDENT_NOT_IN_SECTION', 'Student 9 is not in this section'),
    );
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    await waitFor(() => expect(screen.getByText('Student 9 is not in this section')).toBeInTheDocument());
    expect(screen.getByText('The attendance was not saved')).toBeInTheDocument();
  });

  it('shows a failed save beside the save bar, where the teacher is looking', async () => {
    const { user, today } = await openRegister(register());
    api.on(
      `PUT /api/v1/attendance/sections/${SECTION}/days/${today}`,
      envelope(422, 'STUDENT_NOT_IN_SECTION', 'Student 9 is not in this section'),
    );
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    const bar = screen.getByRole('region', { name: 'Summary' });
    expect(await within(bar).findByText('Student 9 is not in this section')).toBeInTheDocument();
    expect(within(bar).getByText('The attendance was not saved')).toBeInTheDocument();
  });

  it('keeps the focused row clear of the sticky save bar', async () => {
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    const { user, list } = await openRegister(register());
    const rows = within(list).getAllByTestId('mark-row');
    rows[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(rows[1]).toHaveFocus();
    // The row's bottom margin is the bar's height (96 px before it is measured, as in jsdom) and more.
    expect(rows[1]!.style.scrollMarginBottom).toBe('104px');
    expect(scrolled.mock.contexts).toContain(rows[1]);
    expect(scrolled).toHaveBeenLastCalledWith({ block: 'nearest' });
  });

  it("sets a status straight from a row's menu, besides tap-to-cycle", async () => {
    const { user, list } = await openRegister(register());
    await user.click(screen.getByRole('button', { name: 'Choose the status of Student 2' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Half day' }));
    expect(within(list).getAllByTestId('mark-row')[1]).toHaveAccessibleName('Student 2, roll 2: Half day');
    expect(screen.getByTestId('live-summary')).toHaveTextContent(
      '1 present · 0 absent · 0 late · 1 excused · 1 half day',
    );
  });

  it('does not open a future date', async () => {
    const { today } = await openRegister(register());
    const field = screen.getByLabelText('Date');
    expect(field).toHaveAttribute('max', today);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    fireEvent.input(field, { target: { value: tomorrow } });
    expect(await screen.findByText('Attendance cannot be marked for a future date.')).toBeInTheDocument();
    expect(field).toHaveValue(today);
    expect(api.requestsTo(`GET /api/v1/attendance/sections/${SECTION}/days/${tomorrow}`)).toHaveLength(0);
    expect(markableDate(tomorrow, today)).toBeNull();
    expect(markableDate(today, today)).toBe(today);
    expect(markableDate('2025-02-30x', today)).toBeNull();
  });
});

describe('unsaved marks', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  const drafts = () => Object.keys(localStorage).filter((key) => key.startsWith('shala.attendance.draft:'));

  it('keeps the marks through an expired session and saves them after signing in again, on confirmation', async () => {
    const { user, list, today, router, unmount } = await openRegister(register());
    await user.click(within(list).getAllByTestId('mark-row')[0]!); // absent
    expect(drafts()).toHaveLength(1);
    expect(localStorage.getItem(drafts()[0]!)).not.toContain('Student 1'); // ids and statuses, no names

    // The session is gone: the save answers 401 and so does the refresh.
    api
      .on(
        `PUT /api/v1/attendance/sections/${SECTION}/days/${today}`,
        envelope(401, 'UNAUTHENTICATED', 'Sign in'),
      )
      .on('POST /api/v1/auth/refresh', envelope(401, 'UNAUTHENTICATED', 'No session'));
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    const next = new URLSearchParams(router.state.location.search).get('next');
    // Back to the marking screen after signing in (a chosen section and date ride along in the address).
    expect(next).toMatch(/^\/attendance/);
    expect(drafts()).toHaveLength(1);
    unmount();

    // Signed in again, back where they were: the marks are there, and saved only when asked.
    givenSignedInTeacher(api);
    api.on(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`, (request) => ({
      status: 200,
      body: {
        sectionId: SECTION,
        date: today,
        period: null,
        locked: false,
        changed: 1,
        override: false,
        summary: { ...counts, ...(request.body as object), present: 1, absent: 1, excused: 1, total: 3 },
      },
    }));
    const again = renderApp(next!);
    const banner = await screen.findByTestId('draft-banner');
    expect(banner).toHaveTextContent(/You have unsaved marks from .+\./);
    const rows = within(await screen.findByRole('list', { name: 'Register of Class 5 A' })).getAllByTestId(
      'mark-row',
    );
    expect(rows[0]).toHaveAccessibleName('Student 1, roll 1: Absent');
    expect(api.requestsTo(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`)).toHaveLength(1);
    await again.user.click(within(banner).getByRole('button', { name: 'Save' }));
    await screen.findByTestId('saved-summary');
    const puts = api.requestsTo(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`);
    expect(puts.at(-1)?.body).toMatchObject({
      marks: [{ studentId: row(1).studentId, status: 'absent' }, {}, {}],
    });
    expect(screen.queryByTestId('draft-banner')).not.toBeInTheDocument();
    expect(drafts()).toHaveLength(0);
  });

  it('reopens the register of the newest draft when the address names none, and discards it on asking', async () => {
    const { user, list, unmount } = await openRegister(register());
    await user.click(within(list).getAllByTestId('mark-row')[1]!);
    unmount();
    const again = renderApp('/attendance');
    await again.user.click(
      within(await screen.findByTestId('draft-banner')).getByRole('button', { name: 'Discard' }),
    );
    expect(screen.queryByTestId('draft-banner')).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Register of Class 5 A' })).getAllByTestId('mark-row')[1],
    ).toHaveAccessibleName('Student 2, roll 2: Present');
    expect(drafts()).toHaveLength(0);
  });

  it("never shows another user's draft, and removes it", async () => {
    const { user, list, unmount } = await openRegister(register());
    await user.click(within(list).getAllByTestId('mark-row')[1]!);
    unmount();
    const colleague = {
      ...teacherMe,
      user: { ...teacherMe.user, id: '0190a1b2-0000-7000-8000-0000000000cc' },
    };
    api.on('GET /api/v1/me', { status: 200, body: colleague });
    renderApp('/attendance');
    const rows = within(await screen.findByRole('list', { name: 'Register of Class 5 A' })).getAllByTestId(
      'mark-row',
    );
    expect(rows[1]).toHaveAccessibleName('Student 2, roll 2: Present');
    expect(screen.queryByTestId('draft-banner')).not.toBeInTheDocument();
    await waitFor(() => expect(drafts()).toHaveLength(0));
  });

  it("removes another user's draft at sign-in, wherever they land, without opening attendance", async () => {
    const { user, list, unmount } = await openRegister(register());
    await user.click(within(list).getAllByTestId('mark-row')[1]!);
    unmount();
    expect(drafts()).toHaveLength(1);
    const colleague = {
      ...teacherMe,
      user: { ...teacherMe.user, id: '0190a1b2-0000-7000-8000-0000000000cc' },
    };
    api.on('GET /api/v1/me', { status: 200, body: colleague });
    renderApp('/account');
    await waitFor(() => expect(drafts()).toHaveLength(0));
  });
});

async function openRegisterNonWorking(reason: string, date?: string) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: teacherMe.institution.timeZone }).format(
    new Date(),
  );
  // The register answers for the school's today; `date` is the date the reason is about.
  givenRegister(register({ date: today, workingDay: false, nonWorkingReason: reason, rows: [] }));
  if (date) {
    api.on(`GET /api/v1/attendance/sections/${SECTION}/days/${today}`, {
      status: 200,
      body: register({ date, workingDay: false, nonWorkingReason: reason, rows: [] }),
    });
  }
  renderApp('/attendance');
}

describe('period-wise attendance', () => {
  const OTHER_SECTION = '0190a1b2-0000-7000-8000-00000000a6a6';
  const MATH = '0190a1b2-0000-7000-8000-0000000050b1';
  const ENG = '0190a1b2-0000-7000-8000-0000000050b2';
  const SCI = '0190a1b2-0000-7000-8000-0000000050b3';
  const COLLEAGUE = '0190a1b2-0000-7000-8000-0000000000cc';
  const me = teacherMe.user.id;
  let today: string;

  const assignment = (n: number, sectionId: string, subjectId: string, teacherUserId: string) => ({
    id: `0190a1b2-0000-7000-8000-00000000a50${n}`,
    academicYearId: '0190a1b2-0000-7000-8000-0000000000y1',
    sectionId,
    subjectId,
    teacherUserId,
  });

  function givenPeriodSchool(assignments: ReturnType<typeof assignment>[]) {
    today = new Intl.DateTimeFormat('en-CA', { timeZone: teacherMe.institution.timeZone }).format(new Date());
    api
      .on('GET /api/v1/attendance/settings', {
        status: 200,
        body: {
          mode: 'period',
          periodsPerDay: 6,
          cutoffTime: '23:59',
          weeklyOffDays: [0],
          chronicThresholdPercent: 75,
        },
      })
      .on('GET /api/v1/academics/subjects', {
        status: 200,
        body: {
          items: [
            { id: MATH, code: 'MATH', name: 'Mathematics' },
            { id: ENG, code: 'ENG', name: 'English' },
            { id: SCI, code: 'SCI', name: 'Science' },
          ],
          nextCursor: null,
        },
      })
      .on('GET /api/v1/academics/subject-assignments', {
        status: 200,
        body: { items: assignments, nextCursor: null },
      })
      .on(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`, (request) => ({
        status: 200,
        body: {
          sectionId: SECTION,
          date: today,
          period: (request.body as { period: number }).period,
          locked: false,
          changed: 3,
          override: false,
          summary: counts,
        },
      }));
    givenRegister(register({ date: today }));
  }

  it('offers only the subjects the teacher teaches in the section, and saves the period with its subject', async () => {
    givenPeriodSchool([
      assignment(1, SECTION, MATH, me),
      assignment(2, SECTION, ENG, COLLEAGUE),
      assignment(3, OTHER_SECTION, SCI, me),
    ]);
    const { user } = renderApp('/attendance');
    await user.click(await screen.findByRole('textbox', { name: 'Period' }));
    await user.click(await screen.findByRole('option', { name: '3' }));
    // The period is kept in the address: wait for the register of period 3.
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Period' })).toHaveValue('3'));
    // One subject: chosen for them.
    expect(await screen.findByRole('textbox', { name: /^Subject/ })).toHaveValue('Mathematics');
    await user.click(screen.getByRole('textbox', { name: /^Subject/ }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['Mathematics']);
    await user.keyboard('{Escape}');
    await screen.findByRole('list', { name: 'Register of Class 5 A' });
    await waitFor(() =>
      expect(
        api
          .requestsTo(`GET /api/v1/attendance/sections/${SECTION}/days/${today}`)
          .some((r) => r.query.get('period') === '3'),
      ).toBe(true),
    );
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    await screen.findByTestId('saved-summary');
    expect(api.requestsTo(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`)[0]?.body).toMatchObject(
      { period: 3, subjectId: MATH },
    );
  });

  it('asks a teacher of two subjects in the section which one the period is before showing the register', async () => {
    givenPeriodSchool([assignment(1, SECTION, MATH, me), assignment(2, SECTION, ENG, me)]);
    const { user } = renderApp('/attendance');
    expect(
      await screen.findByText('Choose the subject you are teaching in this period.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Register of Class 5 A' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('textbox', { name: /^Subject/ }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      'English',
      'Mathematics',
    ]);
    await user.click(screen.getByRole('option', { name: 'English' }));
    await screen.findByRole('list', { name: 'Register of Class 5 A' });
    await user.click(screen.getByRole('button', { name: 'Save attendance' }));
    await screen.findByTestId('saved-summary');
    expect(api.requestsTo(`PUT /api/v1/attendance/sections/${SECTION}/days/${today}`)[0]?.body).toMatchObject(
      { period: 1, subjectId: ENG },
    );
  });

  it('does not let a teacher mark a period in a section where they teach no subject', async () => {
    givenPeriodSchool([assignment(1, SECTION, ENG, COLLEAGUE), assignment(2, OTHER_SECTION, MATH, me)]);
    renderApp('/attendance');
    expect(
      await screen.findByText(/You do not teach a subject in this section, so you cannot take its period/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Register of Class 5 A' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save attendance' })).not.toBeInTheDocument();
  });

  it('offers staff every subject assigned to the section', async () => {
    api.on('GET /api/v1/me', { status: 200, body: adminMe });
    givenPeriodSchool([assignment(1, SECTION, ENG, COLLEAGUE), assignment(2, SECTION, MATH, me)]);
    const { user } = renderApp('/attendance');
    await user.click(await screen.findByRole('textbox', { name: /^Subject/ }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      'English',
      'Mathematics',
    ]);
  });

  it('says what to do when the section has no subjects at all', async () => {
    givenPeriodSchool([assignment(1, OTHER_SECTION, MATH, me)]);
    renderApp('/attendance');
    expect(await screen.findByText(/No subjects are assigned to this section yet/)).toBeInTheDocument();
  });
});
