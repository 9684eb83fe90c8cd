import { DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { LeaveRequestView as LeaveRequest, StudentCalendar } from '@shala/contracts';

const counts = { present: 24, absent: 1, late: 0, excused: 0, halfDay: 0, total: 25 };
const S5A = '0190a1b2-0000-7000-8000-00000000a5a5';
const S5B = '0190a1b2-0000-7000-8000-00000000a5b5';
const CHILD = '0190a1b2-0000-7000-8000-000000000c01';
const parentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]], {
  ...teacherMe,
  roles: [DefaultRole.Parent],
});

const leave = (fields: Partial<LeaveRequest> = {}): LeaveRequest => ({
  id: '0190a1b2-0000-7000-8000-00000000l001',
  studentId: CHILD,
  studentName: 'Kiran Rao',
  fromDate: '2025-06-09',
  toDate: '2025-06-10',
  reason: 'Family wedding',
  status: 'pending',
  requestedBy: '0190a1b2-0000-7000-8000-000000000a01',
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  ...fields,
});

let api: FakeApi;
afterEach(() => api.uninstall());

describe('attendance reports', () => {
  beforeEach(() => {
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on('GET /api/v1/attendance/summary', (request) => ({
        status: 200,
        body: {
          date: request.query.get('date'),
          totals: counts,
          percent: 96,
          sectionsMarked: 1,
          sections: [
            {
              sectionId: S5A,
              className: 'Class 5',
              sectionName: 'A',
              marked: true,
              counts,
              percent: 96,
              absentees: [{ studentId: 'x', fullName: 'Meera Nair', note: 'fever' }],
            },
            {
              sectionId: S5B,
              className: 'Class 5',
              sectionName: 'B',
              marked: false,
              counts,
              percent: null,
              absentees: [],
            },
          ],
        },
      }))
      .on('GET /api/v1/attendance/unmarked', {
        status: 200,
        body: {
          workingDay: true,
          nonWorkingReason: null,
          sections: [{ sectionId: S5B, className: 'Class 5', sectionName: 'B' }],
        },
      })
      .on('GET /api/v1/attendance/chronic-absentees', {
        status: 200,
        body: {
          items: [
            {
              studentId: 'y',
              fullName: 'Rohan Das',
              admissionNo: 'GW-2',
              className: 'Class 5',
              sectionName: 'A',
              percent: 61,
            },
          ],
        },
      });
  });

  it('shows absentees by section, the unmarked sections and the chronic absentees', async () => {
    api.on('GET /api/v1/attendance/sections/' + S5A + '/months/' + new Date().toISOString().slice(0, 7), {
      status: 200,
      body: { workingDays: [], markedDays: [], rows: [] },
    });
    const { user } = renderApp('/attendance');
    await user.click(await screen.findByRole('tab', { name: 'Reports' }));
    const sections = await screen.findAllByTestId('day-section');
    expect(sections[0]).toHaveTextContent('Class 5 A96% presentAbsentees: Meera Nair (fever)');
    expect(sections[1]).toHaveTextContent('Not marked yet');
    expect(screen.getByText('1 of 2 sections marked')).toBeInTheDocument();
    const unmarked = screen.getByRole('region', { name: 'Sections not marked' });
    await waitFor(() => expect(within(unmarked).getByText('Class 5 B')).toBeInTheDocument());
    const chronic = await screen.findByRole('table', { name: 'Chronic absentees' });
    expect(within(chronic).getByText('Rohan Das')).toBeInTheDocument();
  });
});

describe('the day summary of a non-working day', () => {
  it('says the day is a holiday, with no percentage', async () => {
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on('GET /api/v1/attendance/summary', (request) => ({
        status: 200,
        body: {
          date: request.query.get('date'),
          workingDay: false,
          nonWorkingReason: 'holiday: Founders Day',
          totals: { ...counts, present: 0, absent: 0, total: 0 },
          percent: null,
          sectionsMarked: 0,
          sections: [
            {
              sectionId: S5A,
              className: 'Class 5',
              sectionName: 'A',
              marked: false,
              counts: { ...counts, present: 0, absent: 0, total: 0 },
              percent: null,
              absentees: [],
            },
          ],
        },
      }))
      .on('GET /api/v1/attendance/unmarked', {
        status: 200,
        body: { workingDay: false, nonWorkingReason: 'holiday: Founders Day', sections: [] },
      })
      .on('GET /api/v1/attendance/chronic-absentees', { status: 200, body: { items: [] } });
    const { user } = renderApp('/attendance');
    await user.click(await screen.findByRole('tab', { name: 'Reports' }));
    expect(await screen.findByTestId('summary-non-working')).toHaveTextContent(
      'This is not a working day: Founders Day is a holiday.',
    );
    expect(screen.queryByText(/% present/)).not.toBeInTheDocument();
    const unmarked = await screen.findByRole('region', { name: 'Sections not marked' });
    expect(
      await within(unmarked).findByText('This is not a working day: Founders Day is a holiday.'),
    ).toBeInTheDocument();
  });
});

describe('leave', () => {
  it('lets a parent request leave for a child and cancel a pending request', async () => {
    let requests: LeaveRequest[] = [];
    api = givenSignedInTeacher(installFakeApi(), parentMe)
      .on('GET /api/v1/students', {
        status: 200,
        body: {
          items: [
            { id: CHILD, fullName: 'Kiran Rao', admissionNo: 'GW-1', enrolment: null, status: 'active' },
            { id: 'other', fullName: 'Tara Rao', admissionNo: 'GW-2', enrolment: null, status: 'active' },
          ],
          nextCursor: null,
        },
      })
      .on('GET /api/v1/attendance/students/' + CHILD + '/calendar', {
        status: 200,
        body: {
          days: [],
          summary: {
            workingDays: 0,
            present: 0,
            absent: 0,
            late: 0,
            excused: 0,
            halfDay: 0,
            total: 0,
            percent: null,
          },
        },
      })
      .on('GET /api/v1/attendance/leave-requests', () => ({ status: 200, body: { items: requests } }))
      .on('POST /api/v1/attendance/leave-requests', (request) => {
        requests = [leave(request.body as Partial<LeaveRequest>)];
        return { status: 201, body: requests[0] };
      })
      .on(`POST /api/v1/attendance/leave-requests/${leave().id}/cancel`, () => {
        requests = [leave({ status: 'cancelled' })];
        return { status: 200, body: requests[0] };
      });
    const { user } = renderApp('/attendance');
    await user.click(await screen.findByRole('tab', { name: 'Leave' }));
    expect(await screen.findByText(/No leave requests/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('Give a reason')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/attendance/leave-requests')).toHaveLength(0);

    await user.click(screen.getByRole('textbox', { name: /Child/ }));
    await user.click(await screen.findByRole('option', { name: 'Kiran Rao' }));
    await user.type(screen.getByLabelText(/^From/), '2025-06-09');
    await user.type(screen.getByLabelText(/^To\b/), '2025-06-10');
    await user.type(screen.getByRole('textbox', { name: /Reason/ }), 'Family wedding');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByTestId('leave-request')).toHaveTextContent('Pending');
    expect(api.requestsTo('POST /api/v1/attendance/leave-requests')[0]?.body).toEqual({
      studentId: CHILD,
      fromDate: '2025-06-09',
      toDate: '2025-06-10',
      reason: 'Family wedding',
    });

    await user.click(screen.getByRole('button', { name: 'Cancel request' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this leave request?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel request' }));
    await waitFor(() => expect(screen.getByTestId('leave-request')).toHaveTextContent('Cancelled'));
  });

  it('lets a teacher approve a request with a note', async () => {
    api = givenSignedInTeacher(installFakeApi())
      .on('GET /api/v1/attendance/summary', {
        status: 200,
        body: { date: '', totals: counts, percent: null, sectionsMarked: 0, sections: [] },
      })
      .on('GET /api/v1/attendance/leave-requests', { status: 200, body: { items: [leave()] } })
      .on(`POST /api/v1/attendance/leave-requests/${leave().id}/decision`, {
        status: 200,
        body: leave({ status: 'approved' }),
      });
    const { user } = renderApp('/attendance');
    await user.click(await screen.findByRole('tab', { name: 'Leave approvals' }));
    await screen.findByText('Family wedding');
    expect(api.requestsTo('GET /api/v1/attendance/leave-requests')[0]?.query.get('status')).toBe('pending');
    await user.type(screen.getByRole('textbox', { name: 'Note (optional)' }), 'Get well');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(
        api.requestsTo(`POST /api/v1/attendance/leave-requests/${leave().id}/decision`)[0]?.body,
      ).toEqual({
        decision: 'approved',
        note: 'Get well',
      }),
    );
  });
});

describe("the family's calendar", () => {
  // Mid-month in the school's time zone, so days after "today" are in the month too.
  const month = '2026-12';
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T06:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  const calendarOf = (studentId: string, summary: Partial<StudentCalendar['summary']> = {}) => ({
    status: 200,
    body: {
      studentId,
      from: `${month}-01`,
      to: `${month}-31`,
      days: [
        { date: `${month}-01`, status: 'present', note: null, onLeave: false },
        { date: `${month}-02`, status: 'absent', note: null, onLeave: false },
        { date: `${month}-03`, status: null, note: null, onLeave: true },
        { date: `${month}-04`, status: 'excused', note: null, onLeave: true },
        { date: `${month}-05`, status: null, note: null, onLeave: false },
        { date: `${month}-08`, status: null, note: null, onLeave: false },
      ],
      summary: {
        workingDays: 6,
        present: 1,
        absent: 1,
        late: 0,
        excused: 1,
        halfDay: 0,
        total: 3,
        countedDays: 2,
        attendedDays: 1,
        percent: 50,
        ...summary,
      },
    } satisfies StudentCalendar,
  });

  function givenFamily(me: typeof parentMe, studentId = CHILD) {
    api = givenSignedInTeacher(installFakeApi(), me)
      .on('GET /api/v1/students', {
        status: 200,
        body: {
          items: [
            { id: studentId, fullName: 'Kiran Rao', admissionNo: 'GW-1', enrolment: null, status: 'active' },
          ],
          nextCursor: null,
        },
      })
      .on(`GET /api/v1/attendance/students/${studentId}/calendar`, calendarOf(studentId));
    return api;
  }

  it('shows each day with its letter and colour, approved leave, a legend and the percentage', async () => {
    givenFamily(parentMe);
    renderApp('/attendance');
    expect(await screen.findByTestId('calendar-percent')).toHaveTextContent(
      '50% attendance (1 of 2 days present)',
    );
    expect(screen.getByTestId('calendar-basis')).toHaveTextContent(
      'Not counted: 1 excused, 2 not marked yet.',
    );
    const cells = screen.getAllByRole('gridcell');
    expect(cells[0]).toHaveAccessibleName(/: Present$/);
    expect(cells[1]).toHaveAccessibleName(/: Absent$/);
    expect(cells[2]).toHaveAccessibleName(/: On leave$/);
    expect(cells[2]).toHaveAttribute('data-status', 'leave');
    expect(cells[3]).toHaveAccessibleName(/: Excused, On leave$/);
    expect(cells[4]).toHaveAccessibleName(/: Not marked$/);
    // After the school's today nothing is "not marked" yet.
    expect(cells[7]).toHaveAccessibleName(/: Not yet$/);
    expect(screen.getByText('A = Absent')).toBeInTheDocument();
    const query = api.requestsTo(`GET /api/v1/attendance/students/${CHILD}/calendar`)[0]?.query;
    expect(query?.get('from')).toBe(`${month}-01`);
  });

  it('says the headline figure with the very days it is made of, never the working days of the month', async () => {
    // Five present and a sixth working day not marked yet: 100% of the five days that count.
    givenFamily(parentMe).on(
      `GET /api/v1/attendance/students/${CHILD}/calendar`,
      calendarOf(CHILD, {
        workingDays: 6,
        present: 4,
        late: 1,
        absent: 0,
        excused: 0,
        total: 5,
        countedDays: 5,
        attendedDays: 5,
        percent: 100,
      }),
    );
    renderApp('/attendance');
    expect(await screen.findByTestId('calendar-percent')).toHaveTextContent(
      '100% attendance (5 of 5 days present)',
    );
  });

  it('shows a student their own calendar and percentage, not the staff reports', async () => {
    const STUDENT = '0190a1b2-0000-7000-8000-000000000c02';
    const studentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Student]], {
      ...teacherMe,
      roles: [DefaultRole.Student],
    });
    givenFamily(studentMe, STUDENT);
    renderApp('/attendance?tab=reports');
    expect(await screen.findByTestId('calendar-percent')).toHaveTextContent('50% attendance');
    expect(screen.getAllByRole('gridcell')).toHaveLength(31);
    // Their own record only: no child to choose, no tabs, and nothing of the staff reports asked for.
    expect(screen.queryByRole('textbox', { name: 'Child' })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.queryByText('Day summary')).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/attendance/summary')).toHaveLength(0);
    expect(api.requestsTo(`GET /api/v1/attendance/students/${STUDENT}/calendar`)).not.toHaveLength(0);
  });
});
