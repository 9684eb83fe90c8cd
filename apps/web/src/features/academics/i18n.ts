import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

export const academicsText = {
  title: 'Academics',
  intro: 'Set up the school year, classes and sections, subjects and who teaches them.',
  tabs: {
    years: 'Years',
    classes: 'Classes',
    subjects: 'Subjects',
    assignments: 'Teachers',
    promotion: 'Promotion',
  },
  years: {
    table: 'Academic years',
    name: 'Name',
    startsOn: 'Starts',
    endsOn: 'Ends',
    current: 'Current',
    makeCurrent: 'Make current',
    makeCurrentOf: 'Make {{name}} the current year',
    confirmTitle: 'Change the current year?',
    confirmBody: 'New enrolments, attendance and reports will use {{name}}.',
    empty: 'No academic years yet. Add the year the school is in now.',
    add: 'Add year',
  },
  classes: {
    empty: 'No classes yet. Add a class, then its sections.',
    sections: 'Sections',
    noSections: 'No sections yet.',
    classTeacher: 'Class teacher of {{name}}',
    noTeacher: 'No class teacher',
    addClass: 'Add class',
    className: 'Class name',
    ordinal: 'Order',
    addSection: 'Add section',
    sectionName: 'Section name',
    saved: 'Saved',
  },
  subjects: {
    table: 'Subjects',
    code: 'Code',
    name: 'Name',
    empty: 'No subjects yet. Add the subjects the school teaches.',
    add: 'Add subject',
  },
  assignments: {
    table: 'Subject teachers',
    section: 'Section',
    subject: 'Subject',
    teacher: 'Teacher',
    year: 'Year',
    empty: 'No subject teachers yet. Choose a section, a subject and a teacher to assign.',
    add: 'Assign',
    remove: 'Remove {{subject}} in {{section}}',
    confirmTitle: 'Remove this assignment?',
    confirmBody: '{{teacher}} will no longer teach {{subject}} in {{section}}.',
    confirm: 'Remove',
  },
  promotion: {
    intro:
      'Moves every active student of a class into the next class for the chosen year. Past enrolments are kept.',
    from: 'From class',
    to: 'To class',
    year: 'Into year',
    promote: 'Promote',
    confirmTitle: 'Promote the whole class?',
    confirmBody: 'Every active student of {{from}} moves to {{to}} for {{year}}.',
    done: '{{promoted}} promoted, {{skipped}} skipped.',
  },
  form: { required: 'Required', dateFormat: 'Use a date like 2026-04-01', ordinal: 'Use a whole number' },
} as const;

export function useAcademicsText() {
  return useTranslation('academics').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('academics', academicsText);
