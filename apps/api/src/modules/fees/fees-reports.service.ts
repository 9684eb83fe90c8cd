import type { DefaulterRow, InvoiceView, StudentDues, StudentLedger } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../platform/errors/domain-error';
import type { CsvFile } from '../../platform/http/send-csv';
import { AcademicsService } from '../academics/academics.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { StudentDirectory } from '../students/student-directory';
import { StaffOnlyError } from './fees.errors';
import { decimalAmount } from './amount-in-words';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesRemindersService } from './fees-reminders.service';
import {
  FeeHeadsRepository,
  FeeInvoicesRepository,
  FeeLedgerRepository,
  FeeStudentHeadsRepository,
} from './fees.repository';

/** Dues per child for families; collections and defaulters for staff. */
@Injectable()
export class FeesReportsService {
  constructor(
    private readonly ledger: FeesLedgerService,
    private readonly institution: CurrentInstitution,
    private readonly entries: FeeLedgerRepository,
    private readonly invoices: FeeInvoicesRepository,
    private readonly heads: FeeHeadsRepository,
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
    private readonly studentHeads: FeeStudentHeadsRepository,
    private readonly reminders: FeesRemindersService,
  ) {}

  private async requireStaff(): Promise<void> {
    if ((await this.students.scope()).kind !== 'all') throw new StaffOnlyError();
  }

  async duesOf(studentId: string): Promise<StudentDues> {
    await this.students.visible(studentId);
    const dir = (await this.students.directory([studentId])).get(studentId);
    const invoices = await this.ledger.invoicesOf(studentId);
    const today = await this.institution.today();
    return {
      studentId,
      fullName: dir?.fullName ?? '',
      admissionNo: dir?.admissionNo ?? '',
      currency: await this.institution.currency(),
      outstanding: invoices.reduce((s, i) => s + i.outstanding, 0),
      overdue: invoices.filter((i) => i.dueDate < today).reduce((s, i) => s + Math.max(0, i.outstanding), 0),
      invoices,
    };
  }

  /** A student's optional heads for the current year (what PUT optional-heads set), if the student is visible. */
  async optionalHeadsOf(studentId: string): Promise<{
    academicYearId: string;
    heads: { headId: string; amountPerInstalment: number }[];
  }> {
    await this.students.visible(studentId);
    const year = await this.academics.currentYear();
    const rows = await this.studentHeads.ofStudents(year.id, [studentId]);
    return {
      academicYearId: year.id,
      heads: rows.map((r) => ({ headId: r.headId, amountPerInstalment: r.amountPerInstalment })),
    };
  }

  /** One invoice with its lines, if its student is visible to the caller (else not found). */
  async invoice(id: string): Promise<InvoiceView> {
    const invoice = await this.invoices.byId(id);
    if (!invoice) throw new NotFoundError('The invoice');
    await this.students.visible(invoice.studentId).catch(() => {
      throw new NotFoundError('The invoice');
    });
    return this.ledger.invoiceView(invoice);
  }

  /** A student's ledger entries in order, with a running balance. */
  async ledgerOf(studentId: string): Promise<StudentLedger> {
    await this.students.visible(studentId);
    let balance = 0;
    const items = (await this.ledger.ledgerOf(studentId)).map((e) => {
      balance += e.amount;
      return {
        id: e.id,
        entryDate: e.entryDate,
        kind: e.kind,
        invoiceId: e.invoiceId,
        headId: e.headId,
        amount: e.amount,
        paymentId: e.paymentId,
        reversesEntryId: e.reversesEntryId,
        memo: e.memo,
        balance,
      };
    });
    return { currency: await this.institution.currency(), balance, items };
  }

  /** The caller's own children (parents) or self (students), each with their dues. */
  async family(): Promise<{ items: StudentDues[]; currency: string }> {
    const scope = await this.students.scope();
    const ids = scope.kind === 'students' ? scope.studentIds : [];
    const items: StudentDues[] = [];
    for (const id of ids) items.push(await this.duesOf(id));
    items.sort((a, b) => a.admissionNo.localeCompare(b.admissionNo));
    return { items, currency: await this.institution.currency() };
  }

  /** Students with something outstanding on invoices due on or before `asOf` (today by default). */
  async defaulters(query: { asOf?: string; classId?: string; minDaysOverdue?: number }): Promise<{
    asOf: string;
    currency: string;
    totalOutstanding: number;
    count: number;
    items: DefaulterRow[];
  }> {
    await this.requireStaff();
    const asOf = query.asOf ?? (await this.institution.today());
    const due = await this.invoices.dueBy(asOf);
    const sums = await this.entries.sumsByInvoice(due.map((i) => i.id));
    const outstandingOf = new Map<string, number>();
    for (const s of sums) outstandingOf.set(s.invoiceId, (outstandingOf.get(s.invoiceId) ?? 0) + s.amount);
    const perStudent = new Map<string, { outstanding: number; oldest: string }>();
    for (const inv of due) {
      const o = outstandingOf.get(inv.id) ?? 0;
      if (o <= 0) continue;
      const cur = perStudent.get(inv.studentId) ?? { outstanding: 0, oldest: inv.dueDate };
      cur.outstanding += o;
      if (inv.dueDate < cur.oldest) cur.oldest = inv.dueDate;
      perStudent.set(inv.studentId, cur);
    }
    const dir = await this.students.directory([...perStudent.keys()]);
    const sections = await this.students.sectionDirectory();
    const items: DefaulterRow[] = [];
    for (const [studentId, v] of perStudent) {
      const d = dir.get(studentId);
      const sec = d?.sectionId ? sections.get(d.sectionId) : undefined;
      if (query.classId && sec?.classId !== query.classId) continue;
      const daysOverdue = Math.max(
        0,
        Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${v.oldest}T00:00:00Z`)) / 86_400_000),
      );
      if (query.minDaysOverdue && daysOverdue < query.minDaysOverdue) continue;
      items.push({
        studentId,
        fullName: d?.fullName ?? '',
        admissionNo: d?.admissionNo ?? '',
        className: sec?.className ?? '',
        sectionName: sec?.sectionName ?? '',
        outstanding: v.outstanding,
        oldestDueDate: v.oldest,
        daysOverdue,
        guardianPhoneMasked: null,
        remindedToday: false,
      });
    }
    items.sort((a, b) => b.outstanding - a.outstanding || a.admissionNo.localeCompare(b.admissionNo));
    const contacts = await this.reminders.contactsOf(items.map((i) => i.studentId));
    for (const item of items) Object.assign(item, contacts.get(item.studentId));
    return {
      asOf,
      currency: await this.institution.currency(),
      totalOutstanding: items.reduce((s, i) => s + i.outstanding, 0),
      count: items.length,
      items,
    };
  }

  /** Money collected between two dates (payments less their reversals), grouped by day, class or head. */
  async collections(query: { from: string; to: string; groupBy?: 'day' | 'class' | 'head' }): Promise<{
    from: string;
    to: string;
    groupBy: 'day' | 'class' | 'head';
    currency: string;
    totalCollected: number;
    items: { key: string; label: string; amount: number }[];
  }> {
    await this.requireStaff();
    const groupBy = query.groupBy ?? 'day';
    const entries = await this.entries.collectionsBetween(query.from, query.to);
    const labels = new Map<string, string>();
    let keyOf: (e: (typeof entries)[number]) => string;
    if (groupBy === 'day') keyOf = (e) => e.entryDate;
    else if (groupBy === 'head') {
      for (const h of await this.heads.list()) labels.set(h.id, h.name);
      keyOf = (e) => e.headId;
    } else {
      const dir = await this.students.directory([...new Set(entries.map((e) => e.studentId))]);
      const sections = await this.students.sectionDirectory();
      for (const c of await this.academics.listClasses()) labels.set(c.id, c.name);
      keyOf = (e) => {
        const sectionId = dir.get(e.studentId)?.sectionId;
        return (sectionId && sections.get(sectionId)?.classId) || 'none';
      };
      labels.set('none', 'Not enrolled');
    }
    const sums = new Map<string, number>();
    for (const e of entries) sums.set(keyOf(e), (sums.get(keyOf(e)) ?? 0) - e.amount);
    const items = [...sums.entries()]
      .map(([key, amount]) => ({ key, label: labels.get(key) ?? key, amount }))
      .sort((a, b) => (groupBy === 'day' ? a.key.localeCompare(b.key) : b.amount - a.amount));
    return {
      from: query.from,
      to: query.to,
      groupBy,
      currency: await this.institution.currency(),
      totalCollected: items.reduce((s, i) => s + i.amount, 0),
      items,
    };
  }

  /** The defaulters report as a CSV file named for its as-of date: rupees with 2 decimals, names first, ids last. */
  async defaultersCsv(query: { asOf?: string; classId?: string; minDaysOverdue?: number }): Promise<CsvFile> {
    const report = await this.defaulters(query);
    // PRV-02: a student whose processing is restricted is left out of exports.
    const restricted = await this.students.restrictedStudentIds(report.items.map((r) => r.studentId));
    return {
      filename: `fee-defaulters-${report.asOf}.csv`,
      header: [
        'admission_no',
        'name',
        'class_section',
        'guardian_phone',
        'outstanding',
        'currency',
        'oldest_due',
        'days_overdue',
        'student_id',
      ],
      rows: report.items
        .filter((r) => !restricted.has(r.studentId))
        .map((r) => [
          r.admissionNo,
          r.fullName,
          [r.className, r.sectionName].filter(Boolean).join('-'),
          r.guardianPhoneMasked ?? '',
          decimalAmount(r.outstanding),
          report.currency,
          r.oldestDueDate,
          r.daysOverdue,
          r.studentId,
        ]),
    };
  }

  /** The collections report as a CSV file named for its range: the day, class or head by name, in rupees. */
  async collectionsCsv(query: {
    from: string;
    to: string;
    groupBy?: 'day' | 'class' | 'head';
  }): Promise<CsvFile> {
    const report = await this.collections(query);
    return {
      filename: `fee-collections-${query.from}-${query.to}.csv`,
      header: [report.groupBy, 'amount', 'currency', `${report.groupBy}_key`],
      rows: report.items.map((r) => [r.label, decimalAmount(r.amount), report.currency, r.key]),
    };
  }
}
