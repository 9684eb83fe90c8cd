import type { FeeHead as HeadView, FeeStructure as StructureView } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import type { Enrolled } from '../students/students.events';
import { StudentDirectory } from '../students/student-directory';
import { FeeInstalment, FeeStructure } from './entities/fees.entities';
import { FeesErrorCode } from './fees.errors';
import { FeesLedgerService } from './fees-ledger.service';
import {
  FeeAccountsRepository,
  FeeHeadsRepository,
  FeeInstalmentLinesRepository,
  FeeInstalmentsRepository,
  FeeInvoicesRepository,
  FeeStructuresRepository,
  FeeStudentHeadsRepository,
} from './fees.repository';

export interface StructureInput {
  classId: string;
  academicYearId?: string;
  name: string;
  instalments: { label: string; dueDate: string; lines: { headId: string; amount: number }[] }[];
}

/** Fee heads, class fee structures with instalments, optional heads per student, and invoice runs. */
@Injectable()
export class FeesSetupService {
  constructor(
    private readonly db: Database,
    private readonly heads: FeeHeadsRepository,
    private readonly structures: FeeStructuresRepository,
    private readonly instalments: FeeInstalmentsRepository,
    private readonly lines: FeeInstalmentLinesRepository,
    private readonly studentHeads: FeeStudentHeadsRepository,
    private readonly invoices: FeeInvoicesRepository,
    private readonly accounts: FeeAccountsRepository,
    private readonly ledger: FeesLedgerService,
    private readonly institution: CurrentInstitution,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
  ) {}

  async listHeads(): Promise<HeadView[]> {
    return (await this.heads.list()).map((h) => ({ id: h.id, name: h.name, optional: h.optional }));
  }

  async createHead(input: { name: string; optional?: boolean }): Promise<HeadView> {
    return this.db.transaction(async () => {
      const name = input.name.trim();
      if (await this.heads.byName(name))
        throw new ConflictError(`A fee head named "${name}" exists.`, FeesErrorCode.DuplicateHead);
      const head = { id: uuidv7(), name, optional: input.optional ?? false };
      await this.heads.add(head);
      await this.audit.record({
        action: 'fees.head.create',
        targetType: 'fee_head',
        targetId: head.id,
        details: head,
      });
      return head;
    });
  }

  async listStructures(academicYearId?: string): Promise<StructureView[]> {
    const yearId = academicYearId ?? (await this.academics.currentYear()).id;
    return this.views(await this.structures.ofYear(yearId));
  }

  async structure(id: string): Promise<StructureView> {
    const s = await this.structures.byId(id);
    if (!s) throw new NotFoundError('The fee structure');
    return (await this.views([s]))[0]!;
  }

  private async views(structures: FeeStructure[]): Promise<StructureView[]> {
    const currency = await this.institution.currency();
    const instalments = await this.instalments.ofStructures(structures.map((s) => s.id));
    const lines = await this.lines.ofInstalments(instalments.map((i) => i.id));
    const headNames = new Map((await this.heads.list()).map((h) => [h.id, h.name]));
    return structures.map((s) => {
      const own = instalments
        .filter((i) => i.structureId === s.id)
        .map((i) => {
          const ls = lines
            .filter((l) => l.instalmentId === i.id)
            .map((l) => ({ headId: l.headId, headName: headNames.get(l.headId) ?? '', amount: l.amount }));
          return {
            id: i.id,
            seq: i.seq,
            label: i.label,
            dueDate: i.dueDate,
            total: ls.reduce((a, l) => a + l.amount, 0),
            lines: ls,
          };
        });
      return {
        id: s.id,
        academicYearId: s.academicYearId,
        classId: s.classId,
        name: s.name,
        currency,
        total: own.reduce((a, i) => a + i.total, 0),
        instalments: own,
      };
    });
  }

  async createStructure(input: StructureInput): Promise<StructureView> {
    const year = input.academicYearId
      ? await this.academics.year(input.academicYearId)
      : await this.academics.currentYear();
    await this.academics.class(input.classId);
    const headIds = [...new Set(input.instalments.flatMap((i) => i.lines.map((l) => l.headId)))];
    const known = new Set((await this.heads.byIds(headIds)).map((h) => h.id));
    const details = headIds
      .filter((id) => !known.has(id))
      .map((id) => ({ field: 'instalments.lines.headId', message: `unknown fee head ${id}` }));
    input.instalments.forEach((inst, k) => {
      if (new Set(inst.lines.map((l) => l.headId)).size !== inst.lines.length)
        details.push({ field: `instalments.${k}.lines`, message: 'a head appears twice' });
      if (inst.dueDate < year.startsOn || inst.dueDate > year.endsOn)
        details.push({ field: `instalments.${k}.dueDate`, message: 'must fall within the academic year' });
    });
    if (details.length) throw new ValidationFailedError(details);
    const id = await this.db.transaction(async () => {
      if (await this.structures.ofClass(year.id, input.classId))
        throw new ConflictError(
          'This class already has a fee structure for the year.',
          FeesErrorCode.DuplicateStructure,
        );
      const structureId = uuidv7();
      await this.structures.add({
        id: structureId,
        academicYearId: year.id,
        classId: input.classId,
        name: input.name.trim(),
      });
      const rows: Omit<FeeInstalment, 'tenantId'>[] = input.instalments.map((inst, k) => ({
        id: uuidv7(),
        structureId,
        seq: k + 1,
        label: inst.label.trim(),
        dueDate: inst.dueDate,
      }));
      await this.instalments.add(rows);
      await this.lines.add(
        input.instalments.flatMap((inst, k) =>
          inst.lines.map((l) => ({ instalmentId: rows[k]!.id, headId: l.headId, amount: l.amount })),
        ),
      );
      await this.audit.record({
        action: 'fees.structure.create',
        targetType: 'fee_structure',
        targetId: structureId,
        details: { classId: input.classId, academicYearId: year.id, instalments: input.instalments },
      });
      return structureId;
    });
    return this.structure(id);
  }

  /** Sets a student's optional heads (e.g. transport) for the current year: amount per instalment. */
  async setOptionalHeads(
    studentId: string,
    heads: { headId: string; amountPerInstalment: number }[],
  ): Promise<{ heads: { headId: string; amountPerInstalment: number }[] }> {
    await this.students.visible(studentId);
    const year = await this.academics.currentYear();
    const found = await this.heads.byIds(heads.map((h) => h.headId));
    const bad = heads.filter((h) => !found.some((f) => f.id === h.headId && f.optional));
    if (bad.length)
      throw new ValidationFailedError(
        bad.map((b) => ({ field: 'heads.headId', message: `${b.headId} is not an optional fee head` })),
      );
    await this.db.transaction(async () => {
      await this.studentHeads.replaceFor(
        studentId,
        year.id,
        heads.map((h) => ({ studentId, academicYearId: year.id, ...h })),
      );
      await this.audit.record({
        action: 'fees.optional_heads.set',
        targetType: 'student',
        targetId: studentId,
        details: { heads },
      });
    });
    return { heads };
  }

  /**
   * The daily job's safety net: invoices the current year's structures for enrolled students who lack
   * them (enrolled before their class had a structure; enrolment itself applies an existing one).
   */
  async invoiceNewEnrolments(): Promise<number> {
    const year = await this.academics.findCurrentYear();
    if (!year) return 0;
    let created = 0;
    for (const s of await this.structures.ofYear(year.id))
      created += (await this.generateInvoices(s.id)).created;
    return created;
  }

  /**
   * Applies the class fee structure of each enrolment's year to the students just enrolled (new, moved
   * into the class, imported or promoted), inside the enrolling transaction. Called through the students
   * module's `students.enrolled` event (FeesEnrolmentListener); idempotent like every invoice run.
   */
  async applyOnEnrolment(enrolled: Enrolled[]): Promise<number> {
    const classOf = new Map(
      (await this.academics.sectionsByIds([...new Set(enrolled.map((e) => e.sectionId))])).map((s) => [
        s.id,
        s.classId,
      ]),
    );
    const groups = new Map<string, { yearId: string; classId: string; studentIds: Set<string> }>();
    for (const e of enrolled) {
      const classId = classOf.get(e.sectionId);
      if (!classId) continue;
      const key = `${e.academicYearId}/${classId}`;
      const group = groups.get(key) ?? { yearId: e.academicYearId, classId, studentIds: new Set<string>() };
      group.studentIds.add(e.studentId);
      groups.set(key, group);
    }
    let created = 0;
    for (const g of groups.values()) {
      const structure = await this.structures.ofClass(g.yearId, g.classId);
      if (!structure) continue;
      created += (await this.invoiceStudents(structure, [...g.studentIds], 'fees.invoices.enrolment'))
        .created;
    }
    return created;
  }

  /**
   * Invoices every student actively enrolled in the structure's class: one invoice per instalment with a
   * charge entry per head. Idempotent: students who already have an instalment's invoice are skipped, so
   * re-running after new enrolments invoices only the newcomers.
   */
  async generateInvoices(
    structureId: string,
  ): Promise<{ created: number; skipped: number; students: number }> {
    const structure = await this.structures.byId(structureId);
    if (!structure) throw new NotFoundError('The fee structure');
    const year = await this.academics.currentYear();
    if (structure.academicYearId !== year.id)
      throw new RuleViolationError(
        'Invoices are generated for the current academic year only.',
        FeesErrorCode.NotCurrentYear,
      );
    const studentIds: string[] = [];
    for (const section of await this.academics.sectionsOfClass(structure.classId))
      studentIds.push(...(await this.students.rosterIds(section.id)));
    return this.invoiceStudents(structure, studentIds, 'fees.invoices.generate');
  }

  /**
   * One invoice per instalment of the structure for each student who lacks it, with the student's
   * optional heads of the year. A plain read first finds who may lack one (a run with nothing to do
   * writes nothing); those students' fee-account locks are then taken in id order and what exists is
   * re-read with a locking read, so an enrolment and the daily job racing for the same student invoice
   * it once. The unique (student, instalment) key is the last line of defence.
   */
  private async invoiceStudents(
    structure: FeeStructure,
    studentIds: string[],
    action: string,
  ): Promise<{ created: number; skipped: number; students: number }> {
    const students = [...new Set(studentIds)];
    const instalments = await this.instalments.ofStructures([structure.id]);
    const instalmentIds = instalments.map((i) => i.id);
    const keyOf = (i: { studentId: string; instalmentId: string | null }) =>
      `${i.studentId}/${i.instalmentId}`;
    const seen = new Set((await this.invoices.existing(students, instalmentIds)).map(keyOf));
    const candidates = students.filter((s) => instalmentIds.some((i) => !seen.has(`${s}/${i}`))).sort();
    const total = students.length * instalments.length;
    if (!candidates.length) return { created: 0, skipped: total, students: students.length };
    const lines = await this.lines.ofInstalments(instalmentIds);
    return this.db.transaction(async () => {
      for (const id of candidates) await this.accounts.lock(id);
      const existing = new Set((await this.invoices.existingLocked(candidates, instalmentIds)).map(keyOf));
      const optional = await this.studentHeads.ofStudents(structure.academicYearId, candidates);
      const plans = [];
      for (const studentId of candidates)
        for (const inst of instalments) {
          if (existing.has(`${studentId}/${inst.id}`)) continue;
          const charges = [
            ...lines
              .filter((l) => l.instalmentId === inst.id)
              .map((l) => ({ headId: l.headId, amount: l.amount })),
            ...optional
              .filter((o) => o.studentId === studentId)
              .map((o) => ({ headId: o.headId, amount: o.amountPerInstalment })),
          ].filter((c) => c.amount > 0);
          plans.push({
            studentId,
            academicYearId: structure.academicYearId,
            instalmentId: inst.id,
            label: `${structure.name} - ${inst.label}`,
            dueDate: inst.dueDate,
            charges,
          });
        }
      const result = { created: plans.length, skipped: total - plans.length, students: students.length };
      if (!plans.length) return result;
      await this.ledger.createInvoices(plans);
      await this.audit.record({
        action,
        targetType: 'fee_structure',
        targetId: structure.id,
        details: result,
      });
      return result;
    });
  }
}
