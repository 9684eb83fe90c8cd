import type { FeeReminderOutcome } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { isUniqueViolation } from '../../platform/database/driver-errors';
import { RuleViolationError } from '../../platform/errors/domain-error';
import { ThrottledError } from '../../platform/security/throttling';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { GuardianNotifier } from '../notifications/guardian-notifier.service';
import { StudentDirectory } from '../students/student-directory';
import { formatMoney } from './amount-in-words';
import { FeesErrorCode, StaffOnlyError } from './fees.errors';
import { FeesLedgerService } from './fees-ledger.service';
import { FeeManualRemindersRepository } from './fees.repository';

/** At most this many reminders from the defaulters list per institution per local day. */
export const MANUAL_REMINDERS_PER_DAY = 500;

/** '+919876543210' -> '98••••••10': the first two and last two digits of the national number only. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.length > 10 && digits.startsWith('91')) digits = digits.slice(-10);
  if (digits.length < 6) return '••••••';
  return `${digits.slice(0, 2)}••••••${digits.slice(-2)}`;
}

/**
 * The defaulters list's guardian contact (masked) and its one-tap reminder: the fee_reminder template
 * through the outbox to the student's guardians who opted in to fee reminders, at most once per student
 * per local day (a second tap answers already_sent), bounded per institution per day.
 */
@Injectable()
export class FeesRemindersService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly institution: CurrentInstitution,
    private readonly ledger: FeesLedgerService,
    private readonly students: StudentDirectory,
    private readonly notifier: GuardianNotifier,
    private readonly audit: AuditService,
    private readonly sent: FeeManualRemindersRepository,
  ) {}

  /** Per student: the first guardian's phone, masked (decrypted here, never returned whole), and whether reminded today. */
  async contactsOf(
    studentIds: string[],
  ): Promise<Map<string, { guardianPhoneMasked: string | null; remindedToday: boolean }>> {
    const guardians = await this.students.guardianIdsOf(studentIds);
    const contacts = new Map(
      (await this.students.guardianContacts([...guardians.values()].flat())).map((c) => [c.guardianId, c]),
    );
    const reminded = await this.sent.remindedOn(await this.institution.today(), studentIds);
    const out = new Map<string, { guardianPhoneMasked: string | null; remindedToday: boolean }>();
    for (const id of studentIds) {
      const phone = (guardians.get(id) ?? []).map((g) => contacts.get(g)?.phone).find(Boolean) ?? null;
      out.set(id, { guardianPhoneMasked: maskPhone(phone), remindedToday: reminded.has(id) });
    }
    return out;
  }

  async remind(studentId: string): Promise<FeeReminderOutcome> {
    if ((await this.students.scope()).kind !== 'all') throw new StaffOnlyError();
    await this.students.visible(studentId);
    const today = await this.institution.today();
    const dues = (await this.ledger.invoicesOf(studentId)).filter((i) => i.outstanding > 0);
    if (!dues.length)
      throw new RuleViolationError('Nothing is outstanding for this student.', FeesErrorCode.NothingDue);
    const already: FeeReminderOutcome = { outcome: 'already_sent', enqueued: 0, sentOn: today };
    try {
      return await this.db.transaction(async (): Promise<FeeReminderOutcome> => {
        if ((await this.sent.countOn(today)) >= MANUAL_REMINDERS_PER_DAY)
          throw new ThrottledError(3600, 'The daily limit of fee reminders was reached; try again tomorrow.');
        if (!(await this.sent.claim(studentId, today, this.context.userId))) return already;
        const name = (await this.students.directory([studentId])).get(studentId)?.fullName ?? '';
        const outstanding = dues.reduce((s, i) => s + i.outstanding, 0);
        const { enqueued } = await this.notifier.notify({
          guardianIds: (await this.students.guardianIdsOf([studentId])).get(studentId) ?? [],
          purpose: 'fee_reminders',
          template: 'fee_reminder',
          variables: {
            student: name,
            amount: formatMoney(outstanding, dues[0]!.currency),
            dueDate: dues[0]!.dueDate,
            school: await this.institution.name(),
          },
          idempotencyKey: `fee-reminder-manual:${studentId}:${today}`,
        });
        await this.sent.setEnqueued(studentId, today, enqueued);
        await this.audit.record({
          action: 'fees.reminder.send',
          targetType: 'student',
          targetId: studentId,
          details: { sentOn: today, enqueued, outstanding },
        });
        return { outcome: 'queued', enqueued, sentOn: today };
      });
    } catch (error) {
      // Two taps racing: the second insert hit the (tenant, student, day) key.
      if (isUniqueViolation(error)) return already;
      throw error;
    }
  }
}
