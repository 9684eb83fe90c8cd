import type { PrivacySubjectType } from '@shala/contracts';

/** The id sets an archive gathers as it reads: the subject's own ids and those found along the way. */
export type KeySet = 'students' | 'guardians' | 'users' | 'invoices' | 'any';

/**
 * One tenant table of an access archive: the rows whose `column` holds an id of the key set `key` (several
 * matches are OR-ed). `yields` adds a column's values of the rows read to a key set, for the tables after
 * it, when the subject is of one of `yieldsFor` (all types when absent).
 */
export interface ArchiveSource {
  table: string;
  matches: { column: string; key: KeySet }[];
  yields?: { column: string; key: Exclude<KeySet, 'any'>; yieldsFor?: PrivacySubjectType[] }[];
  /** Addresses are masked (messages sent to the subject); encrypted addresses are left out. */
  maskAddresses?: boolean;
}

/**
 * Every table holding records about a data subject, in reading order (a table's `yields` feed later ones).
 * A new module with a table that references a student must add it here: the schema-coverage test in
 * test/privacy-requests.int-spec.ts fails otherwise (or list it in ARCHIVE_EXCLUDED with the reason).
 */
export const ARCHIVE_SOURCES: readonly ArchiveSource[] = [
  // students
  {
    table: 'students',
    matches: [{ column: 'id', key: 'students' }],
    yields: [{ column: 'user_id', key: 'users' }],
  },
  {
    table: 'student_guardians',
    matches: [
      { column: 'student_id', key: 'students' },
      { column: 'guardian_id', key: 'guardians' },
    ],
    yields: [{ column: 'guardian_id', key: 'guardians', yieldsFor: ['student'] }],
  },
  {
    table: 'guardians',
    matches: [{ column: 'id', key: 'guardians' }],
    yields: [{ column: 'user_id', key: 'users', yieldsFor: ['guardian'] }],
  },
  { table: 'enrolments', matches: [{ column: 'student_id', key: 'students' }] },
  {
    table: 'student_consents',
    matches: [
      { column: 'student_id', key: 'students' },
      { column: 'guardian_id', key: 'guardians' },
    ],
  },
  {
    table: 'student_consent_events',
    matches: [
      { column: 'student_id', key: 'students' },
      { column: 'guardian_id', key: 'guardians' },
    ],
  },
  { table: 'student_biometric_settings', matches: [{ column: 'student_id', key: 'students' }] },
  // attendance
  { table: 'attendance_marks', matches: [{ column: 'student_id', key: 'students' }] },
  { table: 'leave_requests', matches: [{ column: 'student_id', key: 'students' }] },
  // fees
  { table: 'fee_accounts', matches: [{ column: 'student_id', key: 'students' }] },
  { table: 'fee_student_heads', matches: [{ column: 'student_id', key: 'students' }] },
  {
    table: 'fee_invoices',
    matches: [{ column: 'student_id', key: 'students' }],
    yields: [{ column: 'id', key: 'invoices' }],
  },
  { table: 'fee_late_fee_applications', matches: [{ column: 'invoice_id', key: 'invoices' }] },
  { table: 'fee_reminders_sent', matches: [{ column: 'invoice_id', key: 'invoices' }] },
  { table: 'fee_manual_reminders', matches: [{ column: 'student_id', key: 'students' }] },
  { table: 'fee_payments', matches: [{ column: 'student_id', key: 'students' }] },
  { table: 'fee_ledger_entries', matches: [{ column: 'student_id', key: 'students' }] },
  { table: 'fee_online_orders', matches: [{ column: 'student_id', key: 'students' }] },
  { table: 'fee_online_order_parts', matches: [{ column: 'student_id', key: 'students' }] },
  // exams
  { table: 'marks', matches: [{ column: 'student_id', key: 'students' }] },
  { table: 'co_scholastic_grades', matches: [{ column: 'student_id', key: 'students' }] },
  { table: 'exam_remarks', matches: [{ column: 'student_id', key: 'students' }] },
  // notifications: consents of the subject's guardians, and the messages sent to them
  { table: 'notification_consents', matches: [{ column: 'guardian_id', key: 'guardians' }] },
  { table: 'notification_consent_events', matches: [{ column: 'guardian_id', key: 'guardians' }] },
  {
    table: 'outbox_messages',
    matches: [{ column: 'guardian_id', key: 'guardians' }],
    maskAddresses: true,
  },
  // circulars: which circulars addressed the subject's guardians, and their reading and acknowledgement
  { table: 'circular_recipients', matches: [{ column: 'guardian_id', key: 'guardians' }] },
  // the subject's own sign-in account and its roles
  { table: 'users', matches: [{ column: 'id', key: 'users' }] },
  { table: 'user_roles', matches: [{ column: 'user_id', key: 'users' }] },
  // audit events about the subject (and, for a user, done by them)
  {
    table: 'audit_events',
    matches: [
      { column: 'target_id', key: 'any' },
      { column: 'actor_user_id', key: 'users' },
    ],
  },
  // the subject's own data-subject requests
  { table: 'privacy_requests', matches: [{ column: 'subject_id', key: 'any' }] },
  // the privacy notice versions the subject's account accepted
  { table: 'privacy_notice_acceptances', matches: [{ column: 'user_id', key: 'users' }] },
  // grievances about the subject (a child) or raised by them (a parent's account)
  {
    table: 'privacy_grievances',
    matches: [
      { column: 'student_id', key: 'students' },
      { column: 'raised_by_user_id', key: 'users' },
    ],
  },
  // a teacher's lessons and the periods they were absent from or covered (issue 16)
  { table: 'timetable_entries', matches: [{ column: 'teacher_user_id', key: 'users' }] },
  {
    table: 'timetable_substitutions',
    matches: [
      { column: 'absent_teacher_user_id', key: 'users' },
      { column: 'substitute_user_id', key: 'users' },
    ],
  },
];

/**
 * Tenant tables that reference a student but do not belong in an access archive, each with its reason.
 * The schema-coverage test accepts these; anything else referencing a student must be in ARCHIVE_SOURCES.
 */
export const ARCHIVE_EXCLUDED: Readonly<Record<string, string>> = {
  // (none today: every table with a student_id column is archived)
};

/**
 * Columns never written to an archive: secrets and credentials (hashes, MFA secrets, tokens), blind
 * indexes (keyed hashes that mean nothing to the subject) and the audit chain's hashes.
 */
export const DROPPED_COLUMN =
  /password|secret|token|(^|_)hash$|_bidx$|^search_key$|^name_search$|^tenant_id$/;
