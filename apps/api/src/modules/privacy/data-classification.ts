/**
 * The data-classification map (PRV-05): one entry per tenant table, with what it holds, why, about whom,
 * how long it is kept and who receives it. The records of processing (GET /privacy/records-of-processing)
 * are generated from it; data-classification.spec.ts fails when a tenant table has no entry, so a new
 * module must classify its tables.
 */

export type DataCategory =
  | 'identity'
  | 'contact'
  | 'national_id'
  | 'health'
  | 'academic'
  | 'attendance'
  | 'financial'
  | 'credentials'
  | 'activity_logs'
  | 'communications'
  | 'consent'
  | 'configuration'
  | 'none';

export type SubjectCategory = 'students' | 'guardians' | 'staff' | 'users' | 'none';

export interface TableClassification {
  module: string;
  purpose: string;
  categories: DataCategory[];
  subjects: SubjectCategory[];
  retention: string;
  /** Who receives the data beyond the school's own authorised staff. */
  recipients: string[];
}

const WHILE_ENROLLED = 'while the student is enrolled, then as the school\u2019s records policy requires';
const SCHOOL = 'school staff by role';
const FAMILY = 'the student\u2019s linked guardians (parent app)';
const ACCOUNTING = 'statutory financial records: at least 8 years (Income Tax Act / Companies Act)';
const CONFIG = 'while the school uses the service';
const ACCOUNT = 'while the account exists';

const config = (module: string, purpose: string): TableClassification => ({
  module,
  purpose,
  categories: ['configuration'],
  subjects: ['none'],
  retention: CONFIG,
  recipients: [SCHOOL],
});

const fees = (purpose: string, extra: Partial<TableClassification> = {}): TableClassification => ({
  module: 'fees',
  purpose,
  categories: ['financial'],
  subjects: ['students', 'guardians'],
  retention: ACCOUNTING,
  recipients: [SCHOOL, FAMILY],
  ...extra,
});

const exams = (purpose: string, extra: Partial<TableClassification> = {}): TableClassification => ({
  module: 'exams',
  purpose,
  categories: ['academic'],
  subjects: ['students'],
  retention: WHILE_ENROLLED,
  recipients: [SCHOOL, FAMILY],
  ...extra,
});

export const DATA_CLASSIFICATION: Readonly<Record<string, TableClassification>> = {
  // institutions
  institution_profiles: config(
    'institutions',
    'The school\u2019s name, address and contact for receipts and notices',
  ),
  institution_logos: config('institutions', 'The school\u2019s logo on documents'),
  school_storage: config('institutions', 'How much storage the school\u2019s data takes, for the operator'),
  // audit
  audit_events: {
    module: 'audit',
    purpose: 'Accountability: who did what and when (tamper-evident log)',
    categories: ['activity_logs'],
    subjects: ['users', 'students', 'guardians'],
    retention: 'at least 1 year (DPDP Rules: logs of processing)',
    recipients: ['school administrators'],
  },
  audit_chain_heads: config('audit', 'The audit log\u2019s integrity chain head'),
  // users, access, auth
  users: {
    module: 'users',
    purpose: 'Sign-in accounts of staff, parents and students',
    categories: ['identity', 'contact', 'credentials'],
    subjects: ['users'],
    retention: ACCOUNT,
    recipients: ['school administrators'],
  },
  roles: config('access', 'Roles and what they may do'),
  role_permissions: config('access', 'Permissions of each role'),
  user_roles: {
    module: 'access',
    purpose: 'Which roles each account holds',
    categories: ['identity'],
    subjects: ['users'],
    retention: ACCOUNT,
    recipients: ['school administrators'],
  },
  sessions: {
    module: 'auth',
    purpose: 'Signed-in sessions (device, IP address) for security',
    categories: ['activity_logs'],
    subjects: ['users'],
    retention: 'the school\u2019s processing-log period after the session ends (at least 1 year, DPDP Rules)',
    recipients: ['the account holder'],
  },
  refresh_tokens: {
    module: 'auth',
    purpose: 'Keeping a session signed in (hashed tokens)',
    categories: ['credentials'],
    subjects: ['users'],
    retention: 'the school\u2019s processing-log period after the session ends (at least 1 year, DPDP Rules)',
    recipients: [],
  },
  mfa_recovery_codes: {
    module: 'auth',
    purpose: 'Recovery of two-factor sign-in (hashed codes)',
    categories: ['credentials'],
    subjects: ['users'],
    retention: ACCOUNT,
    recipients: [],
  },
  user_tokens: {
    module: 'auth',
    purpose: 'Invitations and password resets (hashed tokens)',
    categories: ['credentials'],
    subjects: ['users'],
    retention: 'until used or expired',
    recipients: [],
  },
  tenant_data_keys: config('platform', 'The school\u2019s wrapped encryption keys (no personal data)'),
  // academics
  academic_years: config('academics', 'The school\u2019s academic years'),
  classes: config('academics', 'Classes'),
  sections: config('academics', 'Sections and their class teachers'),
  subjects: config('academics', 'Subjects taught'),
  subject_assignments: {
    ...config('academics', 'Which teacher teaches which subject in which section'),
    subjects: ['staff'],
  },
  // students: verifiable parental consent (issue 13 item 7)
  student_consents: {
    module: 'students',
    purpose: 'Guardian consent per student for a sign-in account, photo use and biometric attendance',
    categories: ['consent'],
    subjects: ['students', 'guardians'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL, FAMILY],
  },
  student_consent_events: {
    module: 'students',
    purpose: 'History of guardian consent given and withdrawn, with how (app or paper form reference)',
    categories: ['consent'],
    subjects: ['students', 'guardians'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL, FAMILY],
  },
  student_biometric_settings: {
    module: 'students',
    purpose: 'Whether biometric attendance is switched on for a student (only with guardian consent)',
    categories: ['configuration'],
    subjects: ['students'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL],
  },
  // students
  students: {
    module: 'students',
    purpose:
      'Admission and the student\u2019s record: name, date of birth, national id, medical notes, address',
    categories: ['identity', 'contact', 'national_id', 'health'],
    subjects: ['students'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL, FAMILY],
  },
  enrolments: {
    module: 'students',
    purpose: 'Which class and section a student is in each year',
    categories: ['academic'],
    subjects: ['students'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL, FAMILY],
  },
  guardians: {
    module: 'students',
    purpose: 'Contacting the family: guardian name, phone, email, address',
    categories: ['identity', 'contact'],
    subjects: ['guardians'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL],
  },
  student_guardians: {
    module: 'students',
    purpose: 'Who the guardians of each student are',
    categories: ['identity'],
    subjects: ['students', 'guardians'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL],
  },
  // attendance
  attendance_settings: config('attendance', 'Attendance mode, cut-off time and weekly off days'),
  holidays: config('attendance', 'The school\u2019s holidays'),
  attendance_marks: {
    module: 'attendance',
    purpose: 'Daily or period attendance of each student',
    categories: ['attendance'],
    subjects: ['students'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL, FAMILY],
  },
  attendance_day_summaries: config('attendance', 'Per-section day totals (counts, no names)'),
  leave_requests: {
    module: 'attendance',
    purpose: 'Leave asked for by families and its approval',
    categories: ['attendance', 'health'],
    subjects: ['students', 'guardians'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL, FAMILY],
  },
  // notifications
  notification_channels: config(
    'notifications',
    'The school\u2019s email, SMS and WhatsApp settings (encrypted credentials)',
  ),
  notification_preferences: config('notifications', 'Which messages the school sends'),
  notification_templates: config('notifications', 'Message templates'),
  outbox_messages: {
    module: 'notifications',
    purpose: 'Messages to families and staff waiting for and after delivery',
    categories: ['communications', 'contact'],
    subjects: ['guardians', 'users'],
    retention: 'the school\u2019s delivery-record period after creation (default 90 days)',
    recipients: ['the SMS, email and WhatsApp providers configured for the school'],
  },
  notification_message_events: {
    module: 'notifications',
    purpose: 'Delivery reports of messages',
    categories: ['communications'],
    subjects: ['guardians', 'users'],
    retention: 'the school\u2019s delivery-record period after creation (default 90 days)',
    recipients: [SCHOOL],
  },
  notification_consents: {
    module: 'notifications',
    purpose: 'Each guardian\u2019s consent per message purpose and channel',
    categories: ['consent'],
    subjects: ['guardians'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL, FAMILY],
  },
  notification_consent_events: {
    module: 'notifications',
    purpose: 'History of consent given and withdrawn (proof of consent)',
    categories: ['consent'],
    subjects: ['guardians'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL],
  },
  // fees
  fee_heads: config('fees', 'Fee heads'),
  fee_structures: config('fees', 'Fee structures per class'),
  fee_instalments: config('fees', 'Instalments of a structure'),
  fee_instalment_lines: config('fees', 'Amounts of each instalment'),
  fee_receipt_counters: config('fees', 'Receipt numbering'),
  fee_late_fee_rules: config('fees', 'Late-fee rules'),
  fee_reminder_rules: config('fees', 'Fee reminder rules'),
  fee_gateway_settings: config('fees', 'The school\u2019s payment gateway account (encrypted credentials)'),
  fee_student_heads: fees('Optional fee heads a student takes'),
  fee_accounts: fees('Each student\u2019s fee account'),
  fee_invoices: fees('Fees billed to each student'),
  fee_payments: fees('Fees paid and receipts'),
  fee_ledger_entries: fees('The fee ledger of each student'),
  fee_online_order_parts: fees('A family online payment\u2019s share per student', {
    recipients: [SCHOOL, FAMILY, 'the payment gateway configured for the school'],
  }),
  fee_online_orders: fees('Online payments started by families', {
    recipients: [SCHOOL, FAMILY, 'the payment gateway configured for the school'],
  }),
  fee_webhook_events: fees('Payment notifications received from the gateway', { subjects: ['students'] }),
  fee_late_fee_applications: fees('Late fees applied to invoices'),
  fee_reminders_sent: fees('Fee reminders sent for invoices', {
    categories: ['financial', 'communications'],
  }),
  fee_manual_reminders: fees('Fee reminders sent by hand', { categories: ['financial', 'communications'] }),
  // exams
  grading_scales: config('exams', 'Grading scales'),
  grading_bands: config('exams', 'Grade bands'),
  exam_terms: config('exams', 'Exam terms'),
  assessments: config('exams', 'Assessments of a term'),
  assessment_papers: config('exams', 'Papers of an assessment'),
  paper_components: config('exams', 'Components of a paper'),
  mark_sheets: {
    ...config('exams', 'Mark sheets and who entered them'),
    subjects: ['staff'],
  },
  marks: exams('Marks of each student'),
  co_scholastic_areas: config('exams', 'Co-scholastic areas'),
  co_scholastic_grades: exams('Co-scholastic grades of each student'),
  result_publications: config('exams', 'When results of a class were published'),
  exam_remarks: exams('Teachers\u2019 remarks on report cards'),
  exam_sittings: { ...config('exams', 'Exam timetable and invigilators'), subjects: ['staff'] },
  // calendar (issue 16): the school's events and its iCalendar feed; holidays and exam dates stay above
  calendar_events: {
    ...config('calendar', 'The school\u2019s calendar events (meetings, functions, exams, holidays)'),
    recipients: [SCHOOL, FAMILY],
  },
  calendar_event_targets: config('calendar', 'The classes or sections a calendar event is for'),
  calendar_feeds: config('calendar', 'The hashed secret token of the school\u2019s public calendar feed'),
  // privacy
  privacy_requests: {
    module: 'privacy',
    purpose: 'Data-subject requests (access, correction, erasure, restriction) and their handling',
    categories: ['identity'],
    subjects: ['students', 'guardians', 'staff'],
    retention: 'at least 1 year after closure (evidence of compliance)',
    recipients: ['school administrators', 'the requester'],
  },
  privacy_erasures: {
    module: 'privacy',
    purpose: 'Erasures of erasure requests: when noticed, when executed, the pseudonym used (no names)',
    categories: ['none'],
    subjects: ['students', 'guardians'],
    retention: 'at least 1 year after execution (evidence of compliance)',
    recipients: ['school administrators'],
  },
  privacy_retention_policies: config('privacy', 'How long the school keeps logs and delivery records'),
  privacy_retention_runs: config('privacy', 'What each pass of the retention job deleted, and when'),
  privacy_notices: {
    module: 'privacy',
    purpose: 'The school\u2019s privacy notice, each version kept as published, with its contact',
    categories: ['contact'],
    subjects: ['staff'],
    retention: 'while the school uses Shala (a version stays readable after a newer one)',
    recipients: ['anyone (the public privacy page)'],
  },
  privacy_notice_acceptances: {
    module: 'privacy',
    purpose: 'Which user accepted which version of the privacy notice, and when',
    categories: ['consent'],
    subjects: ['guardians', 'users'],
    retention: 'while the account exists (evidence of notice)',
    recipients: ['school administrators'],
  },
  privacy_grievances: {
    module: 'privacy',
    purpose:
      'Grievances parents raise about the handling of their data, and the grievance officer\u2019s answers',
    categories: ['identity', 'communications'],
    subjects: ['guardians', 'students'],
    retention: 'at least 1 year after the answer (evidence of compliance)',
    recipients: ['the grievance officer and school administrators', 'the parent who raised it'],
  },
  privacy_incidents: {
    module: 'privacy',
    purpose:
      'The breach and incident register: what happened, data categories, approximate people affected, notifications and root cause',
    categories: ['activity_logs'],
    subjects: ['none'],
    retention: 'at least 5 years after closure (evidence for the Data Protection Board)',
    recipients: [
      'school administrators',
      'the platform operator (its own incidents)',
      'the Data Protection Board',
    ],
  },
  privacy_incident_events: {
    module: 'privacy',
    purpose: 'The timeline of each incident: who added what and when',
    categories: ['activity_logs'],
    subjects: ['users'],
    retention: 'as its incident',
    recipients: ['school administrators', 'the platform operator (its own incidents)'],
  },
  privacy_incident_schools: {
    module: 'privacy',
    purpose: 'Which schools an operator\u2019s incident affects (platform tenant only)',
    categories: ['configuration'],
    subjects: ['none'],
    retention: 'as its incident',
    recipients: ['the platform operator'],
  },
  privacy_incident_links: {
    module: 'privacy',
    purpose: 'The operator\u2019s incidents that name this school, so its admins can read them',
    categories: ['configuration'],
    subjects: ['none'],
    retention: 'as its incident',
    recipients: ['school administrators'],
  },
  privacy_grievance_officers: {
    module: 'privacy',
    purpose: 'The school\u2019s grievance officer shown to parents, and the response period',
    categories: ['contact', 'configuration'],
    subjects: ['staff'],
    retention: CONFIG,
    recipients: ['parents of the school (privacy notice)'],
  },
  // provisioning/offboarding: rows of the platform tenant (the operator's), about terminated schools
  institution_offboardings: {
    module: 'provisioning',
    purpose:
      'A terminated school\u2019s termination, retention period, purge date and its passphrase-encrypted export',
    categories: ['configuration'],
    subjects: ['none'],
    retention:
      'until the school\u2019s purge (the export file is deleted with it); the row is kept as evidence',
    recipients: ['platform operators', 'the school (its export)'],
  },
  institution_deletion_certificates: {
    module: 'provisioning',
    purpose: 'Evidence of a school\u2019s purge: its name, when, by whom and rows deleted per table',
    categories: ['configuration'],
    subjects: ['none'],
    retention: 'kept by the platform as evidence of deletion',
    recipients: ['platform operators'],
  },
  // circulars (issue 16): notices to families and staff, and each guardian's reading of them
  circulars: {
    module: 'circulars',
    purpose: 'Notices (circulars) the school writes to families and staff, and who published them',
    categories: ['communications'],
    subjects: ['staff'],
    retention: CONFIG,
    recipients: [SCHOOL, FAMILY],
  },
  circular_targets: config('circulars', 'The classes or sections a circular addresses'),
  circular_attachments: {
    module: 'circulars',
    purpose: 'The PDF attached to a circular',
    categories: ['communications'],
    subjects: ['none'],
    retention: CONFIG,
    recipients: [SCHOOL, FAMILY],
  },
  circular_recipients: {
    module: 'circulars',
    purpose: 'Which guardians a circular addressed, when each read it and acknowledged it',
    categories: ['communications', 'activity_logs'],
    subjects: ['guardians'],
    retention: WHILE_ENROLLED,
    recipients: [SCHOOL],
  },
  // timetable (issue 16)
  timetable_bell_slots: config('timetable', 'Each weekday\u2019s periods and breaks (bell schedule)'),
  timetable_settings: config('timetable', 'The most periods a teacher may teach a day and a week'),
  timetable_entries: {
    module: 'timetable',
    purpose: 'Which teacher teaches which subject to which section, in which room and period',
    categories: ['configuration'],
    subjects: ['staff'],
    retention: CONFIG,
    recipients: [SCHOOL, FAMILY],
  },
  timetable_substitutions: {
    module: 'timetable',
    purpose: 'Which colleague covered an absent teacher\u2019s period on a day',
    categories: ['activity_logs'],
    subjects: ['staff'],
    retention: CONFIG,
    recipients: [SCHOOL],
  },
};

/** Categories that make a table sensitive (DAT-01/02: encrypted at rest or restricted). */
export const SENSITIVE: ReadonlySet<DataCategory> = new Set([
  'national_id',
  'health',
  'credentials',
  'financial',
]);
