import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../../app/i18n/registry';

export const privacyRetentionText = {
  tab: 'Retention',
  policy: {
    title: 'Retention policy',
    intro:
      'How long the school keeps records of what the system did. Every day a job deletes what is older than these periods and reports what it deleted below.',
    floor:
      'The DPDP Rules 2025 require logs of processing to be kept for at least one year, so the school cannot choose fewer than {{min}} days for them.',
    processingLogs: 'Logs of processing (days)',
    processingLogsHelp: 'Ended sign-in sessions with their device and IP address. {{min}}–{{max}} days.',
    deliveryRecords: 'Message delivery records (days)',
    deliveryRecordsHelp:
      'Sent and failed messages with their delivery reports; unsent messages are never deleted. {{min}}–{{max}} days.',
    defaultHint: 'Leave empty for the installation default ({{days}} days).',
    belowFloor: 'Logs of processing must be kept at least {{min}} days (one year, DPDP Rules 2025).',
    outOfBounds: 'Enter a whole number of days from {{min}} to {{max}}.',
    effective: 'In effect: logs {{logs}} days, delivery records {{deliveries}} days.',
    auditEvents: 'Audit events',
    auditEventsKept:
      'Kept for as long as the school uses Shala: they form a tamper-evident chain, and deleting the oldest would break its verification.',
    archives: 'Data archives of access requests',
    archivesKept: 'Deleted automatically {{days}} days after they are made.',
    save: 'Save policy',
    saved: 'Retention policy saved.',
  },
  runs: {
    title: 'Recent runs',
    label: 'Runs of the retention job',
    empty: 'The retention job has not run for this school yet.',
    started: 'Started',
    periods: 'Periods',
    periodsValue: 'logs {{logs}} d · deliveries {{deliveries}} d',
    logsDeleted: 'Logs deleted',
    deliveriesDeleted: 'Delivery records deleted',
    status: 'Status',
    statuses: { running: 'Running', done: 'Done', failed: 'Failed' },
  },
};

export function usePrivacyRetentionText() {
  return useTranslation('privacyRetention').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('privacyRetention', privacyRetentionText);
