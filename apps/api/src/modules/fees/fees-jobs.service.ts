import type { DailyRunResult } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { MIN_DATE } from '../../platform/time/calendar-date';
import { addDays } from '../../platform/time/local-time';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { GuardianNotifier } from '../notifications/guardian-notifier.service';
import { StudentDirectory } from '../students/student-directory';
import { formatMoney } from './amount-in-words';
import { FeeLateFeeRule, FeeReminderRule, LateFeeKind, ReminderKind } from './entities/fee-rules.entities';
import { FeeInvoice } from './entities/fees.entities';
import {
  LateFeeApplicationsRepository,
  LateFeeRulesRepository,
  ReminderRulesRepository,
  RemindersSentRepository,
} from './fee-rules.repository';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesSetupService } from './fees-setup.service';
import {
  FeeAccountsRepository,
  FeeHeadsRepository,
  FeeInvoicesRepository,
  FeeLedgerRepository,
} from './fees.repository';
import { daysBetween, lateFeeDue } from './late-fee';

export interface LateFeeRuleInput {
  name: string;
  kind: LateFeeKind;
  amount?: number;
  percentBasisPoints?: number;
  graceDays?: number;
  cap?: number;
  headId: string;
}

/** How far back a missed before-due or on-due reminder is still sent (the job did not run that day). */
const CATCH_UP_DAYS = 3;

/**
 * The daily fee job, safe to run any number of times a day: as a safety net, structures are applied to
 * enrolled students who still lack them (enrolment applies them itself; invoice runs are idempotent);
 * late fees book only the difference between what a rule should have charged by today and what it
 * charged before, under the student's account lock; reminders claim (rule, invoice, occurrence) once and
 * write outbox messages to the guardians who opted in to fee reminders.
 */
@Injectable()
export class FeesJobsService {
  constructor(
    private readonly db: Database,
    private readonly ledger: FeesLedgerService,
    private readonly institution: CurrentInstitution,
    private readonly invoices: FeeInvoicesRepository,
    private readonly entries: FeeLedgerRepository,
    private readonly heads: FeeHeadsRepository,
    private readonly accounts: FeeAccountsRepository,
    private readonly lateRules: LateFeeRulesRepository,
    private readonly applications: LateFeeApplicationsRepository,
    private readonly reminderRules: ReminderRulesRepository,
    private readonly sent: RemindersSentRepository,
    private readonly students: StudentDirectory,
    private readonly notifier: GuardianNotifier,
    private readonly audit: AuditService,
    private readonly setup: FeesSetupService,
  ) {}

  async listLateFeeRules(): Promise<Omit<FeeLateFeeRule, 'tenantId'>[]> {
    return (await this.lateRules.list()).map(({ tenantId: _t, ...rule }) => rule);
  }

  async createLateFeeRule(input: LateFeeRuleInput): Promise<Omit<FeeLateFeeRule, 'tenantId'>> {
    const details: { field: string; message: string }[] = [];
    if (input.kind === 'percent' && !input.percentBasisPoints)
      details.push({ field: 'percentBasisPoints', message: 'is required for a percentage rule' });
    if (input.kind !== 'percent' && !input.amount)
      details.push({ field: 'amount', message: `is required for a ${input.kind} rule` });
    if (!(await this.heads.byIds([input.headId])).length)
      details.push({ field: 'headId', message: 'is not a fee head' });
    if (details.length) throw new ValidationFailedError(details);
    const rule: Omit<FeeLateFeeRule, 'tenantId'> = {
      id: uuidv7(),
      name: input.name.trim(),
      kind: input.kind,
      amount: input.kind === 'percent' ? 0 : input.amount!,
      basisPoints: input.kind === 'percent' ? input.percentBasisPoints! : null,
      graceDays: input.graceDays ?? 0,
      cap: input.cap ?? null,
      headId: input.headId,
      active: true,
    };
    await this.db.transaction(async () => {
      await this.lateRules.add(rule);
      await this.audit.record({
        action: 'fees.late_fee_rule.create',
        targetType: 'fee_late_fee_rule',
        targetId: rule.id,
        details: rule,
      });
    });
    return rule;
  }

  async listReminderRules(): Promise<Omit<FeeReminderRule, 'tenantId'>[]> {
    return (await this.reminderRules.list()).map(({ tenantId: _t, ...rule }) => rule);
  }

  async createReminderRule(input: {
    kind: ReminderKind;
    days?: number;
  }): Promise<Omit<FeeReminderRule, 'tenantId'>> {
    if (input.kind !== 'on_due' && !input.days)
      throw new ValidationFailedError([{ field: 'days', message: `is required for ${input.kind}` }]);
    const rule = {
      id: uuidv7(),
      kind: input.kind,
      days: input.kind === 'on_due' ? 0 : input.days!,
      active: true,
    };
    await this.db.transaction(async () => {
      await this.reminderRules.add(rule);
      await this.audit.record({
        action: 'fees.reminder_rule.create',
        targetType: 'fee_reminder_rule',
        targetId: rule.id,
        details: rule,
      });
    });
    return rule;
  }

  /** Runs late fees then reminders for the institution in context, as of its local today (or `asOf`). */
  async runDaily(asOf?: string): Promise<DailyRunResult> {
    const today = asOf ?? (await this.institution.today());
    const invoices = await this.setup.invoiceNewEnrolments();
    const lateFees = await this.applyLateFees(today);
    const reminders = await this.sendReminders(today);
    return { asOf: today, invoices, lateFees, reminders };
  }

  private async outstandingByInvoice(invoiceIds: string[], excludeHeads: Set<string>) {
    const out = new Map<string, { charged: number; principal: number; total: number }>();
    for (let i = 0; i < invoiceIds.length; i += 500) {
      for (const e of await this.entries.ofInvoices(invoiceIds.slice(i, i + 500))) {
        const cur = out.get(e.invoiceId) ?? { charged: 0, principal: 0, total: 0 };
        cur.total += e.amount;
        if (!excludeHeads.has(e.headId)) {
          cur.principal += e.amount;
          if (e.kind === 'charge') cur.charged += e.amount;
        }
        out.set(e.invoiceId, cur);
      }
    }
    return out;
  }

  async applyLateFees(asOf: string): Promise<{ invoices: number; amount: number }> {
    const rules = await this.lateRules.active();
    if (!rules.length) return { invoices: 0, amount: 0 };
    const overdue = await this.invoices.dueBetween(MIN_DATE, addDays(asOf, -1));
    const byStudent = new Map<string, FeeInvoice[]>();
    for (const inv of overdue) byStudent.set(inv.studentId, [...(byStudent.get(inv.studentId) ?? []), inv]);
    const fineHeads = new Set(rules.map((r) => r.headId));
    let invoices = 0;
    let amount = 0;
    for (const [studentId, list] of byStudent) {
      await this.db.transaction(async () => {
        await this.accounts.lock(studentId);
        const sums = await this.outstandingByInvoice(
          list.map((i) => i.id),
          fineHeads,
        );
        const applied = new Map(
          (await this.applications.ofInvoices(list.map((i) => i.id))).map((a) => [
            `${a.invoiceId}/${a.ruleId}`,
            a.applied,
          ]),
        );
        for (const inv of list) {
          const s = sums.get(inv.id);
          if (!s || s.principal <= 0) continue; // paid (or waived): stops accruing
          for (const rule of rules) {
            const before = applied.get(`${inv.id}/${rule.id}`) ?? 0;
            const delta = lateFeeDue(rule, inv.dueDate, asOf, s.charged) - before;
            if (delta <= 0) continue;
            await this.ledger.append(
              [
                {
                  studentId,
                  invoiceId: inv.id,
                  headId: rule.headId,
                  kind: 'fine',
                  amount: delta,
                  memo: `late fee: ${rule.name}`,
                },
              ],
              asOf,
            );
            await this.applications.set(inv.id, rule.id, before + delta);
            await this.audit.record({
              action: 'fees.late_fee.apply',
              targetType: 'fee_invoice',
              targetId: inv.id,
              details: { ruleId: rule.id, amount: delta, total: before + delta, asOf },
            });
            invoices++;
            amount += delta;
          }
        }
      });
    }
    return { invoices, amount };
  }

  /** Which occurrence of a rule is due for an invoice today, or null. */
  static occurrence(
    rule: Pick<FeeReminderRule, 'kind' | 'days'>,
    dueDate: string,
    asOf: string,
  ): number | null {
    const overdue = daysBetween(dueDate, asOf);
    if (rule.kind === 'before_due') {
      const until = -overdue;
      return until > 0 && until <= rule.days && until > rule.days - CATCH_UP_DAYS ? 0 : null;
    }
    if (rule.kind === 'on_due') return overdue >= 0 && overdue < CATCH_UP_DAYS ? 0 : null;
    if (overdue <= 0 || rule.days <= 0) return null;
    const k = Math.floor(overdue / rule.days);
    return k >= 1 ? k : null;
  }

  async sendReminders(asOf: string): Promise<{ sent: number; enqueued: number }> {
    const rules = await this.reminderRules.active();
    if (!rules.length) return { sent: 0, enqueued: 0 };
    const horizon = Math.max(0, ...rules.filter((r) => r.kind === 'before_due').map((r) => r.days));
    const candidates = await this.invoices.dueBetween(MIN_DATE, addDays(asOf, horizon));
    const sums = await this.outstandingByInvoice(
      candidates.map((i) => i.id),
      new Set(),
    );
    const open = candidates.filter((i) => (sums.get(i.id)?.total ?? 0) > 0);
    const dir = await this.students.directory([...new Set(open.map((i) => i.studentId))]);
    const guardians = await this.students.guardianIdsOf([...new Set(open.map((i) => i.studentId))]);
    const school = await this.institution.name();
    let sent = 0;
    let enqueued = 0;
    for (const inv of open)
      for (const rule of rules) {
        const k = FeesJobsService.occurrence(rule, inv.dueDate, asOf);
        if (k === null) continue;
        await this.db.transaction(async () => {
          if (!(await this.sent.claim(rule.id, inv.id, k))) return;
          const result = await this.notifier.notify({
            guardianIds: guardians.get(inv.studentId) ?? [],
            purpose: 'fee_reminders',
            template: 'fee_reminder',
            variables: {
              student: dir.get(inv.studentId)?.fullName ?? '',
              amount: formatMoney(sums.get(inv.id)!.total, inv.currency),
              dueDate: inv.dueDate,
              school,
            },
            idempotencyKey: `fee-reminder:${rule.id}:${inv.id}:${k}`,
          });
          await this.sent.setEnqueued(rule.id, inv.id, k, result.enqueued);
          sent++;
          enqueued += result.enqueued;
        });
      }
    return { sent, enqueued };
  }
}
