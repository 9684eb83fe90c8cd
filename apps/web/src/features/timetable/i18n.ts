import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

export const timetableText = {
  title: 'Timetable',
  intro: 'The week of each section and each teacher: subject, teacher and room per period.',
  tabs: {
    sections: 'Sections',
    teachers: 'Teachers',
    substitutions: 'Substitutions',
    bells: 'Bell schedule',
  },
  section: 'Section',
  teacher: 'Teacher',
  pickSection: 'Choose a section to see its timetable.',
  pickTeacher: 'Choose a teacher to see their week.',
  noSchedule: 'The bell schedule is not set yet. Ask your school administrator to set it.',
  noYear: 'There is no current academic year.',
  period: 'Period {{period}}',
  periodTime: 'Period {{period}}, {{start}}–{{end}}',
  free: 'Free',
  edit: 'Edit',
  done: 'Done',
  room: 'Room',
  lesson: 'Lesson',
  cellLabel: '{{day}}, period {{period}}',
  clear: 'No lesson',
  saved: 'Saved',
  print: 'Print',
  days: {
    sun: 'Sunday',
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
  },
  short: { sun: 'Sun', mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat' },
  myDay: {
    heading: 'My timetable today',
    none: 'No lessons today.',
    noSchool: 'No school today.',
    lesson: '{{start}} {{subject}}, {{section}}',
    room: 'Room {{room}}',
    register: 'Register',
    covering: 'Covering',
    coveredBy: 'Covered by {{name}}',
  },
  subs: {
    date: 'Date',
    absentTeacher: 'Absent teacher',
    pickTeacher: 'Choose the absent teacher to see their periods that day.',
    noLessons: 'This teacher has no lessons on that day.',
    periodLine: 'Period {{period}}: {{subject}}, {{section}}',
    candidate_one: '{{name}} ({{count}} period that day)',
    candidate_other: '{{name}} ({{count}} periods that day)',
    substitute: 'Substitute',
    confirm: 'Confirm',
    cancel: 'Cancel substitution',
    coveredBy: 'Covered by {{name}}',
    nobodyFree: 'No teacher is free in this period.',
  },
  bell: {
    intro:
      'Tick the days the school teaches and set each day’s periods and breaks. Periods are numbered in order of their start time.',
    kind: 'Period or break',
    period: 'Period',
    break: 'Break',
    start: '{{day}}, slot {{n}} starts',
    end: '{{day}}, slot {{n}} ends',
    label: 'Label (optional)',
    remove: 'Remove slot {{n}} of {{day}}',
    addPeriod: 'Add period',
    addBreak: 'Add break',
    maxPerDay: 'Most periods a teacher teaches a day',
    maxPerWeek: 'Most periods a teacher teaches a week',
    noLimit: 'Leave empty for no limit',
    save: 'Save bell schedule',
    errors: {
      time: 'Enter a time as HH:MM',
      endAfterStart: 'Must end after it starts',
      label: 'At most 40 characters',
      limit: 'Enter a whole number in range, or leave empty',
    },
  },
} as const;

export type TimetableText = typeof timetableText;

export function useTimetableText() {
  return useTranslation('timetable').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('timetable', timetableText);
