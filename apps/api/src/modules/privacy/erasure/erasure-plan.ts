/**
 * Whose ids a step matches: the erased students, guardians or user accounts; `family` is every guardian
 * of an erased student (also those kept for a sibling), whose messages may name the student.
 */
export type ErasureKey = 'students' | 'guardians' | 'users' | 'family';

/**
 * What erasure does to one tenant table holding a subject's data:
 * - `pseudonymise`: the subject's own record; names become the pseudonym, encrypted fields, blind indexes
 *   and search keys are nulled (students, guardians, users; done by ErasureRepository's named methods);
 * - `delete`: rows matching `column` are deleted;
 * - `scrub`: the listed columns of matching rows are overwritten with constants (NULL, '{}', ...);
 * - `keep`: nothing personal beyond ids (or a record the law keeps, under the pseudonym), with the reason.
 */
export type ErasureStep =
  | { action: 'pseudonymise'; key: ErasureKey }
  | { action: 'delete'; column: string; key: ErasureKey }
  | { action: 'scrub'; column: string; key: ErasureKey; set: Record<string, 'NULL' | `'${string}'`> }
  | { action: 'keep'; reason: string };

const IDS_ONLY = 'ids, codes and dates only; the subject is named by the pseudonym';
const LEDGER = 'statutory financial record: amounts kept under the pseudonym (PRV-02: finance records kept)';
const STAFF = 'refers to staff; staff erasure is handled by account removal, not this flow';

/**
 * Every tenant table that holds or references a student, guardian or user, and what erasure does to it.
 * erasure-plan.spec.ts fails when a table classified as about students/guardians/users, or with a
 * student_id/guardian_id/user_id column, has no entry: a new module cannot be forgotten.
 * Order matters: deletes and scrubs run before the subject rows are pseudonymised.
 */
export const ERASURE_PLAN: Readonly<Record<string, ErasureStep>> = {
  // notifications: addresses and template variables (which may name the student) are removed
  notification_message_events: { action: 'keep', reason: 'delivery events carry message ids and codes' },
  outbox_messages: {
    action: 'scrub',
    column: 'guardian_id',
    key: 'family',
    set: { recipient: "'erased'", recipient_enc: 'NULL', variables: "'{}'", last_error: 'NULL' },
  },
  notification_consents: { action: 'delete', column: 'guardian_id', key: 'guardians' },
  notification_consent_events: { action: 'delete', column: 'guardian_id', key: 'guardians' },
  circular_recipients: { action: 'delete', column: 'guardian_id', key: 'guardians' },
  // student-level consents and settings
  student_consents: { action: 'delete', column: 'student_id', key: 'students' },
  student_consent_events: { action: 'delete', column: 'student_id', key: 'students' },
  student_biometric_settings: { action: 'delete', column: 'student_id', key: 'students' },
  // attendance: free text goes, the marks stay (academic record under the pseudonym)
  attendance_marks: { action: 'scrub', column: 'student_id', key: 'students', set: { note: 'NULL' } },
  leave_requests: { action: 'delete', column: 'student_id', key: 'students' },
  // exams
  marks: { action: 'keep', reason: IDS_ONLY },
  co_scholastic_grades: { action: 'keep', reason: IDS_ONLY },
  exam_remarks: { action: 'delete', column: 'student_id', key: 'students' },
  mark_sheets: { action: 'keep', reason: STAFF },
  exam_sittings: { action: 'keep', reason: STAFF },
  subject_assignments: { action: 'keep', reason: STAFF },
  sections: { action: 'keep', reason: STAFF },
  // fees: amounts and receipts stay
  fee_accounts: { action: 'keep', reason: LEDGER },
  fee_student_heads: { action: 'keep', reason: LEDGER },
  fee_invoices: { action: 'keep', reason: LEDGER },
  fee_payments: { action: 'keep', reason: LEDGER },
  fee_ledger_entries: { action: 'keep', reason: LEDGER },
  fee_online_orders: { action: 'keep', reason: LEDGER },
  fee_online_order_parts: { action: 'keep', reason: LEDGER },
  fee_manual_reminders: { action: 'keep', reason: LEDGER },
  fee_late_fee_applications: { action: 'keep', reason: LEDGER },
  fee_reminders_sent: { action: 'keep', reason: LEDGER },
  fee_webhook_events: { action: 'keep', reason: LEDGER },
  // students
  enrolments: { action: 'keep', reason: IDS_ONLY },
  student_guardians: { action: 'keep', reason: IDS_ONLY },
  // privacy: requests and grievances keep their evidence, free text goes
  privacy_requests: {
    action: 'scrub',
    column: 'subject_id',
    key: 'students',
    set: { details: 'NULL' },
  },
  privacy_grievances: {
    action: 'scrub',
    column: 'student_id',
    key: 'students',
    set: { subject: "'(erased)'", text: "'(erased)'", answer: 'NULL' },
  },
  privacy_notice_acceptances: { action: 'keep', reason: 'evidence of notice: ids and dates only' },
  privacy_erasures: { action: 'keep', reason: 'the erasure itself: pseudonym and ids only' },
  privacy_incident_events: {
    action: 'keep',
    reason: 'incident timeline by staff (evidence for the Board); ids only',
  },
  // the accounts: sign-in identifiers removed, sessions and secrets deleted
  user_roles: { action: 'delete', column: 'user_id', key: 'users' },
  user_tokens: { action: 'delete', column: 'user_id', key: 'users' },
  mfa_recovery_codes: { action: 'delete', column: 'user_id', key: 'users' },
  refresh_tokens: { action: 'keep', reason: 'deleted with the sessions of the account (by session id)' },
  sessions: { action: 'delete', column: 'user_id', key: 'users' },
  audit_events: {
    action: 'keep',
    reason:
      'hash-chained accountability log: events carry ids (actor, target) and codes, the names shown are read from the pseudonymised records',
  },
  // the subject records last
  students: { action: 'pseudonymise', key: 'students' },
  guardians: { action: 'pseudonymise', key: 'guardians' },
  users: { action: 'pseudonymise', key: 'users' },
};

/** Scrubbed/deleted again for guardians (the same table matched by another key). */
export const ERASURE_EXTRA: readonly {
  table: string;
  step: Exclude<ErasureStep, { action: 'keep' | 'pseudonymise' }>;
}[] = [
  {
    table: 'privacy_requests',
    step: { action: 'scrub', column: 'subject_id', key: 'guardians', set: { details: 'NULL' } },
  },
  {
    table: 'privacy_grievances',
    step: {
      action: 'scrub',
      column: 'raised_by_user_id',
      key: 'users',
      set: { subject: "'(erased)'", text: "'(erased)'", answer: 'NULL' },
    },
  },
];

/** A column naming a data subject: a table with one must be in ERASURE_PLAN. */
export const SUBJECT_COLUMN = /^(student_id|guardian_id|user_id)$/;
