/** Privacy and data rights (issue 13, PRV-01..06): data-subject requests, access archives, transparency. */

export const PRIVACY_REQUEST_TYPES = ['access', 'correction', 'erasure', 'restriction'] as const;
export type PrivacyRequestType = (typeof PRIVACY_REQUEST_TYPES)[number];

export const PRIVACY_SUBJECT_TYPES = ['student', 'guardian', 'staff'] as const;
export type PrivacySubjectType = (typeof PRIVACY_SUBJECT_TYPES)[number];

export const PRIVACY_REQUEST_STATUSES = ['open', 'in_progress', 'completed', 'refused'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** Days a school has to answer a data-subject request (the contract's promise). */
export const PRIVACY_REQUEST_DUE_DAYS = 30;
/** Days an access archive stays downloadable. */
export const PRIVACY_ARCHIVE_TTL_DAYS = 7;

/** POST /privacy/requests (staff) and POST /privacy/my-requests (a parent, for themselves or a child). */
export interface CreatePrivacyRequest {
  type: PrivacyRequestType;
  subjectType: PrivacySubjectType;
  subjectId: string;
  /** What the subject asked for, in their words (no more than needed). */
  details?: string;
}

/** POST /privacy/requests/:id/transitions. `reason` is required for `refused`. */
export interface PrivacyRequestTransition {
  status: Exclude<PrivacyRequestStatus, 'open'>;
  reason?: string;
}

export interface PrivacyRequestView {
  id: string;
  type: PrivacyRequestType;
  subjectType: PrivacySubjectType;
  subjectId: string;
  /** The subject's display name (a student's or guardian's name, a staff member's name). */
  subjectName: string | null;
  status: PrivacyRequestStatus;
  details: string | null;
  /** Who raised it: a staff member on the subject's behalf, or a parent themselves. */
  raisedBy: 'staff' | 'parent';
  requestedByUserId: string;
  /** ISO date-times. */
  receivedAt: string;
  dueAt: string;
  closedAt: string | null;
  refusalReason: string | null;
  overdue: boolean;
}

export type PrivacyArchiveStatus = 'none' | 'running' | 'done' | 'failed' | 'expired';

/** An access request's archive job: progress, then a download until `expiresAt`. */
export interface PrivacyArchiveView {
  requestId: string;
  status: PrivacyArchiveStatus;
  done: number;
  total: number;
  /** ISO date-time after which the archive is gone; null until it is ready. */
  expiresAt: string | null;
}

export interface SubProcessorView {
  /** hosting, sms, email, whatsapp, payment_gateway */
  service: string;
  name: string;
  purpose: string;
  /** Data categories it receives. */
  dataCategories: string[];
  /** Where it processes data, as far as this installation knows. */
  location: string;
  /** Whether this installation has it configured (an unconfigured provider receives nothing). */
  configured: boolean;
}

export interface SubProcessorsView {
  items: SubProcessorView[];
}

export interface ProcessingActivityView {
  table: string;
  module: string;
  purpose: string;
  dataCategories: string[];
  subjects: string[];
  retention: string;
  recipients: string[];
  sensitive: boolean;
}

export interface RecordsOfProcessingView {
  controller: string;
  processor: string;
  activities: ProcessingActivityView[];
}

export const PrivacyErrorCode = {
  ArchiveJobsBusy: 'PRIVACY_ARCHIVE_JOBS_BUSY',
  ArchiveNotReady: 'PRIVACY_ARCHIVE_NOT_READY',
  InvalidTransition: 'PRIVACY_INVALID_TRANSITION',
  NotAnAccessRequest: 'PRIVACY_NOT_AN_ACCESS_REQUEST',
} as const;
