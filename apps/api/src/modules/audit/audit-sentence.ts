import type { Locale } from '@shala/contracts';
import {
  HI_ATTENDANCE_CHANGED,
  HI_FAILED_PHRASES,
  HI_MONTHS,
  HI_PHRASES,
  HI_TARGET_TYPES,
} from './audit-sentence.hi';

/**
 * An audit event as one sentence a person reads, in the reader's language: "Ravi Kumar changed attendance
 * of Class 5 A for 6 Dec 2026" / "Ravi Kumar ने 6 दिस॰ 2026 के लिए Class 5 A की उपस्थिति बदली". Pure: the
 * names come from AuditNames (data, never translated), the words from the action. An action without a
 * phrase here still reads ("Ravi Kumar: fees late fee apply (fee invoice 0193ab12)"), so a new action is
 * never blank.
 */

export interface SentenceEvent {
  action: string;
  outcome: string;
  actorUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  /** Parsed details (field changes and context). */
  details: unknown;
}

/** `{target}`, `{date}`, `{from}`, `{to}`, `{count}` are filled from the event; the actor comes first. */
const PHRASES: Readonly<Record<string, string>> = {
  'academics.class_create': 'created the class {target}',
  'academics.section_create': 'created the section {target}',
  'academics.section_update': 'changed the section {target}',
  'academics.subject_assign': 'assigned a subject to a teacher',
  'academics.subject_create': 'created the subject {target}',
  'academics.subject_unassign': 'removed a subject assignment',
  'academics.year_create': 'created the academic year {target}',
  'academics.year_current': 'made {target} the current academic year',
  'attendance.holiday_add': 'added a holiday on {date}',
  'attendance.holiday_remove': 'removed a holiday',
  'attendance.import': 'imported attendance ({count} marks)',
  'attendance.leave_cancel': 'cancelled a leave request of {target}',
  'attendance.leave_request': 'asked for leave for {target} from {from} to {to}',
  'attendance.leave_approve': 'approved a leave request of {target}',
  'attendance.leave_reject': 'rejected a leave request of {target}',
  'attendance.mark': 'marked attendance of {target} for {date}',
  'attendance.override': 'changed locked attendance of {target} for {date}',
  'attendance.settings': 'changed the attendance settings',
  'audit.export': 'exported the audit log',
  'auth.login': 'signed in',
  'auth.logout': 'signed out',
  'auth.mfa_disabled': 'turned off two-step sign-in',
  'auth.mfa_enabled': 'turned on two-step sign-in',
  'auth.mfa_enrollment_required': 'was asked to set up two-step sign-in',
  'auth.mfa_verify': 'entered a two-step sign-in code',
  'auth.password_changed': 'changed their password',
  'auth.password_reset': 'reset their password',
  'auth.password_reset_requested': 'asked for a password reset',
  'auth.reauthenticate': 'confirmed their password',
  'auth.recovery_codes_regenerated': 'made new recovery codes',
  'auth.refresh_reuse': 'reused an old session token (the session was ended)',
  'auth.session_revoked': 'ended a session',
  'auth.sign_out_everywhere': 'signed out everywhere',
  'exams.area.create': 'created a co-scholastic area',
  'exams.assessments.save': 'saved the assessments of an exam term',
  'exams.co_scholastic.save': 'saved co-scholastic grades',
  'exams.demo_seed': 'added the demo exam data',
  'exams.papers.save': 'saved exam papers',
  'exams.remarks.save': 'saved report card remarks',
  'exams.scale.create': 'created a grading scale',
  'exams.scale.update': 'changed a grading scale',
  'exams.marks.save': 'saved marks of {target}',
  'exams.marks.submit': 'submitted marks of {target}',
  'exams.marks.moderate': 'moderated marks of {target}',
  'exams.results.unpublish': 'withdrew published results',
  'exams.schedule.save': 'saved the exam schedule',
  'exams.terms.save': 'saved the exam terms',
  'fees.gateway.update': 'changed the online payment settings',
  'fees.head.create': 'created the fee head {target}',
  'fees.invoices.generate': 'generated fee invoices',
  'fees.late_fee.apply': 'applied a late fee to {target}',
  'fees.late_fee_rule.create': 'created a late fee rule',
  'fees.online_order.create': 'started an online payment',
  'fees.online_payment.mismatch': 'received an online payment that did not match its order',
  'fees.online_payment.unallocatable': 'received an online payment that could not be allocated',
  'fees.optional_heads.set': 'chose the optional fee heads of {target}',
  'fees.reminder_rule.create': 'created a fee reminder rule',
  'fees.payment.record': 'recorded the fee payment {target}',
  'fees.payment.reverse': 'reversed the fee payment {target}',
  'fees.invoices.enrolment': 'raised the fee invoices of a new enrolment',
  'fees.online_payment.family': 'received one online payment for several children',
  'fees.reminder.send': 'sent a fee reminder about {target}',
  'fees.structure.create': 'created the fee structure {target}',
  'notifications.template_create': 'created a message template',
  'notifications.template_update': 'changed a message template',
  'notifications.template_delete': 'deleted a message template',
  'institution.provisioned': 'set up the school',
  'institution.logo.remove': 'removed the school logo',
  'institution.logo.update': 'changed the school logo',
  'institution.profile.update': 'changed the school profile',
  'calendar.event_add': 'added a calendar event',
  'calendar.event_change': 'changed a calendar event',
  'calendar.event_remove': 'removed a calendar event',
  'calendar.feed_create': 'created the calendar feed link',
  'calendar.feed_rotate': 'replaced the calendar feed link',
  'calendar.feed_revoke': 'revoked the calendar feed link',
  'notifications.channel_update': 'changed a message channel',
  'notifications.consent_change': 'changed the message consent of {target}',
  'notifications.message_retry': 'retried a message',
  'notifications.preferences_update': 'changed the message preferences',
  'notifications.retention_purge': 'deleted old message delivery records',
  'platform.institution_provisioned': 'set up a school',
  'platform.institution_status': 'changed the status of a school',
  'platform.institution_terminated': 'terminated a school',
  'platform.institution_export_started': 'started the export of a terminated school',
  'platform.institution_export_downloaded': 'downloaded the export of a terminated school',
  'platform.institution_purged': 'purged the data of a terminated school',
  'privacy.archive.download': 'downloaded the data archive of a privacy request',
  'privacy.archive.start': 'started the data archive of a privacy request',
  'privacy.notice.accept': 'accepted the privacy notice',
  'privacy.notice.publish': 'published a new version of the privacy notice',
  'circulars.create': 'wrote a circular',
  'circulars.update': 'changed a circular',
  'circulars.schedule': 'scheduled a circular',
  'circulars.publish': 'published a circular',
  'circulars.delete': 'deleted a circular',
  'circulars.attachment_set': 'attached a PDF to a circular',
  'privacy.biometric_attendance': 'switched biometric attendance of {target}',
  'privacy.consent_grant': 'recorded guardian consent for {target}',
  'privacy.consent_withdraw': 'recorded the withdrawal of guardian consent for {target}',
  'privacy.grievance_officer.update': 'changed the grievance officer',
  'privacy.grievances.answer': 'answered a grievance',
  'privacy.grievances.create': 'raised a grievance',
  'privacy.incidents.close': 'closed a data incident',
  'privacy.incidents.create': 'recorded a data incident',
  'privacy.incidents.event': 'added to the timeline of a data incident',
  'privacy.incidents.linked': 'was named in a data incident recorded by the platform operator',
  'privacy.requests.create': 'recorded a privacy request',
  'privacy.requests.transition': 'moved a privacy request on',
  'privacy.retention.run': 'deleted records past the retention policy',
  'privacy.retention.update': 'changed the retention policy',
  'roles.create': 'created a role',
  'roles.delete': 'deleted a role',
  'roles.permissions_changed': 'changed the permissions of a role',
  'roles.rename': 'renamed a role',
  'students.create': 'added the student {target}',
  'students.guardian_account': 'linked a parent account to the guardian {target}',
  'students.guardian_add': 'added a guardian to {target}',
  'students.import': 'imported students from a CSV file ({count} rows)',
  'students.promote': 'promoted a class into the next year',
  'students.reveal': 'viewed the sensitive details of {target}',
  'students.student_account': 'linked a student account to {target}',
  'students.update': 'changed the record of {target}',
  'timetable.settings.update': 'changed the bell schedule',
  'timetable.substitution_cancel': 'cancelled a substitution in {target} on {date}',
  'timetable.substitution_confirm': 'arranged a substitute for {target} on {date}',
  'timetable.update': 'changed the timetable of {target}',
  'users.create': 'created the account of {target}',
  'users.deactivate': 'deactivated the account of {target}',
  'users.invitation_accepted': 'accepted their invitation',
  'users.invitation_revoked': 'withdrew the invitation of {target}',
  'users.invited': 'invited {target}',
  'users.mfa_reset': 'reset two-step sign-in of {target}',
  'users.reactivate': 'reactivated the account of {target}',
  'users.roles_changed': 'changed the roles of {target}',
};

/** Phrases of actions whose failure reads better in its own words than with "— failed". */
const FAILED_PHRASES: Readonly<Record<string, string>> = {
  'auth.login': 'failed to sign in',
  'auth.mfa_verify': 'entered a wrong two-step sign-in code',
  'auth.reauthenticate': 'failed to confirm their password',
};

/** Everything of a sentence that depends on the language; `{actor}` in a phrase places the actor. */
interface Wording {
  phrases: Readonly<Record<string, string>>;
  failedPhrases: Readonly<Record<string, string>>;
  attendanceChanged: string;
  months: readonly string[];
  targetTypes: Readonly<Record<string, string>>;
  /** The anonymous actor of a sign-in attempt (Hindi: the oblique "किसी", as its phrases say "ने"). */
  someone: string;
  system: string;
  user: string;
  something: string;
  aDay: string;
  denied: string;
  failed: string;
}

const EN: Wording = {
  phrases: PHRASES,
  failedPhrases: FAILED_PHRASES,
  attendanceChanged: 'changed attendance of {target} for {date}',
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  targetTypes: {},
  someone: 'Someone',
  system: 'The system',
  user: 'User',
  something: 'something',
  aDay: 'a day',
  denied: 'denied',
  failed: 'failed',
};

const HI: Wording = {
  phrases: HI_PHRASES,
  failedPhrases: HI_FAILED_PHRASES,
  attendanceChanged: HI_ATTENDANCE_CHANGED,
  months: HI_MONTHS,
  targetTypes: HI_TARGET_TYPES,
  someone: 'किसी',
  system: 'सिस्टम',
  user: 'उपयोगकर्ता',
  something: 'कुछ',
  aDay: 'किसी दिन',
  denied: 'अस्वीकृत',
  failed: 'विफल',
};

/** The phrases of each language, for the completeness test: every action has words in every language. */
export const SENTENCE_PHRASES: Readonly<
  Record<Locale, { phrases: Readonly<Record<string, string>>; failed: Readonly<Record<string, string>> }>
> = {
  en: { phrases: EN.phrases, failed: EN.failedPhrases },
  hi: { phrases: HI.phrases, failed: HI.failedPhrases },
};

const WORDINGS: Readonly<Partial<Record<string, Wording>>> = { en: EN, hi: HI };

/** The words of `locale`; English for a language without them. */
const wordingOf = (locale: Locale): Wording => WORDINGS[locale] ?? EN;

/** '2026-12-06' as '6 Dec 2026' (Hindi: '6 दिस॰ 2026', as the web writes dates); anything else as it is. */
export function dayInWords(value: unknown, locale: Locale = 'en'): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const months = wordingOf(locale).months;
  return m ? `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : value;
}

const words = (code: string) => code.replace(/[._]+/g, ' ').trim();

/** The target in words: its name, else its type and the start of its id ("fee invoice 0193ab12"). */
function targetWords(e: SentenceEvent, name: string | null, w: Wording): string {
  if (name) return name;
  if (!e.targetType) return w.something;
  const type = w.targetTypes[e.targetType] ?? words(e.targetType);
  return e.targetId ? `${type} ${e.targetId.slice(0, 8)}` : type;
}

/** The actor in words: their name, "The system" for events without one, "User 0193ab12" when unknown. */
export function actorWords(actorUserId: string | null, name: string | null, locale: Locale = 'en'): string {
  if (name) return name;
  const w = wordingOf(locale);
  return actorUserId ? `${w.user} ${actorUserId.slice(0, 8)}` : w.system;
}

export function auditSentence(
  e: SentenceEvent,
  actorName: string | null,
  targetName: string | null,
  locale: Locale = 'en',
): string {
  const w = wordingOf(locale);
  const details = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
  const actor =
    e.action === 'auth.login' && !e.actorUserId ? w.someone : actorWords(e.actorUserId, actorName, locale);
  const failedPhrase = e.outcome === 'success' ? undefined : w.failedPhrases[e.action];
  let phrase = failedPhrase ?? w.phrases[e.action];
  if (e.action === 'attendance.mark' && Number(details.created) === 0 && Number(details.changed) > 0)
    phrase = w.attendanceChanged;
  const count = details.rows ?? details.marks;
  // One pass over the phrase, so a name that happens to contain "{date}" is never filled in itself.
  const values: Record<string, () => string> = {
    actor: () => actor,
    target: () => targetWords(e, targetName, w),
    date: () => dayInWords(details.date, locale) ?? w.aDay,
    from: () => dayInWords(details.from, locale) ?? '?',
    to: () => dayInWords(details.to, locale) ?? '?',
    count: () => (typeof count === 'number' ? String(count) : '?'),
  };
  const fill = (template: string) =>
    template.replace(/\{(actor|target|date|from|to|count)\}/g, (_, key: string) => values[key]!());
  const sentence = phrase
    ? fill(phrase.includes('{actor}') ? phrase : `{actor} ${phrase}`)
    : `${actor}: ${words(e.action)}${e.targetType ? ` (${targetWords(e, targetName, w)})` : ''}`;
  return e.outcome === 'success' || failedPhrase
    ? sentence
    : `${sentence} — ${e.outcome === 'denied' ? w.denied : w.failed}`;
}
