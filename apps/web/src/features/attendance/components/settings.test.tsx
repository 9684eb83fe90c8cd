import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';
import type { AttendanceSettings, Holiday } from '@shala/contracts';

const counts = { present: 0, absent: 0, late: 0, excused: 0, halfDay: 0, total: 0 };

/** A local date `days` from the school's today (Asia/Kolkata), as the screen computes it. */
function schoolDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: adminMe.institution.timeZone }).format(
    new Date(),
  );
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const saved: AttendanceSettings = {
  mode: 'daily',
  periodsPerDay: 8,
  cutoffTime: '17:00',
  weeklyOffDays: [0],
  chronicThresholdPercent: 75,
};

let api: FakeApi;
let holidays: Holiday[];

beforeEach(() => {
  holidays = [
    { id: '0190a1b2-0000-7000-8000-0000000a0001', date: schoolDay(-20), name: 'Founders Day' },
    { id: '0190a1b2-0000-7000-8000-0000000a0002', date: schoolDay(12), name: 'Diwali' },
  ];
  api = givenSignedInTeacher(installFakeApi(), adminMe)
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
    .on('GET /api/v1/attendance/settings', { status: 200, body: saved })
    .on('GET /api/v1/academics/years', {
      status: 200,
      body: {
        items: [
          {
            id: '0190a1b2-0000-7000-8000-0000000000y1',
            name: 'This year',
            startsOn: schoolDay(-100),
            endsOn: schoolDay(200),
            current: true,
          },
        ],
      },
    })
    .on('GET /api/v1/attendance/holidays', (request) => ({
      status: 200,
      body: {
        items: holidays.filter(
          (h) => h.date >= (request.query.get('from') ?? '') && h.date <= (request.query.get('to') ?? ''),
        ),
        nextCursor: null,
      },
    }));
});
afterEach(() => api.uninstall());

async function openSettings() {
  const view = renderApp('/attendance');
  await view.user.click(await screen.findByRole('tab', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Attendance settings' });
  // The holidays wait for the academic year before their form shows.
  await screen.findByRole('button', { name: 'Add holiday' });
  return view;
}

describe('attendance settings', () => {
  it('opens the tab the address names and keeps the one chosen in it', async () => {
    const { user, router } = renderApp('/attendance?tab=settings');
    await screen.findByRole('heading', { name: 'Attendance settings' });
    expect(screen.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
    await user.click(screen.getByRole('tab', { name: 'Reports' }));
    await waitFor(() => expect(router.state.location.search).toBe('?tab=reports'));
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Reports' })).toHaveAttribute('aria-selected', 'true'),
    );
  });

  it('is offered only to those who may change the institution settings', async () => {
    api.on('GET /api/v1/me', { status: 200, body: teacherMe });
    renderApp('/attendance');
    await screen.findByRole('tab', { name: 'Mark' });
    expect(screen.queryByRole('tab', { name: 'Settings' })).not.toBeInTheDocument();
  });

  it('switches the school to period-wise attendance with its number of periods', async () => {
    api.on('PUT /api/v1/attendance/settings', (request) => ({
      status: 200,
      body: { ...saved, ...(request.body as Partial<AttendanceSettings>) },
    }));
    const { user } = await openSettings();
    expect(screen.getByRole('radio', { name: 'Once a day' })).toBeChecked();
    expect(screen.queryByRole('textbox', { name: 'Periods per day' })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Sunday' })).toBeChecked();

    await user.click(screen.getByRole('radio', { name: 'Every period' }));
    expect(
      screen.getByText('Teachers mark each period and choose the subject they teach in it.'),
    ).toBeVisible();
    const periods = screen.getByRole('textbox', { name: 'Periods per day' });
    await user.clear(periods);
    await user.type(periods, '6');
    await user.click(screen.getByRole('checkbox', { name: 'Saturday' }));
    await user.clear(screen.getByLabelText('Lock time'));
    await user.type(screen.getByLabelText('Lock time'), '16:30');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Attendance settings saved.')).toBeInTheDocument();
    expect(api.requestsTo('PUT /api/v1/attendance/settings')[0]?.body).toEqual({
      mode: 'period',
      periodsPerDay: 6,
      cutoffTime: '16:30',
      weeklyOffDays: [0, 6],
      chronicThresholdPercent: 75,
    });
  });

  it('shows the validation errors of the API on the fields they name', async () => {
    api.on(
      'PUT /api/v1/attendance/settings',
      envelope(400, 'VALIDATION_FAILED', 'The request is invalid.', [
        { field: 'cutoffTime', message: 'cutoffTime must be HH:MM (24 h)' },
        { field: 'chronicThresholdPercent', message: 'chronicThresholdPercent must not be greater than 100' },
      ]),
    );
    const { user } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Lock time')).toHaveAccessibleDescription(
        'cutoffTime must be HH:MM (24 h)',
      ),
    );
    expect(screen.getByRole('textbox', { name: 'Chronic absence below (%)' })).toHaveAccessibleDescription(
      'chronicThresholdPercent must not be greater than 100',
    );
    expect(screen.queryByText('Attendance settings saved.')).not.toBeInTheDocument();
  });

  it('keeps at least one school day in the week without asking the API', async () => {
    const { user } = await openSettings();
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'])
      await user.click(screen.getByRole('checkbox', { name: day }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Leave at least one school day in the week')).toBeInTheDocument();
    expect(api.requestsTo('PUT /api/v1/attendance/settings')).toHaveLength(0);
  });
});

describe('holiday calendar', () => {
  it('lists the upcoming holidays of the academic year, and the past ones on asking', async () => {
    givenPhoneScreen();
    const { user } = await openSettings();
    const list = await screen.findByRole('list', { name: 'Holidays' });
    expect(
      within(list)
        .getAllByTestId('holiday')
        .map((h) => h.textContent),
    ).toEqual([expect.stringContaining('Diwali')]);
    await user.click(screen.getByRole('radio', { name: 'Whole year' }));
    expect(
      within(list)
        .getAllByTestId('holiday')
        .map((h) => h.textContent),
    ).toEqual([expect.stringContaining('Founders Day'), expect.stringContaining('Diwali')]);
    const [query] = api.requestsTo('GET /api/v1/attendance/holidays');
    expect([query?.query.get('from'), query?.query.get('to')]).toEqual([schoolDay(-100), schoolDay(200)]);
  });

  it('adds a holiday with a name and shows it in the list', async () => {
    api.on('POST /api/v1/attendance/holidays', (request) => {
      const body = request.body as { date: string; name: string };
      const created = { id: '0190a1b2-0000-7000-8000-0000000a0003', ...body };
      holidays = [...holidays, created].sort((a, b) => a.date.localeCompare(b.date));
      return { status: 201, body: created };
    });
    const { user } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(await screen.findByText('Choose the date')).toBeInTheDocument();
    expect(screen.getByText('Give a name of 2 to 100 characters')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Date/), schoolDay(5));
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), '  Sports Day ');
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(await screen.findByText('Sports Day added.')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/attendance/holidays')[0]?.body).toEqual({
      date: schoolDay(5),
      name: 'Sports Day',
    });
    const list = screen.getByRole('list', { name: 'Holidays' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByTestId('holiday')
          .map((h) => h.textContent),
      ).toEqual([expect.stringContaining('Sports Day'), expect.stringContaining('Diwali')]),
    );
  });

  it('shows the API refusing a date that is already a holiday on the date field', async () => {
    api.on(
      'POST /api/v1/attendance/holidays',
      envelope(409, 'HOLIDAY_EXISTS', `${schoolDay(12)} is already a holiday.`, [
        { field: 'date', message: 'already a holiday' },
      ]),
    );
    const { user } = await openSettings();
    await user.type(screen.getByLabelText(/^Date/), schoolDay(12));
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Diwali again');
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Date/)).toHaveAccessibleDescription('already a holiday'),
    );
  });

  it('removes a holiday only after a confirmation', async () => {
    const diwali = holidays[1]!;
    api.on(`DELETE /api/v1/attendance/holidays/${diwali.id}`, () => {
      holidays = holidays.filter((h) => h.id !== diwali.id);
      return { status: 204 };
    });
    const { user } = await openSettings();
    const remove = await screen.findByRole('button', { name: /^Remove Diwali on/ });

    await user.click(remove);
    let dialog = await screen.findByRole('dialog', { name: 'Remove this holiday?' });
    expect(dialog).toHaveTextContent('Diwali, becomes a school day again');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requestsTo(`DELETE /api/v1/attendance/holidays/${diwali.id}`)).toHaveLength(0);

    await user.click(remove);
    dialog = await screen.findByRole('dialog', { name: 'Remove this holiday?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Holiday removed.')).toBeInTheDocument();
    expect(api.requestsTo(`DELETE /api/v1/attendance/holidays/${diwali.id}`)).toHaveLength(1);
    expect(
      await screen.findByText('No holidays ahead. Choose "Whole year" to see the past ones.'),
    ).toBeInTheDocument();
  });
});
