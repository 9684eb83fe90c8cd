import { Injectable } from '@nestjs/common';
import { addDays } from '../../platform/time/local-time';
import { AcademicsService } from '../academics/academics.service';
import { StudentDirectory } from '../students/student-directory';
import { FeesPaymentsService } from './fees-payments.service';
import { FeesSetupService } from './fees-setup.service';

/**
 * Demo fees for one school (run inside its tenant): Tuition, Activity and optional Transport heads; a
 * three-instalment structure per class; invoices for every enrolled student; and a first-term cash
 * payment from every third student, so every family (the demo parent's two children included) still has
 * dues to see and pay.
 */
@Injectable()
export class FeesDemoSeeder {
  constructor(
    private readonly setup: FeesSetupService,
    private readonly payments: FeesPaymentsService,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
  ) {}

  async seed(): Promise<{ invoices: number; payments: number }> {
    const year = await this.academics.currentYear();
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
          await this.payments.recordAsSystem(studentId, { amount: firstTerm, method: 'cash' });
          payments++;
        }
      }
    }
    return { invoices, payments };
  }
}
