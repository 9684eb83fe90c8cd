import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditNames } from '../audit/audit-names';
import { StudentDirectory } from '../students/student-directory';
import {
  FeeHeadsRepository,
  FeeInvoicesRepository,
  FeePaymentsRepository,
  FeeStructuresRepository,
} from './fees.repository';

/**
 * Names the fee rows the audit log points at: a payment as its receipt and student ("receipt 2026-27/00012
 * of Aarav Sharma"), an invoice as its label and student ("Term 1 of Aarav Sharma"), heads and structures by
 * name. One read per type and one name lookup per page, as AuditNames asks.
 */
@Injectable()
export class FeesAuditNames implements OnModuleInit {
  constructor(
    private readonly names: AuditNames,
    private readonly payments: FeePaymentsRepository,
    private readonly invoices: FeeInvoicesRepository,
    private readonly heads: FeeHeadsRepository,
    private readonly structures: FeeStructuresRepository,
    private readonly students: StudentDirectory,
  ) {}

  onModuleInit(): void {
    this.names.register('fee_payment', async (ids) => {
      const rows = await this.payments.byIds(ids);
      const who = await this.students.namesOf([...new Set(rows.map((p) => p.studentId))]);
      return new Map(rows.map((p) => [p.id, ofStudent(`receipt ${p.receiptNo}`, who.get(p.studentId))]));
    });
    this.names.register('fee_invoice', async (ids) => {
      const rows = await this.invoices.byIds(ids);
      const who = await this.students.namesOf([...new Set(rows.map((i) => i.studentId))]);
      return new Map(rows.map((i) => [i.id, ofStudent(i.label, who.get(i.studentId))]));
    });
    this.names.register(
      'fee_head',
      async (ids) => new Map((await this.heads.byIds(ids)).map((h) => [h.id, h.name])),
    );
    this.names.register(
      'fee_structure',
      async (ids) => new Map((await this.structures.byIds(ids)).map((s) => [s.id, s.name])),
    );
  }
}

const ofStudent = (what: string, student: string | undefined) => (student ? `${what} of ${student}` : what);
