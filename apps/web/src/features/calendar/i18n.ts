import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

export const calendarText = {
  title: 'School calendar',
  intro:
    'Holidays, exams, meetings and functions. Holidays come from attendance; exam days from the exam schedule.',
  views: { label: 'View', month: 'Month', agenda: 'Agenda' },
  month: {
    previous: 'Previous month',
    next: 'Next month',
    today: 'Today',
    gridLabel: 'Days of {{month}}',
    dayLabel: '{{date}}: {{count}} items',
    dayLabel_one: '{{date}}: 1 item',
    dayLabel_zero: '{{date}}: nothing',
    more: '+{{count}} more',
    selectedDay: 'On {{date}}',
    nothingThatDay: 'Nothing on this day.',
    keyboardHint: 'Arrow keys move between days; Enter shows a day.',
  },
  agenda: {
    label: 'Agenda for {{month}}',
    empty: 'Nothing in the calendar this month.',
    emptyAdmin: 'Nothing in the calendar this month. Add an event, or add holidays in Attendance.',
  },
  types: { exam: 'Exam', holiday: 'Holiday', meeting: 'Meeting', function: 'Function', other: 'Other' },
  item: {
    allDay: 'All day',
    time: '{{from}}–{{to}}',
    range: '{{from}} to {{to}}',
    wholeSchool: 'Whole school',
    edit: 'Edit',
    editTitle: 'Edit {{title}}',
    remove: 'Remove',
    removeTitle: 'Remove {{title}}',
    fromAttendance: 'From the attendance calendar',
    fromExams: 'From the exam schedule',
  },
  form: {
    add: 'Add event',
    addTitle: 'Add a calendar event',
    editTitle: 'Edit calendar event',
    save: 'Save',
    type: 'Type',
    title: 'Title',
    description: 'Description',
    startsOn: 'Starts on',
    endsOn: 'Ends on',
    allDay: 'All day',
    startTime: 'Starts at',
    endTime: 'Ends at',
    audience: 'For',
    audiences: { school: 'The whole school', classes: 'Some classes or sections' },
    targets: 'Classes and sections',
    targetsHint: 'Pick a whole class or one of its sections.',
    wholeClass: '{{name}} (whole class)',
    required: 'Required',
    titleShort: 'Use at least 2 characters',
    dateFormat: 'Use a date like 2026-04-01',
    timeFormat: 'Use a time like 09:30',
    endBeforeStart: 'Must be on or after the start',
    endTimeBeforeStart: 'Must be after the start time',
    targetsRequired: 'Pick at least one class or section',
  },
  remove: {
    title: 'Remove this event?',
    body: '“{{title}}” will be removed from the calendar and the feed. This is recorded in the audit log.',
    confirm: 'Remove event',
  },
  feed: {
    title: 'Calendar feed (iCalendar)',
    intro:
      'A secret link families can add to Google Calendar, Apple Calendar or Outlook. It holds whole-school events and holidays only — no names, no class lists.',
    off: 'There is no feed yet.',
    on: 'A feed is live since {{date}}. Its link is shown only when it is made; rotate it to get a new one.',
    create: 'Create feed link',
    rotate: 'Rotate link',
    revoke: 'Revoke',
    newLink: 'Copy this link now; it will not be shown again.',
    link: 'Feed link',
    copy: 'Copy link',
    copied: 'Copied',
    rotateTitle: 'Rotate the feed link?',
    rotateBody: 'The current link stops working at once. Everyone who subscribed needs the new one.',
    revokeTitle: 'Revoke the feed?',
    revokeBody: 'The link stops working at once. You can create a new one later.',
  },
};

export function useCalendarText() {
  return useTranslation('calendar').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('calendar', calendarText);
