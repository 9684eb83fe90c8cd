import type {
  AccountantDashboard,
  AdminDashboard,
  DayCloseReport,
  FamilyDashboard,
  TeacherDashboard,
} from '@shala/contracts';
import { DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDownloads } from '../../../test/downloads';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const admin: AdminDashboard = {
  date: '2026-11-04',
  month: '2026-11',
  currency: 'INR',
  students: { active: 412 },
  attendance: { workingDay: true, percent: 92.5, sectionsMarked: 10, sectionsUnmarked: 2, previous: null },
  fees: {
    collectedToday: 13_000_00,
    paymentsToday: 2,
    collectedThisMonth: 18_000_00,
    paymentsThisMonth: 4,
    overdueStudents: 7,
    overdueAmount: 80_500_00,
  },
  leave: { pending: 3 },
  messages: { undelivered: 1 },
};

const teacher: TeacherDashboard = {
  date: '2026-11-04',
  workingDay: true,
  nonWorkingReason: null,
  sections: [
    {
      sectionId: '0190a1b2-0000-7000-8000-00000000005a',
      className: 'Class 5',
      sectionName: 'A',
      marked: false,
      present: 0,
      total: 0,
      percent: null,
    },
  ],
  pendingLeave: 2,
  marksPending: [
    {
      assessmentId: 'a-pt2',
      assessmentName: 'Periodic Test 2',
      paperId: 'p-maths',
      subjectId: 's-maths',
      subjectName: 'Mathematics',
      sectionId: '0190a1b2-0000-7000-8000-00000000005a',
      sectionName: 'Class 5 A',
      status: 'entered',
    },
  ],
  timetable: { date: '2026-11-04', weekday: 3, workingDay: true, periodAttendance: false, periods: [] },
};

const family: FamilyDashboard = {
  date: '2026-11-04',
  month: '2026-11',
  currency: 'INR',
  children: [
    {
      studentId: '0190a1b2-0000-7000-8000-0000000000c1',
      fullName: 'Aarav Sharma',
      admissionNo: 'GW-0001',
      className: 'Class 5',
      sectionName: 'A',
      today: { status: 'absent', workingDay: true, onLeave: false },
      month: { workingDays: 3, percent: 66.7 },
      nextDue: { invoiceId: 'inv-1', label: 'Term 2', dueDate: '2026-10-10', outstanding: 10_500_00 },
      outstanding: 21_000_00,
      overdue: 10_500_00,
      latestResult: { termId: 't1', termName: 'Term 1', percentage: 81.25, grade: 'A2' },
    },
    {
      studentId: '0190a1b2-0000-7000-8000-0000000000c2',
      fullName: 'Diya Sharma',
      admissionNo: 'GW-0002',
      className: 'Class 6',
      sectionName: 'B',
      today: { status: null, workingDay: true, onLeave: false },
      month: { workingDays: 3, percent: null },
      nextDue: null,
      outstanding: 0,
      overdue: 0,
      latestResult: null,
    },
  ],
};

const accountant: AccountantDashboard = {
  date: '2026-11-04',
  currency: 'INR',
  collectedToday: 13_000_00,
  paymentsToday: 2,
  byMethod: [
    { key: 'upi', label: 'upi', amount: 11_500_00, count: 1 },
    { key: 'cash', label: 'cash', amount: 1_500_00, count: 1 },
  ],
  byCashier: [{ key: 'u1', label: 'Kiran Desk', amount: 13_000_00, count: 2 }],
  overdueStudents: 7,
  overdueAmount: 80_500_00,
};

const dayClose: DayCloseReport = {
  date: '2026-11-04',
  currency: 'INR',
  institutionName: 'Greenwood High School',
  collected: 13_000_00,
  payments: 2,
  reversedAmount: 0,
  reversedCount: 0,
  byMethod: accountant.byMethod,
  byCashier: accountant.byCashier,
  items: [
    {
      paymentId: 'p1',
      receiptNo: 'GW/2026-27/0001',
      studentId: 's1',
      fullName: 'Aarav Sharma',
      admissionNo: 'GW-0001',
      method: 'cash',
      reference: null,
      amount: 1_500_00,
      status: 'completed',
      cashier: 'Kiran Desk',
    },
  ],
};

let api: FakeApi;
afterEach(() => api.uninstall());

describe('the admin dashboard', () => {
  beforeEach(() => {
    api = givenSignedIn(installFakeApi(), adminMe).on('GET /api/v1/dashboard/admin', {
      status: 200,
      body: admin,
    });
  });

  it("shows today's attendance percentage and this month's collections as numbers, each linking to its list", async () => {
    renderApp('/');
    const attendance = await screen.findByRole('region', { name: "Today's attendance" });
    expect(within(attendance).getByText('92.5%')).toBeInTheDocument();
    expect(within(attendance).getByText('Sections marked: 10 · not yet: 2')).toBeInTheDocument();
    expect(within(attendance).getByRole('link')).toHaveAttribute('href', '/attendance?tab=reports');
    const month = screen.getByRole('region', { name: 'Collected this month' });
    expect(within(month).getByTestId('card-collected-month-value').textContent).toMatch(/18,000\.00/);
    expect(within(screen.getByRole('region', { name: 'Dues overdue' })).getByRole('link')).toHaveAttribute(
      'href',
      '/fees?tab=dues',
    );
    expect(
      within(screen.getByRole('region', { name: 'Active students' })).getByText('412'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Messages not delivered' })).getByRole('link'),
    ).toHaveAttribute('href', '/notifications?tab=dead');
  });

  it("shows the last working day's figure on a day off and before the first register of the day", async () => {
    api.on('GET /api/v1/dashboard/admin', {
      status: 200,
      body: {
        ...admin,
        attendance: {
          workingDay: false,
          percent: null,
          sectionsMarked: 0,
          sectionsUnmarked: 0,
          previous: { date: '2026-11-07', percent: 94.1 },
        },
      },
    });
    const { unmount } = renderApp('/');
    const sunday = await screen.findByRole('region', { name: 'Attendance on 7 Nov 2026' });
    expect(within(sunday).getByText('94.1%')).toBeInTheDocument();
    expect(within(sunday).getByText('Today is not a working day')).toBeInTheDocument();
    unmount();
    api.on('GET /api/v1/dashboard/admin', {
      status: 200,
      body: {
        ...admin,
        attendance: {
          workingDay: true,
          percent: null,
          sectionsMarked: 0,
          sectionsUnmarked: 12,
          previous: { date: '2026-11-07', percent: 94.1 },
        },
      },
    });
    renderApp('/');
    const monday = await screen.findByRole('region', { name: "Today's attendance" });
    expect(within(monday).getByText('—')).toBeInTheDocument();
    expect(
      within(monday).getByText('Sections marked: 0 · not yet: 12 · Last working day, 7 Nov 2026: 94.1%'),
    ).toBeInTheDocument();
  });

  it('never shows system status to a school admin', async () => {
    api.on('GET /api/health/ready', { status: 200, body: { status: 'ok', checks: {} } });
    renderApp('/');
    await screen.findByRole('region', { name: "Today's attendance" });
    expect(screen.queryByRole('region', { name: 'System status' })).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/health/ready')).toHaveLength(0);
  });

  it('leaves out a card the API answers as null (no permission)', async () => {
    api.on('GET /api/v1/dashboard/admin', { status: 200, body: { ...admin, fees: null } });
    renderApp('/');
    await screen.findByRole('region', { name: "Today's attendance" });
    expect(screen.queryByRole('region', { name: 'Collected today' })).not.toBeInTheDocument();
  });

  it('shows the error envelope when the dashboard fails', async () => {
    api.on('GET /api/v1/dashboard/admin', envelope(503, 'DEPENDENCY_UNAVAILABLE', 'The database is busy.'));
    renderApp('/');
    expect(await screen.findByText('The database is busy.')).toBeInTheDocument();
  });
});

describe('the teacher dashboard', () => {
  it('lists their sections with one tap to the register, pending leave, and no fee card', async () => {
    api = givenSignedIn(installFakeApi(), teacherMe).on('GET /api/v1/dashboard/teacher', {
      status: 200,
      body: teacher,
    });
    renderApp('/');
    const section = await screen.findByRole('region', { name: 'Class 5 A' });
    expect(within(section).getByText('Not marked yet')).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Take the register' })).toHaveAttribute(
      'href',
      '/attendance?tab=mark&section=0190a1b2-0000-7000-8000-00000000005a',
    );
    expect(
      within(screen.getByRole('region', { name: 'Leave requests to decide' })).getByText('2'),
    ).toBeInTheDocument();
    const marks = screen.getByRole('region', { name: 'Marks to enter or submit' });
    expect(within(marks).getByText('1')).toBeInTheDocument();
    expect(
      within(marks).getByRole('link', { name: 'Mathematics, Class 5 A: submit Periodic Test 2 marks' }),
    ).toHaveAttribute(
      'href',
      '/exams?tab=marks&assessment=a-pt2&subject=s-maths&section=0190a1b2-0000-7000-8000-00000000005a',
    );
    expect(screen.queryByRole('region', { name: 'Collected today' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'System status' })).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/dashboard/admin')).toHaveLength(0);
    expect(api.requestsTo('GET /api/v1/dashboard/accountant')).toHaveLength(0);
  });

  it('says there is no school on a day off instead of "not marked yet", and offers no register', async () => {
    api = givenSignedIn(installFakeApi(), teacherMe).on('GET /api/v1/dashboard/teacher', {
      status: 200,
      body: { ...teacher, date: '2026-11-08', workingDay: false, nonWorkingReason: 'weekly off' },
    });
    renderApp('/');
    const section = await screen.findByRole('region', { name: 'Class 5 A' });
    expect(within(section).getByText('No school today')).toBeInTheDocument();
    expect(within(section).queryByText('Not marked yet')).not.toBeInTheDocument();
    expect(within(section).queryByRole('link', { name: 'Take the register' })).not.toBeInTheDocument();
    expect(screen.getByText('No school today: weekly off')).toBeInTheDocument();
  });
});

describe('the family dashboard', () => {
  it('shows a card per child with attendance, the next fee due and the latest result', async () => {
    const parentMe = { ...meWith([], teacherMe), roles: [DefaultRole.Parent] };
    api = givenSignedIn(installFakeApi(), parentMe).on('GET /api/v1/dashboard/family', {
      status: 200,
      body: family,
    });
    renderApp('/');
    const aarav = await screen.findByRole('region', { name: 'Aarav Sharma' });
    expect(within(aarav).getByText('Absent')).toBeInTheDocument();
    expect(within(aarav).getByText('66.7%')).toBeInTheDocument();
    expect(within(aarav).getByText(/10,500\.00 overdue/)).toBeInTheDocument();
    expect(within(aarav).getByText('Term 1: grade A2')).toBeInTheDocument();
    expect(within(aarav).getByRole('link', { name: 'Pay fees' })).toHaveAttribute('href', '/fees');
    const diya = screen.getByRole('region', { name: 'Diya Sharma' });
    expect(within(diya).getByText('Nothing due')).toBeInTheDocument();
    expect(within(diya).getByText('No results published yet')).toBeInTheDocument();
    expect(screen.getAllByTestId('child-card')).toHaveLength(2);
    expect(screen.queryByRole('region', { name: 'System status' })).not.toBeInTheDocument();
  });
});

describe('the accountant dashboard', () => {
  it("shows today's collections by method and cashier, and the day-close report with print and CSV", async () => {
    const accountantMe = {
      ...adminMe,
      roles: [DefaultRole.Accountant],
      permissions: [...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Accountant]],
    };
    api = givenSignedIn(installFakeApi(), accountantMe)
      .on('GET /api/v1/dashboard/accountant', { status: 200, body: accountant })
      .on('GET /api/v1/fees/day-close', { status: 200, body: dayClose })
      .on('GET /api/v1/fees/day-close/export', {
        status: 200,
        body: 'receipt_no\n',
        headers: {
          'content-type': 'text/csv',
          'content-disposition': 'attachment; filename="day-close-2026-11-04.csv"',
        },
      });
    const downloads = captureDownloads();
    renderApp('/');
    const byMethod = await screen.findByRole('region', { name: 'By method' });
    expect(within(byMethod).getByText('upi')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'By cashier' })).getByText('Kiran Desk'),
    ).toBeInTheDocument();
    const report = await screen.findByRole('region', { name: 'Day-close report' });
    expect(await within(report).findByTestId('day-close-total')).toHaveTextContent(
      /13,000\.00 in 2 payments/,
    );
    expect(within(report).getByText('Aarav Sharma (GW-0001)')).toBeInTheDocument();
    await userEvent.click(within(report).getByRole('button', { name: 'Download CSV' }));
    expect(api.requestsTo('GET /api/v1/fees/day-close/export')[0]?.query.get('date')).toBe('2026-11-04');
    expect(downloads.files.map((f) => f.name)).toEqual(['day-close-2026-11-04.csv']);
    expect(within(report).getByRole('button', { name: 'Print' })).toBeEnabled();
  });
});
