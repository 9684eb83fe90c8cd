import { Injectable } from '@nestjs/common';
import type { CounterPaymentMethod } from '@shala/contracts';
import { RequestContext } from '../../platform/tenancy/request-context';
import { addDays, weekdayOf } from '../../platform/time/local-time';
import { AcademicsService } from '../academics/academics.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { StudentDirectory } from '../students/student-directory';
import { FeesPaymentsService } from './fees-payments.service';
import { FeesSetupService } from './fees-setup.service';

/**
 * Demo fees for one school (run inside its tenant): Tuition, Activity and optional Transport heads; a
 * three-instalment structure per class; invoices for every enrolled student; and a first-term payment
 * from every third student, so every family (the demo parent's two children included) still has dues to
 * see and pay. The payments are taken at the counter by the given cashier (the demo accountant) over today
 * and the school days before it, by cash, UPI, card and cheque, so the accountant's dashboard and day-close
 * report have a real day to show.
 */
@Injectable()
export class FeesDemoSeeder {
  constructor(
    private readonly setup: FeesSetupService,
    private readonly payments: FeesPaymentsService,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly context: RequestContext,
    private readonly institution: CurrentInstitution,
  ) {}

  async seed(cashierUserId: string | null = null): Promise<{ invoices: number; payments: number }> {
    const year = await this.academics.currentYear();
    const days = schoolDaysUpTo(await this.institution.today(), year.startsOn, 12);
    const tuition = await this.setup.createHead({ name: 'Tuition' });
    const activity = await this.setup.createHead({ name: 'Activity' });
    await this.setup.createHead({ name: 'Transport', optional: true });
    const terms = [
      { label: 'Term 1', dueDate: addDays(year.startsOn, 70), tuition: 12_000_00, activity: 1_500_00 },
      { label: 'Term 2', dueDate: addDays(year.startsOn, 192), tuition: 12_000_00, activity: 500_00 },
      { label: 'Term 3', dueDate: addDays(year.startsOn, 284), tuition: 12_000_00, activity: 500_00 },
    ];
    let invoices = 0;
    let payments = 0;
    for (const [k, c] of (await this.academics.listClasses()).entries()) {
      const step = k * 1_000_00;
      const structure = await this.setup.createStructure({
        classId: c.id,
        academicYearId: year.id,
        name: `${c.name} fees ${year.name}`,
        instalments: terms.map((term) => ({
          label: term.label,
          dueDate: term.dueDate,
          lines: [
            { headId: tuition.id, amount: term.tuition + step },
            { headId: activity.id, amount: term.activity },
          ],
        })),
      });
      invoices += (await this.setup.generateInvoices(structure.id)).created;
      const firstTerm = structure.instalments[0]!.total;
      for (const section of await this.academics.sectionsOfClass(c.id)) {
        const roster = await this.students.rosterIds(section.id);
        for (const [i, studentId] of roster.entries()) {
          if (i % 3 !== 1) continue;
          const paidOn = days[payments % days.length]!;
          const method = METHODS[payments % METHODS.length]!;
          const take = () =>
            this.payments.recordAsSystem(studentId, counterPayment(firstTerm, method, paidOn, payments + 1));
          if (cashierUserId) await this.context.runAsTenant(this.context.tenantId, take, cashierUserId);
          else await take();
          payments++;
        }
      }
    }
    return { invoices, payments };
  }
}

const METHODS: CounterPaymentMethod[] = ['cash', 'upi', 'cash', 'card', 'cheque', 'upi'];

/**
 * Today (whatever the weekday: the demo's counter has a day to close on first start) and the school days
 * (not Sundays) before it, down to the year's start: `count` days in all.
 */
function schoolDaysUpTo(today: string, yearStart: string, count: number): string[] {
  const days = [today];
  for (let d = addDays(today, -1); days.length < count && d >= yearStart; d = addDays(d, -1))
    if (weekdayOf(d) !== 0) days.push(d);
  return days;
}

/** A counter payment as a cashier would record it: UPI and card with a reference, a cheque with its details. */
function counterPayment(amount: number, method: CounterPaymentMethod, paidOn: string, serial: number) {
  const n = String(100_000 + serial * 37);
  if (method === 'upi' || method === 'card')
    return { amount, method, paidOn, reference: `${method.toUpperCase()}${paidOn.replaceAll('-', '')}${n}` };
  if (method === 'cheque')
    return {
      amount,
      method,
      paidOn,
      instrumentNo: n,
      instrumentBank: 'State Bank of India',
      instrumentDate: paidOn,
    };
  return { amount, method, paidOn };
}
