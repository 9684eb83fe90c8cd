import { Injectable } from '@nestjs/common';
import type { AccountantDashboard, DayCloseGroup, DayClosePayment, DayCloseReport } from '@shala/contracts';
import type { CsvFile } from '../../platform/http/send-csv';
import type { FeePayment } from '../fees/entities/fees.entities';
import { FeeInvoicesRepository, FeePaymentsRepository } from '../fees/fees.repository';
import { CurrentInstitution } from '../institutions/current-institution';
import { StudentDirectory } from '../students/student-directory';
import { UsersService } from '../users/users.service';
import { SchoolWideOnlyError } from './dashboards.errors';

/** Groups completed payments by a key, largest amount first (ties by label). */
function groupBy(
  payments: readonly FeePayment[],
  keyOf: (p: FeePayment) => string,
  labelOf: (key: string) => string,
): DayCloseGroup[] {
  const groups = new Map<string, DayCloseGroup>();
  for (const p of payments) {
    const key = keyOf(p);
    const g = groups.get(key) ?? { key, label: labelOf(key), amount: 0, count: 0 };
    g.amount += p.amount;
    g.count += 1;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.amount - a.amount || a.label.localeCompare(b.label));
}

/** Minor units as a decimal string in major units: 123450 -> "1234.50" (CSV for spreadsheets). */
export function majorUnits(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Online payments have no cashier: the gateway received them. */
const ONLINE = 'online';

/**
 * The accountant's day: collections by method and by cashier, the printable day-close report and its
 * CSV, and what is overdue. The day's payments are one indexed read (paid_on); the groups are summed here.
 */
@Injectable()
export class CollectionsDashboardService {
  constructor(
    private readonly institution: CurrentInstitution,
    private readonly students: StudentDirectory,
    private readonly users: UsersService,
    private readonly payments: FeePaymentsRepository,
    private readonly invoices: FeeInvoicesRepository,
  ) {}

  private async requireSchoolWide(): Promise<void> {
    if ((await this.students.scope()).kind !== 'all') throw new SchoolWideOnlyError();
  }

  /** Today's totals from one grouped statement (not the day's rows), and the overdue totals from another. */
  async dashboard(): Promise<AccountantDashboard> {
    await this.requireSchoolWide();
    const date = await this.institution.today();
    const [groups, overdue, currency] = await Promise.all([
      this.payments.completedGroupsOnDay(date),
      this.invoices.overdueTotals(date),
      this.institution.currency(),
    ]);
    const cashierIds = [...new Set(groups.flatMap((g) => (g.receivedBy ? [g.receivedBy] : [])))];
    const cashierName = new Map((await this.users.findByIds(cashierIds)).map((u) => [u.id, u.displayName]));
    const merge = (keyOf: (g: (typeof groups)[number]) => string, labelOf: (key: string) => string) => {
      const out = new Map<string, DayCloseGroup>();
      for (const g of groups) {
        const key = keyOf(g);
        const m = out.get(key) ?? { key, label: labelOf(key), amount: 0, count: 0 };
        m.amount += g.amount;
        m.count += g.count;
        out.set(key, m);
      }
      return [...out.values()].sort((a, b) => b.amount - a.amount || a.label.localeCompare(b.label));
    };
    return {
      date,
      currency,
      collectedToday: groups.reduce((s, g) => s + g.amount, 0),
      paymentsToday: groups.reduce((s, g) => s + g.count, 0),
      byMethod: merge(
        (g) => g.method,
        (k) => k,
      ),
      byCashier: merge(
        (g) => g.receivedBy ?? ONLINE,
        (k) => (k === ONLINE ? ONLINE : (cashierName.get(k) ?? '')),
      ),
      overdueStudents: overdue.students,
      overdueAmount: overdue.amount,
    };
  }

  /** Every payment of a day with the totals the drawer must hold; reversed payments listed, not counted. */
  async dayClose(day?: string): Promise<DayCloseReport> {
    await this.requireSchoolWide();
    const date = day ?? (await this.institution.today());
    const [rows, currency, institutionName] = await Promise.all([
      this.payments.paidOnDay(date),
      this.institution.currency(),
      this.institution.name(),
    ]);
    const cashierIds = [...new Set(rows.flatMap((p) => (p.receivedBy ? [p.receivedBy] : [])))];
    const [directory, cashiers] = await Promise.all([
      this.students.directory([...new Set(rows.map((p) => p.studentId))]),
      this.users.findByIds(cashierIds),
    ]);
    const cashierName = new Map(cashiers.map((u) => [u.id, u.displayName]));
    const nameOf = (id: string | null) => (id ? (cashierName.get(id) ?? '') : null);
    const completed = rows.filter((p) => p.status === 'completed');
    const reversed = rows.filter((p) => p.status === 'reversed');
    const items: DayClosePayment[] = rows.map((p) => ({
      paymentId: p.id,
      receiptNo: p.receiptNo,
      studentId: p.studentId,
      fullName: directory.get(p.studentId)?.fullName ?? '',
      admissionNo: directory.get(p.studentId)?.admissionNo ?? '',
      method: p.method,
      reference: p.reference,
      amount: p.amount,
      status: p.status,
      cashier: nameOf(p.receivedBy),
    }));
    return {
      date,
      currency,
      institutionName,
      collected: completed.reduce((s, p) => s + p.amount, 0),
      payments: completed.length,
      reversedAmount: reversed.reduce((s, p) => s + p.amount, 0),
      reversedCount: reversed.length,
      byMethod: groupBy(
        completed,
        (p) => p.method,
        (k) => k,
      ),
      byCashier: groupBy(
        completed,
        (p) => p.receivedBy ?? ONLINE,
        (k) => (k === ONLINE ? ONLINE : (cashierName.get(k) ?? '')),
      ),
      items,
    };
  }

  /** The day-close report as CSV: one row per payment, amounts in major units (rupees), then the totals. */
  async dayCloseCsv(day?: string): Promise<CsvFile> {
    const report = await this.dayClose(day);
    const rows: unknown[][] = report.items.map((p) => [
      p.receiptNo,
      p.admissionNo,
      p.fullName,
      p.method,
      p.reference ?? '',
      majorUnits(p.amount),
      p.status,
      p.cashier ?? '',
    ]);
    rows.push([]);
    for (const g of report.byMethod)
      rows.push(['', '', `total ${g.label}`, g.label, '', majorUnits(g.amount), '', '']);
    rows.push(['', '', 'total collected', '', '', majorUnits(report.collected), 'completed', '']);
    if (report.reversedCount)
      rows.push(['', '', 'reversed', '', '', majorUnits(report.reversedAmount), 'reversed', '']);
    return {
      filename: `day-close-${report.date}.csv`,
      header: [
        'receipt_no',
        'admission_no',
        'student',
        'method',
        'reference',
        `amount_${report.currency.toLowerCase()}`,
        'status',
        'cashier',
      ],
      rows,
      noStore: true,
    };
  }
}
