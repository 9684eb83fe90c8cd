import { DEFAULT_ROLE_PERMISSIONS, DefaultRole, type CalendarItemView } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { schoolToday } from '../../../app/school-date';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';

const parentMe = {
  ...teacherMe,
  user: { ...teacherMe.user, email: 'parent@greenwood.test' },
  roles: [DefaultRole.Parent],
  permissions: [...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]],
};

function item(over: Partial<CalendarItemView>): CalendarItemView {
  const today = schoolToday(adminMe.institution.timeZone);
  return {
    key: 'event:1',
    source: 'event',
    id: '0190a1b2-0000-7000-8000-0000000000e1',
    type: 'meeting',
    title: 'Parent-teacher meeting',
    description: null,
    startsOn: today,
    endsOn: today,
    allDay: false,
    startTime: '09:30',
    endTime: '13:00',
    audience: 'school',
    targets: [],
    editable: true,
    ...over,
  };
}

let api: FakeApi;
afterEach(() => api.uninstall());

function givenCalendar(me = adminMe, items: CalendarItemView[] = [item({})]) {
  api = givenSignedInTeacher(installFakeApi(), me)
    .on('GET /api/v1/calendar/items', { status: 200, body: { items, nextCursor: null } })
    .on('GET /api/v1/calendar/feed', { status: 200, body: { active: false, createdAt: null, path: null } })
    .on('GET /api/v1/academics/classes', { status: 200, body: { items: [] } })
    .on('POST /api/v1/calendar/events', (req) => ({ status: 201, body: item({ ...(req.body as object) }) }))
    .on('POST /api/v1/calendar/feed', {
      status: 201,
      body: { active: true, createdAt: '2026-12-01T00:00:00Z', path: '/api/v1/calendar/feed/t.s.ics' },
    });
}

describe('school calendar', () => {
  it("asks for the month's items and shows the selected day's, moving between days with the arrow keys", async () => {
    givenCalendar();
    const { user } = renderApp('/calendar');
    expect(await screen.findByRole('heading', { name: 'School calendar' })).toBeInTheDocument();
    const today = schoolToday(adminMe.institution.timeZone);
    await waitFor(() => expect(api.requestsTo('GET /api/v1/calendar/items')).not.toHaveLength(0));
    const query = api.requestsTo('GET /api/v1/calendar/items')[0]!.query;
    expect(query.get('from')).toBe(`${today.slice(0, 7)}-01`);
    expect(await screen.findByTestId('calendar-item')).toHaveTextContent('Parent-teacher meeting');
    const day = screen.getByTestId(`day-${today}`);
    expect(day).toHaveAttribute('tabindex', '0');
    day.focus();
    await user.keyboard('{ArrowRight}');
    const next = new Date(`${today}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const nextDate = next.toISOString().slice(0, 10);
    await waitFor(() => expect(screen.getByTestId(`day-${nextDate}`)).toHaveFocus());
    expect(screen.getByText('Nothing on this day.')).toBeInTheDocument();
  });

  it('lets the admin add an event, refusing a missing title before sending', async () => {
    givenCalendar();
    const { user } = renderApp('/calendar');
    await user.click(await screen.findByRole('button', { name: 'Add event' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Use at least 2 characters')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/calendar/events')).toHaveLength(0);
    await user.type(within(dialog).getByRole('textbox', { name: /Title/ }), 'Sports day');
    const allDay = within(dialog).getByRole('switch', { name: 'All day' });
    expect(allDay).toBeChecked();
    await user.click(allDay);
    expect(await within(dialog).findByLabelText(/Starts at/)).toHaveValue('09:00');
    await user.click(allDay);
    expect(within(dialog).queryByLabelText(/Starts at/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/calendar/events')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/calendar/events')[0]!.body).toMatchObject({
      type: 'meeting',
      title: 'Sports day',
      allDay: true,
      audience: 'school',
    });
  });

  it('shows the feed link once, after the admin creates it', async () => {
    givenCalendar();
    const { user } = renderApp('/calendar');
    await user.click(await screen.findByRole('button', { name: 'Create feed link' }));
    expect(await screen.findByTestId('calendar-feed-link')).toHaveValue(
      `${window.location.origin}/api/v1/calendar/feed/t.s.ics`,
    );
  });

  it('shows a parent on a phone the agenda, read-only, without the feed controls', async () => {
    givenPhoneScreen();
    givenCalendar(parentMe, [item({ editable: false })]);
    renderApp('/calendar');
    expect(await screen.findByTestId('calendar-item')).toHaveTextContent('Parent-teacher meeting');
    expect(screen.queryByRole('button', { name: 'Add event' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByText('Calendar feed (iCalendar)')).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/calendar/feed')).toHaveLength(0);
  });
});
