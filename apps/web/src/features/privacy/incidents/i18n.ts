import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../../app/i18n/registry';

export const privacyIncidentsText = {
  tab: 'Incidents',
  operatorTab: 'Incidents',
  schoolsTab: 'Schools',
  intro:
    'Record personal-data breaches and incidents. From detection, affected schools must be told within 24 hours, the Data Protection Board within 72 hours, and Meta within 48 hours when WhatsApp is involved.',
  categories: {
    identity: 'Identity',
    contact: 'Contact details',
    national_id: 'National IDs',
    health: 'Health',
    academic: 'Academic records',
    attendance: 'Attendance',
    financial: 'Financial',
    credentials: 'Passwords and sign-in',
    activity_logs: 'Activity logs',
    communications: 'Messages',
    consent: 'Consent records',
  },
  statuses: { open: 'Open', closed: 'Closed' },
  clocks: { schools: 'Schools (24 h)', board: 'Board (72 h)', meta: 'Meta (48 h)' },
  clockStates: {
    pending: 'due {{date}}',
    overdue: 'overdue since {{date}}',
    done_on_time: 'notified on time',
    done_late: 'notified late',
    not_applicable: 'not applicable',
  },
  events: {
    created: 'Recorded',
    note: 'Note',
    containment: 'Containment',
    mitigation: 'Mitigation',
    notified: 'Notified',
    closed: 'Closed',
  },
  list: {
    label: 'Incidents',
    empty: 'No incidents recorded.',
    detected: 'Detected {{date}}',
    subjects: 'About {{count}} people',
    schools: '{{count}} schools affected',
    byOperator: 'Recorded by the platform operator',
    open: 'Details',
  },
  create: {
    open: 'Record an incident',
    title: 'Record an incident',
    detectedAt: 'Detected at',
    nature: 'What happened (one line)',
    description: 'Description',
    categories: 'Data affected',
    subjectsCount: 'Approximate number of people affected',
    containment: 'Containment so far (optional)',
    mitigation: 'Mitigation so far (optional)',
    whatsapp: 'WhatsApp is involved (Meta must be told within 48 hours)',
    schools: 'Affected schools',
    submit: 'Record',
    required: 'Required.',
    noSchools: 'Choose at least one school.',
    noCategories: 'Choose at least one kind of data.',
    badCount: 'Enter a whole number of 0 or more.',
    recorded: 'Incident recorded.',
    noticeQueued: 'Notices to {{count}} admins are queued in the outbox.',
    noticeNoChannel:
      'Notices to {{count}} admins are queued, but {{schools}} schools have no email channel set up: they will not go out until it is.',
    noticeNone: 'No admin could be found to notify; tell the schools another way.',
  },
  detail: {
    title: 'Incident',
    timeline: 'Timeline',
    kind: 'Add to the timeline',
    text: 'Text',
    target: 'Who was notified',
    notifiedAt: 'Notified at',
    add: 'Add',
    textRequired: 'Write something.',
    readOnly: 'The platform operator manages this incident; you can read it here.',
    close: 'Close the incident',
    rootCause: 'Root cause',
    rootCauseRequired: 'The root cause is required to close.',
    closeSubmit: 'Close incident',
    rootCauseShown: 'Root cause: {{text}}',
    by: 'by {{name}}',
    done: 'Close',
  },
};

export function usePrivacyIncidentsText() {
  return useTranslation('privacyIncidents').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('privacyIncidents', privacyIncidentsText);
