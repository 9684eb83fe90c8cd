import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

/** English strings of the audit screens: the 'audit' i18next namespace (registered in app/i18n/resources.ts). */
export const auditText = {
  title: 'Audit log',
  intro: 'Every sign-in, change and export at {{institution}}, in a tamper-evident chain.',
  filtersLabel: 'Filter the audit log',
  action: 'Action',
  actionPlaceholder: 'auth.* or users.invited',
  outcome: 'Outcome',
  outcomeAny: 'Any outcome',
  outcomes: {
    success: 'Success',
    failure: 'Failure',
    denied: 'Denied',
  },
  dates: 'Dates',
  datesPlaceholder: 'Any date',
  actor: 'Actor',
  actorPlaceholder: 'Anyone',
  apply: 'Apply filters',
  clear: 'Clear filters',
  timesIn: 'Times are in {{timeZone}}.',
  tableLabel: 'Audit events',
  seq: '#{{seq}}',
  cardLine: '{{time}} · {{actor}}',
  noTarget: '—',
  column: {
    seq: '#',
    time: 'Time',
    action: 'Action',
    outcome: 'Outcome',
    actor: 'Actor',
    target: 'Target',
    summary: 'What happened',
  },
  system: 'System',
  anonymous: 'Not signed in',
  showDetails: 'Show details of event {{seq}}',
  hideDetails: 'Hide details of event {{seq}}',
  detail: {
    id: 'Event id',
    actor: 'Actor id',
    targetName: 'Target name',
    target: 'Target',
    requestId: 'Request id',
    ip: 'IP address',
    userAgent: 'Browser',
    details: 'Details',
    hash: 'Hash',
    prevHash: 'Previous hash',
    none: 'None',
  },
  empty: 'No event matches these filters. Widen the dates or clear the filters.',
  emptyAll: 'Nothing has been recorded yet. Events appear here as people sign in and make changes.',
  loadMore: 'Load older events',
  exportCsv: 'Export CSV',
  exportJson: 'Export JSON',
  exportFailed: 'The export failed',
  exported: 'Saved {{file}}.',
  chain: {
    checking: 'Checking the chain…',
    ok_one: 'Chain verified: {{count}} event',
    ok_other: 'Chain verified: {{count}} events',
    broken: 'Chain broken at event {{seq}}: {{reason}}',
    failed: 'The chain could not be checked',
  },
} as const;

/** t() of the 'audit' namespace; shared keys (common., errors., validation. ...) fall back to app/i18n/en.ts. */
export function useAuditText() {
  return useTranslation('audit').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('audit', auditText);
