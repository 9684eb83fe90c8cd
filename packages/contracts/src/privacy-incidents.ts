/**
 * Breach and incident register (issue 13 item 10, DPDP Rules): an operator or a school admin records a
 * personal-data incident; from its detection run three clocks (affected schools 24 h, the Data Protection
 * Board 72 h, Meta 48 h when WhatsApp is involved), each stopped by the "notified at" the user records.
 * Every change is a timeline event; closing needs the root cause.
 */

/** The data-classification map's categories (what kind of personal data the incident touched). */
export const INCIDENT_DATA_CATEGORIES = [
  'identity',
  'contact',
  'national_id',
  'health',
  'academic',
  'attendance',
  'financial',
  'credentials',
  'activity_logs',
  'communications',
  'consent',
] as const;
export type IncidentDataCategory = (typeof INCIDENT_DATA_CATEGORIES)[number];

/** `platform`: recorded by an operator, may span schools; `school`: recorded by the school itself. */
export const INCIDENT_ORIGINS = ['platform', 'school'] as const;
export type IncidentOrigin = (typeof INCIDENT_ORIGINS)[number];

export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Whom a clock is about, and its hours from detection. */
export const INCIDENT_CLOCKS = { schools: 24, board: 72, meta: 48 } as const;
export type IncidentClockKey = keyof typeof INCIDENT_CLOCKS;
export const INCIDENT_CLOCK_KEYS = [
  'schools',
  'board',
  'meta',
] as const satisfies readonly IncidentClockKey[];

/** not_applicable: the Meta clock of an incident without WhatsApp. */
export const INCIDENT_CLOCK_STATES = [
  'pending',
  'overdue',
  'done_on_time',
  'done_late',
  'not_applicable',
] as const;
export type IncidentClockState = (typeof INCIDENT_CLOCK_STATES)[number];

/** Events a user adds; `created` and `closed` are written by the register itself. */
export const INCIDENT_EVENT_KINDS = ['note', 'containment', 'mitigation', 'notified'] as const;
export type IncidentEventKind = (typeof INCIDENT_EVENT_KINDS)[number] | 'created' | 'closed';

export const INCIDENT_NATURE_MAX = 200;
export const INCIDENT_TEXT_MAX = 4000;
export const INCIDENT_SUBJECTS_MAX = 10_000_000;
export const INCIDENT_SCHOOLS_MAX = 500;

/** POST /privacy/incidents (a school) and POST /platform/incidents (an operator, with `institutionIds`). */
export interface CreateIncident {
  /** ISO date-time, not in the future. */
  detectedAt: string;
  nature: string;
  description: string;
  categories: IncidentDataCategory[];
  /** Approximate number of people affected. */
  subjectsCount: number;
  containment?: string;
  mitigation?: string;
  whatsappInvolved: boolean;
  /** Operator only: the affected schools (at least one). */
  institutionIds?: string[];
}

/** POST .../incidents/:id/events. `text` is required for note/containment/mitigation. */
export interface AddIncidentEvent {
  kind: (typeof INCIDENT_EVENT_KINDS)[number];
  text?: string;
  /** kind `notified`: which clock the notification stops, and when it was made. */
  target?: IncidentClockKey;
  notifiedAt?: string;
}

/** POST .../incidents/:id/close. */
export interface CloseIncident {
  rootCause: string;
}

export interface IncidentClockView {
  key: IncidentClockKey;
  hours: number;
  /** ISO date-times. */
  deadline: string;
  notifiedAt: string | null;
  state: IncidentClockState;
}

export interface IncidentEventView {
  id: string;
  kind: IncidentEventKind;
  text: string | null;
  target: IncidentClockKey | null;
  at: string;
  actorUserId: string | null;
  /** Null when the actor is not of the reader's organisation (an operator, seen by a school). */
  actorName: string | null;
}

/** What happened to the notices to affected schools' admins (only in the create response). */
export interface IncidentNoticeOutcome {
  /** queued: messages are in the outbox (not yet sent); no_channel: queued but no email channel is set up. */
  status: 'queued' | 'no_channel' | 'no_recipients';
  messages: number;
  /** Schools whose email channel is not set up (their message waits in the outbox). */
  schoolsWithoutChannel: number;
}

export interface IncidentView {
  id: string;
  origin: IncidentOrigin;
  status: IncidentStatus;
  detectedAt: string;
  nature: string;
  description: string;
  categories: IncidentDataCategory[];
  subjectsCount: number;
  containment: string | null;
  mitigation: string | null;
  whatsappInvolved: boolean;
  clocks: IncidentClockView[];
  /** The affected schools by name: the operator's view only (a school sees none, only the count). */
  affectedSchools: { id: string; name: string }[] | null;
  affectedSchoolCount: number;
  /** Whether the reader may add events and close it (a school cannot change an operator's incident). */
  editable: boolean;
  rootCause: string | null;
  closedAt: string | null;
  createdAt: string;
  events: IncidentEventView[];
  notice: IncidentNoticeOutcome | null;
}

export const IncidentErrorCode = {
  Closed: 'PRIVACY_INCIDENT_CLOSED',
  ManagedByOperator: 'PRIVACY_INCIDENT_MANAGED_BY_OPERATOR',
} as const;
