import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

export const privacyText = {
  title: 'Privacy',
  intro:
    'Everything the school does about personal data: requests from students, families and staff to see, correct, erase or restrict their data (each due 30 days after it was received), parents’ grievances, the incident register, the privacy notice parents accept, the records of processing, the sub-processors, and how long each kind of record is kept.',
  myTitle: 'My data',
  myIntro:
    'What the school holds about you and your children, and your say in it: ask for a copy of your child’s data or for it to be corrected, erased or restricted, and follow your requests, read the school’s privacy notice, choose what you consent to (messages, your child’s sign-in account, photos, biometric attendance), and raise a grievance with the school’s grievance officer. The school answers requests within 30 days.',
  tabs: {
    requests: 'Requests',
    processing: 'Records of processing',
    subProcessors: 'Sub-processors',
    myRequests: 'My requests',
    consents: 'Consents',
  },
  types: { access: 'Copy of data', correction: 'Correction', erasure: 'Erasure', restriction: 'Restriction' },
  subjectTypes: { student: 'Student', guardian: 'Guardian', staff: 'Staff member' },
  statuses: { open: 'Open', in_progress: 'In progress', completed: 'Completed', refused: 'Refused' },
  list: {
    label: 'Privacy requests',
    subject: 'About',
    type: 'Request',
    status: 'Status',
    received: 'Received',
    due: 'Due',
    overdue: 'Overdue',
    empty: 'No requests.',
    filterStatus: 'Status',
    allStatuses: 'All',
    onlyOverdue: 'Only overdue',
    raisedByParent: 'raised by the parent',
    refusedBecause: 'Refused: {{reason}}',
  },
  create: {
    open: 'Record a request',
    title: 'Record a privacy request',
    type: 'What is asked',
    subjectType: 'About a',
    student: 'Student',
    studentSearch: 'Type a name or admission number',
    subjectId: 'Guardian or staff ID',
    subjectIdHelp: 'The ID from the student’s guardians or the users page.',
    details: 'Details (optional)',
    submit: 'Record request',
    created: 'Request recorded; it is due on {{date}}.',
  },
  actions: {
    start: 'Start work',
    complete: 'Mark completed',
    refuse: 'Refuse',
    refuseTitle: 'Refuse the request',
    reason: 'Reason for refusal',
    reasonRequired: 'A refusal needs a reason.',
    confirmRefuse: 'Refuse request',
  },
  archive: {
    title: 'Data archive',
    none: 'No archive made yet.',
    running: 'Preparing the archive: {{done}} of {{total}} tables',
    done: 'Ready to download until {{date}}.',
    failed: 'The archive could not be made.',
    expired: 'The archive has expired.',
    make: 'Make the archive',
    remake: 'Make it again',
    download: 'Download archive (ZIP)',
    notYours: 'Only the person who raised the request can download its archive.',
  },
  my: {
    child: 'Child',
    ask: 'Request a copy of my child’s data',
    asked: 'Requested. The archive is being prepared.',
    askedReady: 'Your copy is ready: download it from the request below.',
    askedFailed: 'The archive could not be made. Make it again from the request below.',
    other: 'Ask to correct, erase or restrict…',
    otherTitle: 'Ask about your child’s data',
    otherIntro:
      'The school answers within 30 days. An erasure keeps the fee records the law requires, under a pseudonym; a restriction stops messages other than account ones and leaves your child out of analytics and exports.',
    otherType: 'What do you ask for?',
    otherTypes: {
      correction: 'Correct something that is wrong',
      erasure: 'Erase my child’s data',
      restriction: 'Restrict the use of my child’s data',
    },
    otherWhatWrong: 'What is wrong, and what should it say?',
    otherWhatWrongRequired: 'Say what is wrong.',
    otherWhy: 'Anything the school should know (optional)',
    otherSubmit: 'Send the request',
    otherCreated: 'Sent. The school will answer by {{date}}.',
    empty: 'You have not made any requests yet.',
    noChildren: 'No children are linked to your account.',
    messagesTitle: 'How the school contacts you',
  },
  processing: {
    controller: 'Controller: {{name}}',
    processor: 'Processor: {{name}}',
    table: 'Records',
    purpose: 'Purpose',
    categories: 'Data',
    subjects: 'About',
    retention: 'Kept for',
    recipients: 'Shared with',
    sensitive: 'Sensitive',
  },
  subProcessors: {
    service: 'Service',
    name: 'Provider',
    purpose: 'Purpose',
    location: 'Location',
    configured: 'In use',
    notConfigured: 'Not in use',
  },
};

export function usePrivacyText() {
  return useTranslation('privacy').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('privacy', privacyText);
