import { DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import type { MyDay, SubstitutionProposal, TimetableSettings } from '@shala/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { formField } from './bell-schedule-panel';
import { registerLink } from './my-day-card';
import { lessonLabels } from './timetable-grid';

const MATHS = '0190a1b2-0000-7000-8000-0000000000b1';
const RAVI = '0190a1b2-0000-7000-8000-0000000000b2';
const SUNIL = '0190a1b2-0000-7000-8000-0000000000b3';
const S5A = '0190a1b2-0000-7000-8000-00000000a5a5';
const S6B = '0190a1b2-0000-7000-8000-00000000a6b6';
const MATH = '0190a1b2-0000-7000-8000-0000000050b1';
const ENG = '0190a1b2-0000-7000-8000-0000000050b2';
const SUB_ID = '0190a1b2-0000-7000-8000-00000000s0b1';
const DATE = '2026-12-07';

let api: FakeApi;
afterEach(() => api.uninstall());

const user = (id: string, displayName: string) => ({
  id,
  email: `${id.slice(-2)}@greenwood.test`,
  displayName,
  status: 'active',
  roles: ['teacher'],
});

function proposal(): SubstitutionProposal {
  return {
    date: DATE,
    absentTeacherUserId: MATHS,
    periods: [
      {
        period: 1,
        sectionId: S5A,
        sectionName: 'Class 5 A',
        subjectId: MATH,
        subjectName: 'Mathematics',
        candidates: [
          { userId: RAVI, name: 'Ravi Kumar', periodsThatDay: 1 },
          { userId: SUNIL, name: 'Sunil Das', periodsThatDay: 3 },
        ],
        substitution: null,
      },
      {
        period: 2,
        sectionId: S6B,
        sectionName: 'Class 6 B',
        subjectId: MATH,
        subjectName: 'Mathematics',
        candidates: [],
        substitution: {
          id: SUB_ID,
          date: DATE,
          period: 2,
          sectionId: S6B,
          subjectId: MATH,
          absentTeacherUserId: MATHS,
          substituteUserId: SUNIL,
          substituteName: 'Sunil Das',
          confirmedAt: '2026-12-06T10:00:00.000Z',
        },
      },
    ],
  };
}

describe('substitutions', () => {
  function givenAdmin() {
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on('GET /api/v1/users', {
        status: 200,
        body: {
          items: [user(MATHS, 'Anil Maths'), user(RAVI, 'Ravi Kumar'), user(SUNIL, 'Sunil Das')],
          nextCursor: null,
        },
      })
      .on('GET /api/v1/timetable/substitutions/proposals', { status: 200, body: proposal() })
      .on(`DELETE /api/v1/timetable/substitutions/${SUB_ID}`, { status: 204 });
  }

  it('lists the absent teacher’s periods with free colleagues, fewest periods first, and confirms one', async () => {
    givenAdmin();
    api.on('POST /api/v1/timetable/substitutions', {
      status: 201,
      body: { ...proposal().periods[1]!.substitution, id: SUB_ID, period: 1, substituteUserId: RAVI },
    });
    const view = renderApp(`/timetable?tab=substitutions&date=${DATE}&absent=${MATHS}`);
    const row = await screen.findByRole('region', { name: 'Period 1: Mathematics, Class 5 A' });
    expect(api.requestsTo('GET /api/v1/timetable/substitutions/proposals')[0]!.query.toString()).toBe(
      `teacherUserId=${MATHS}&date=${DATE}`,
    );
    expect(within(row).getByRole('textbox', { name: 'Substitute' })).toHaveValue(
      'Ravi Kumar (1 period that day)',
    );
    await view.user.click(within(row).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/timetable/substitutions')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/timetable/substitutions')[0]!.body).toEqual({
      date: DATE,
      absentTeacherUserId: MATHS,
      period: 1,
      substituteUserId: RAVI,
    });
    const covered = screen.getByRole('region', { name: 'Period 2: Mathematics, Class 6 B' });
    expect(within(covered).getByText('Covered by Sunil Das')).toBeInTheDocument();
  });

  it('shows a busy substitute’s 422 on the row, and cancels a confirmed substitution', async () => {
    givenAdmin();
    api.on(
      'POST /api/v1/timetable/substitutions',
      envelope(422, 'TIMETABLE_SUBSTITUTE_BUSY', 'That colleague is not free in period 1 on 2026-12-07.', [
        {
          field: 'substituteUserId',
          message: 'teaches or covers another lesson in this period, or is absent',
        },
      ]),
    );
    const view = renderApp(`/timetable?tab=substitutions&date=${DATE}&absent=${MATHS}`);
    const row = await screen.findByRole('region', { name: 'Period 1: Mathematics, Class 5 A' });
    await view.user.click(within(row).getByRole('button', { name: 'Confirm' }));
    expect(
      await within(row).findByText('teaches or covers another lesson in this period, or is absent'),
    ).toBeInTheDocument();
    expect(within(row).getByRole('textbox', { name: 'Substitute' })).toHaveAttribute('aria-invalid', 'true');

    const covered = screen.getByRole('region', { name: 'Period 2: Mathematics, Class 6 B' });
    await view.user.click(within(covered).getByRole('button', { name: 'Cancel substitution' }));
    await waitFor(() =>
      expect(api.requestsTo(`DELETE /api/v1/timetable/substitutions/${SUB_ID}`)).toHaveLength(1),
    );
  });
});

describe('bell schedule', () => {
  const saved: TimetableSettings = {
    days: [
      {
        weekday: 1,
        slots: [
          { kind: 'period', period: 1, label: null, start: '08:00', end: '08:40' },
          { kind: 'break', period: null, label: 'Recess', start: '08:40', end: '09:00' },
        ],
      },
      { weekday: 6, slots: [{ kind: 'period', period: 1, label: null, start: '08:00', end: '08:40' }] },
    ],
    maxPeriodsPerDay: 6,
    maxPeriodsPerWeek: null,
  };

  function givenSettings() {
    api = givenSignedInTeacher(installFakeApi(), adminMe).on('GET /api/v1/timetable/settings', {
      status: 200,
      body: saved,
    });
  }

  it('maps the API’s day index (days sent) back to the form’s weekday', () => {
    expect(formField('days.1.slots.0.start', [0, 5])).toBe('days.5.slots.0.start');
    expect(formField('days.0.slots', [0, 5])).toBe('days.0.slots');
    expect(formField('maxPeriodsPerDay', [0, 5])).toBe('maxPeriodsPerDay');
  });

  it('saves the taught days only, and puts a 400 detail on the field it names', async () => {
    givenSettings();
    api.on(
      'PUT /api/v1/timetable/settings',
      envelope(400, 'VALIDATION_FAILED', 'Some fields are invalid.', [
        { field: 'days.1.slots.0.start', message: 'overlaps slot 1 (07:50-08:10)' },
      ]),
    );
    const view = renderApp('/timetable?tab=bells');
    await screen.findByRole('group', { name: 'Saturday' });
    await view.user.click(screen.getByRole('button', { name: 'Save bell schedule' }));
    await waitFor(() => expect(api.requestsTo('PUT /api/v1/timetable/settings')).toHaveLength(1));
    expect(api.requestsTo('PUT /api/v1/timetable/settings')[0]!.body).toEqual({
      days: [
        {
          weekday: 1,
          slots: [
            { kind: 'period', label: null, start: '08:00', end: '08:40' },
            { kind: 'break', label: 'Recess', start: '08:40', end: '09:00' },
          ],
        },
        { weekday: 6, slots: [{ kind: 'period', label: null, start: '08:00', end: '08:40' }] },
      ],
      maxPeriodsPerDay: 6,
      maxPeriodsPerWeek: null,
    });
    const saturday = screen.getByLabelText('Saturday, slot 1 starts');
    await waitFor(() => expect(saturday).toHaveAttribute('aria-invalid', 'true'));
    expect(saturday).toHaveAccessibleDescription('overlaps slot 1 (07:50-08:10)');
    expect(screen.getByLabelText('Monday, slot 1 starts')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses a slot that ends before it starts without asking the API', async () => {
    givenSettings();
    const view = renderApp('/timetable?tab=bells');
    const end = await screen.findByLabelText('Monday, slot 1 ends');
    fireEvent.input(end, { target: { value: '07:30' } });
    await view.user.click(screen.getByRole('button', { name: 'Save bell schedule' }));
    expect(await screen.findByText('Must end after it starts')).toBeInTheDocument();
    expect(api.requestsTo('PUT /api/v1/timetable/settings')).toHaveLength(0);
  });
});

describe('a family’s timetable', () => {
  const parentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]], {
    ...teacherMe,
    roles: [DefaultRole.Parent],
  });
  const enrolment = (sectionId: string, className: string, sectionName: string) => ({
    academicYearId: '0190a1b2-0000-7000-8000-0000000000y1',
    sectionId,
    sectionName,
    classId: '0190a1b2-0000-7000-8000-0000000000c1',
    className,
    rollNo: 1,
  });

  it('offers each child’s section and opens the first child’s week', async () => {
    api = givenSignedInTeacher(installFakeApi(), parentMe)
      .on('GET /api/v1/students', {
        status: 200,
        body: {
          items: [
            {
              id: 's1',
              fullName: 'Kiran Rao',
              admissionNo: 'GW-1',
              status: 'active',
              enrolment: enrolment(S5A, 'Class 5', 'A'),
            },
            {
              id: 's2',
              fullName: 'Tara Rao',
              admissionNo: 'GW-2',
              status: 'active',
              enrolment: enrolment(S6B, 'Class 6', 'B'),
            },
          ],
          nextCursor: null,
        },
      })
      .on('GET /api/v1/timetable/settings', {
        status: 200,
        body: {
          days: [
            { weekday: 1, slots: [{ kind: 'period', period: 1, label: null, start: '08:00', end: '08:40' }] },
          ],
          maxPeriodsPerDay: null,
          maxPeriodsPerWeek: null,
        },
      })
      .on(`GET /api/v1/timetable/sections/${S5A}`, {
        status: 200,
        body: {
          sectionId: S5A,
          sectionName: 'Class 5 A',
          academicYearId: '0190a1b2-0000-7000-8000-0000000000y1',
          cells: [
            {
              id: 'c1',
              sectionId: S5A,
              sectionName: 'Class 5 A',
              weekday: 1,
              period: 1,
              subjectId: MATH,
              subjectName: 'Mathematics',
              teacherUserId: MATHS,
              teacherName: 'Anil Maths',
              room: null,
            },
          ],
        },
      });
    renderApp('/timetable');
    expect(await screen.findByText('Mathematics')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Section' })).toHaveValue('Kiran Rao · Class 5 A');
    expect(screen.queryByRole('tab', { name: 'Substitutions' })).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/academics/classes')).toHaveLength(0);
  });
});

describe('a substitute’s register', () => {
  const day = (fields: Partial<MyDay['periods'][number]>): MyDay => ({
    date: DATE,
    weekday: 1,
    workingDay: true,
    periodAttendance: true,
    periods: [
      {
        period: 2,
        start: '08:40',
        end: '09:20',
        sectionId: S6B,
        sectionName: 'Class 6 B',
        subjectId: ENG,
        subjectName: 'English',
        room: null,
        substitutionId: null,
        coveredBy: null,
        ...fields,
      },
    ],
  });

  it('links a covered period with cover=1, and an own period without', () => {
    const covered = day({ substitutionId: SUB_ID });
    expect(new URL(registerLink(covered, covered.periods[0]!), 'http://x').searchParams.get('cover')).toBe(
      '1',
    );
    const own = day({});
    expect(new URL(registerLink(own, own.periods[0]!), 'http://x').searchParams.has('cover')).toBe(false);
  });

  it('opens the covered section’s register with its subject, though the section is not the teacher’s', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: teacherMe.institution.timeZone }).format(
      new Date(),
    );
    const counts = { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: 0 };
    api = givenSignedInTeacher(installFakeApi())
      .on('GET /api/v1/attendance/summary', (request) => ({
        status: 200,
        body: {
          date: request.query.get('date'),
          totals: counts,
          percent: null,
          sectionsMarked: 0,
          sections: [],
        },
      }))
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
      .on('GET /api/v1/timetable/my-day', {
        status: 200,
        body: { ...day({ substitutionId: SUB_ID }), date: today },
      })
      .on('GET /api/v1/academics/subjects', {
        status: 200,
        body: {
          items: [
            { id: MATH, code: 'MATH', name: 'Mathematics' },
            { id: ENG, code: 'ENG', name: 'English' },
          ],
          nextCursor: null,
        },
      })
      .on('GET /api/v1/academics/subject-assignments', {
        status: 200,
        body: {
          items: [
            { id: 'a1', academicYearId: 'y', sectionId: S6B, subjectId: ENG, teacherUserId: MATHS },
            { id: 'a2', academicYearId: 'y', sectionId: S6B, subjectId: MATH, teacherUserId: RAVI },
          ],
          nextCursor: null,
        },
      })
      .on(`GET /api/v1/attendance/sections/${S6B}/days/${today}`, {
        status: 200,
        body: {
          sectionId: S6B,
          date: today,
          period: 2,
          workingDay: true,
          nonWorkingReason: null,
          locked: false,
          marked: false,
          rows: [],
          summary: counts,
        },
      });
    renderApp(`/attendance?tab=mark&section=${S6B}&date=${today}&period=2&subject=${ENG}&cover=1`);
    expect(await screen.findByRole('textbox', { name: 'Section' })).toHaveValue('Class 6 B');
    const subject = await screen.findByRole('textbox', { name: 'Subject' });
    expect(subject).toHaveValue('English');
    await waitFor(() =>
      expect(
        api.requestsTo(`GET /api/v1/attendance/sections/${S6B}/days/${today}`)[0]?.query.get('period'),
      ).toBe('2'),
    );
    expect(api.requestsTo('GET /api/v1/timetable/my-day')[0]!.query.get('date')).toBe(today);
  });
});

describe('the grid editor', () => {
  it('names a lesson by its subject, adding the teacher only where the section has that subject twice', () => {
    const long = 'Dr. Venkataraghavan Subramaniam Iyer-Krishnamurthy';
    const labels = lessonLabels([
      { subjectId: MATH, teacherUserId: RAVI, subjectName: 'Mathematics', teacherName: long },
      { subjectId: ENG, teacherUserId: RAVI, subjectName: 'English', teacherName: long },
      { subjectId: ENG, teacherUserId: SUNIL, subjectName: 'English', teacherName: 'Sunil Das' },
    ]);
    expect([...labels.values()]).toEqual(['Mathematics', `English — ${long}`, 'English — Sunil Das']);
  });
});
