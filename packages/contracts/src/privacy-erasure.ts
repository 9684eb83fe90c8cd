/**
 * Restriction and erasure of a data subject (issue 13 items 3 and 4, PRV-02). A restriction request,
 * once applied, stops non-essential processing of its subject (messages other than account ones,
 * exports) until staff lift it. An approved erasure request is scheduled with a 48-hour notice to the
 * family and then executed: the subject's personal data is deleted or replaced by a pseudonym everywhere,
 * the fee ledger keeping its amounts under that pseudonym.
 */

/** Hours between scheduling an erasure (and noticing the family) and executing it. */
export const ERASURE_NOTICE_HOURS = 48;

export const ERASURE_STATUSES = ['scheduled', 'executed', 'cancelled'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

/** POST /privacy/requests/:id/erasure: the subject's full name or admission number, typed by staff. */
export interface ScheduleErasure {
  confirmation: string;
}

/** The erasure of one erasure request. */
export interface PrivacyErasureView {
  requestId: string;
  status: ErasureStatus;
  /** ISO date-times. */
  scheduledAt: string;
  executesAt: string;
  executedAt: string | null;
  cancelledAt: string | null;
  /** The name the subject's records carry once erased, e.g. "Erased student 7F3A". */
  pseudonym: string;
}

/** Whether processing of the subject of a restriction request is restricted now. */
export interface PrivacyRestrictionView {
  requestId: string;
  subjectType: 'student' | 'guardian';
  subjectId: string;
  restricted: boolean;
}

export const PrivacyErasureErrorCode = {
  NotAnErasureRequest: 'PRIVACY_NOT_AN_ERASURE_REQUEST',
  NotARestrictionRequest: 'PRIVACY_NOT_A_RESTRICTION_REQUEST',
  NotACorrectionRequest: 'PRIVACY_NOT_A_CORRECTION_REQUEST',
  ConfirmationMismatch: 'PRIVACY_ERASURE_CONFIRMATION_MISMATCH',
  ErasureNotDue: 'PRIVACY_ERASURE_NOT_DUE',
  ErasureState: 'PRIVACY_ERASURE_STATE',
} as const;
