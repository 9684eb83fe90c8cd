/**
 * Verifiable parental consent (issue 13 item 7, DPDP Act s. 9): before a student under 18 gets a sign-in
 * account, or the school uses their photo or biometric attendance, a linked guardian consents, either in
 * the parent app (signed in) or on a paper form the school records with its document reference. Each
 * consent can be withdrawn; every grant and withdrawal stays in the history.
 */

/** The optional purposes that need a guardian's consent per student (messaging consents are per guardian). */
export const STUDENT_CONSENT_PURPOSES = ['student_account', 'photo_use', 'biometric_attendance'] as const;
export type StudentConsentPurpose = (typeof STUDENT_CONSENT_PURPOSES)[number];

/** How the consent was given: the guardian in the parent app, or a paper form recorded by staff. */
export const STUDENT_CONSENT_SOURCES = ['parent_app', 'paper_form'] as const;
export type StudentConsentSource = (typeof STUDENT_CONSENT_SOURCES)[number];

export const CONSENT_DOCUMENT_REF_MAX = 100;
/** From this age a student decides about their own account; no guardian consent is needed. */
export const AGE_OF_CONSENT = 18;

export const StudentConsentErrorCode = {
  /** 409: the student is under 18 and no linked guardian consented to the purpose (details name it). */
  ConsentRequired: 'CONSENT_REQUIRED',
} as const;

export interface StudentConsentState {
  purpose: StudentConsentPurpose;
  granted: boolean;
  /** Null when never asked (no consent). */
  source: StudentConsentSource | null;
  guardianId: string | null;
  documentRef: string | null;
  recordedAt: string | null;
  recordedByUserId: string | null;
}

export interface StudentConsentEvent {
  id: string;
  purpose: StudentConsentPurpose;
  granted: boolean;
  source: StudentConsentSource;
  guardianId: string;
  guardianName: string | null;
  documentRef: string | null;
  recordedAt: string;
  recordedByUserId: string | null;
}

/** One student's consents, their history (oldest first) and what they allow. */
export interface StudentConsentsView {
  studentId: string;
  studentName: string;
  /** 18 or older from the date of birth: their own account needs no guardian consent. */
  adult: boolean;
  /** Whether an account may be linked now (adult, or the account consent is granted). */
  accountAllowed: boolean;
  hasAccount: boolean;
  biometricAttendance: boolean;
  guardians: { guardianId: string; fullName: string }[];
  consents: StudentConsentState[];
  history: StudentConsentEvent[];
}

/** PUT /privacy/my-student-consents/:studentId (a parent, as one of the child's guardians). */
export interface MyStudentConsentChange {
  purpose: StudentConsentPurpose;
  granted: boolean;
}

/** PUT /privacy/students/:studentId/consents (staff record a paper form, grant or withdrawal). */
export interface PaperStudentConsentChange extends MyStudentConsentChange {
  guardianId: string;
  documentRef: string;
}

/** PUT /privacy/students/:studentId/biometric-attendance. */
export interface BiometricAttendanceChange {
  enabled: boolean;
}
