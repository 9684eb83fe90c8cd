import { useTranslation } from 'react-i18next';

export const timetableText = {
  title: 'Timetable',
  intro: 'The week of each section and each teacher: subject, teacher and room per period.',
  tabs: { sections: 'Sections', teachers: 'Teachers' },
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
} as const;

export type TimetableText = typeof timetableText;

export function useTimetableText() {
  return useTranslation('timetable').t;
}
