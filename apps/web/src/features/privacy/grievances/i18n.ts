import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../../app/i18n/registry';

export const privacyGrievancesText = {
  tab: 'Grievances',
  categories: {
    data_access: 'Access to data',
    correction: 'Correction',
    consent: 'Consent',
    security: 'Security',
    other: 'Other',
  },
  statuses: { open: 'Open', answered: 'Answered', closed: 'Closed' },
  list: {
    label: 'Grievances',
    subject: 'Grievance',
    category: 'Category',
    status: 'Status',
    received: 'Received',
    due: 'Due',
    overdue: 'Overdue',
    empty: 'No grievances.',
    myEmpty: 'You have not raised any grievances.',
    filterStatus: 'Status',
    allStatuses: 'All',
    onlyOverdue: 'Only overdue',
    about: 'About {{name}}',
    answer: 'Answer',
    answeredOn: 'Answered on {{date}}',
    awaiting: 'Awaiting an answer; due by {{date}}.',
  },
  answer: {
    open: 'Answer',
    title: 'Answer the grievance',
    answer: 'Answer',
    required: 'Write the answer.',
    close: 'Close the grievance with this answer',
    submit: 'Send answer',
  },
  officer: {
    title: 'Grievance officer',
    intro:
      'Parents see this name and contact on the privacy page. Grievances must be answered within the response period.',
    name: 'Name',
    email: 'Email',
    phone: 'Phone (optional)',
    responseDays: 'Response period (days, 1–90)',
    responseDaysInvalid: 'Enter a whole number of days from 1 to 90.',
    nameRequired: 'Enter the officer’s name.',
    emailInvalid: 'Enter a valid email address.',
    save: 'Save',
    saved: 'Grievance officer saved.',
    notSet: 'The school has not named a grievance officer yet.',
    contact: 'Grievance officer: {{name}}, {{email}}',
    phoneLine: 'Phone: {{phone}}',
    period: 'Grievances are answered within {{days}} days.',
  },
  raise: {
    title: 'Raise a grievance',
    category: 'Category',
    child: 'About a child (optional)',
    noChild: 'Not about a particular child',
    subject: 'Subject',
    text: 'Your grievance',
    subjectRequired: 'Enter a subject.',
    textRequired: 'Describe your grievance.',
    submit: 'Raise grievance',
    raised: 'Grievance raised; the school will answer by {{date}}.',
  },
};

export function usePrivacyGrievancesText() {
  return useTranslation('privacyGrievances').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('privacyGrievances', privacyGrievancesText);
