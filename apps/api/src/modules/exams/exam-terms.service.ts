import { Injectable } from '@nestjs/common';
import type { ExamStructureView } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ConflictError, NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import type { AssessmentDto, TermDto } from './dto/exams.dto';
import type { Assessment, ExamTerm } from './entities/exams.entities';
import { ExamsErrorCode, InvalidStructureError } from './exams.errors';
import {
  AssessmentsRepository,
  ExamTermsRepository,
  GradingScalesRepository,
  PapersRepository,
} from './exams.repository';
import { toCenti } from './mark-cells';
import { validateWeights } from './results';
import { type Detail, ExamStructureService, requireStaff } from './structure.service';

/**
 * Terms of an academic year and assessments of a term, each list set whole by school staff: their
 * weightages add up to 100 %, one left out must be empty, and every change is audited in the same
 * transaction. Both answer the year's structure.
 */
@Injectable()
export class ExamTermsService {
  constructor(
    private readonly db: Database,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly structure: ExamStructureService,
    private readonly scales: GradingScalesRepository,
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
  ) {}

  /** Shares of a whole: problems named by `field` (terms.1.yearWeightage, or the list when the sum is off). */
  private checkWeights(
    items: { id?: string; name: string; weightCenti: number }[],
    list: string,
    field: string,
  ): Detail[] {
    return validateWeights(
      items.map((t, i) => ({ id: t.id ?? String(i), name: t.name, weightCenti: t.weightCenti })),
      list,
    ).map((p) => ({
      field: p.field === list ? `${list}.${field}` : p.field.replace(/\.weightCenti$/, `.${field}`),
      message: p.message,
    }));
  }

  /** Sets every term of an academic year at once: their year weightages add up to 100 %. */
  async replaceTerms(academicYearId: string, input: TermDto[]): Promise<ExamStructureView> {
    await requireStaff(this.students);
    const year = await this.academics.year(academicYearId);
    const problems = this.checkWeights(
      input.map((t) => ({ id: t.id, name: t.name, weightCenti: toCenti(t.yearWeightage) })),
      'terms',
      'yearWeightage',
    );
    const names = new Set<string>();
    input.forEach((t, i) => {
      if (t.endsOn < t.startsOn)
        problems.push({ field: `terms.${i}.endsOn`, message: 'a term ends on or after it starts' });
      if (t.startsOn < year.startsOn || t.endsOn > year.endsOn)
        problems.push({
          field: `terms.${i}.startsOn`,
          message: `a term lies within the academic year (${year.startsOn} to ${year.endsOn})`,
        });
      const name = t.name.trim().toLowerCase();
      if (names.has(name)) problems.push({ field: `terms.${i}.name`, message: 'two terms have this name' });
      names.add(name);
    });
    const scales = new Map((await this.scales.all()).map((s) => [s.id, s]));
    input.forEach((t, i) => {
      if (t.gradingScaleId && scales.get(t.gradingScaleId)?.kind !== 'scholastic')
        problems.push({ field: `terms.${i}.gradingScaleId`, message: 'not a scholastic grading scale' });
    });
    if (problems.length) throw new InvalidStructureError('The terms are not valid; see details.', problems);

    await this.db.transaction(async () => {
      const existing = await this.terms.ofYear(year.id);
      const byId = new Map(existing.map((t) => [t.id, t]));
      for (const t of input) if (t.id && !byId.has(t.id)) throw new NotFoundError('The term');
      const kept = new Set(input.map((t) => t.id).filter(Boolean));
      const dropped = existing.filter((t) => !kept.has(t.id));
      if (dropped.length && (await this.assessments.ofTerms(dropped.map((t) => t.id))).length)
        throw new ConflictError(
          'A term left out still has assessments; remove them first.',
          ExamsErrorCode.InUse,
          dropped.map((t) => ({ field: 'terms', message: `${t.name} has assessments` })),
        );
      for (const t of dropped) await this.terms.remove(t.id);
      for (const [i, t] of input.entries()) {
        const row: Omit<ExamTerm, 'tenantId' | 'id'> = {
          academicYearId: year.id,
          name: t.name.trim(),
          sortOrder: i,
          startsOn: t.startsOn,
          endsOn: t.endsOn,
          yearWeightageCenti: toCenti(t.yearWeightage),
          gradingScaleId: t.gradingScaleId ?? null,
        };
        // Renames happen in two steps so swapping two terms' names never trips the unique key.
        if (t.id) await this.terms.change(t.id, { ...row, name: `~${t.id}` });
        else await this.terms.add({ ...row, id: uuidv7() });
      }
      for (const t of input.filter((x) => x.id)) await this.terms.change(t.id!, { name: t.name.trim() });
      await this.audit.record({
        action: 'exams.terms.save',
        targetType: 'academic_year',
        targetId: year.id,
        details: {
          removed: dropped.map((t) => t.name),
          terms: input.map((t) => ({ id: t.id ?? null, name: t.name, yearWeightage: t.yearWeightage })),
        },
      });
    });
    return this.structure.structure(year.id);
  }

  /** Sets every assessment of a term at once: their term weightages add up to 100 %. */
  async replaceAssessments(termId: string, input: AssessmentDto[]): Promise<ExamStructureView> {
    await requireStaff(this.students);
    const term = await this.terms.byId(termId);
    if (!term) throw new NotFoundError('The term');
    const problems = this.checkWeights(
      input.map((a) => ({ id: a.id, name: a.name, weightCenti: toCenti(a.termWeightage) })),
      'assessments',
      'termWeightage',
    );
    const codes = new Set<string>();
    input.forEach((a, i) => {
      const code = a.code.toUpperCase();
      if (codes.has(code))
        problems.push({ field: `assessments.${i}.code`, message: 'two assessments have this code' });
      codes.add(code);
    });
    if (problems.length)
      throw new InvalidStructureError('The assessments are not valid; see details.', problems);

    await this.db.transaction(async () => {
      const existing = await this.assessments.ofTerms([term.id]);
      const byId = new Map(existing.map((a) => [a.id, a]));
      for (const a of input) if (a.id && !byId.has(a.id)) throw new NotFoundError('The assessment');
      const kept = new Set(input.map((a) => a.id).filter(Boolean));
      const dropped = existing.filter((a) => !kept.has(a.id));
      if (dropped.length && (await this.papers.ofAssessments(dropped.map((a) => a.id))).length)
        throw new ConflictError(
          'An assessment left out still has papers; remove them first.',
          ExamsErrorCode.InUse,
          dropped.map((a) => ({ field: 'assessments', message: `${a.name} has papers` })),
        );
      for (const a of dropped) await this.assessments.remove(a.id);
      for (const [i, a] of input.entries()) {
        const row: Omit<Assessment, 'tenantId' | 'id'> = {
          termId: term.id,
          name: a.name.trim(),
          code: a.code.toUpperCase(),
          sortOrder: i,
          termWeightageCenti: toCenti(a.termWeightage),
        };
        if (a.id) await this.assessments.change(a.id, { ...row, code: `~${i}${a.id.slice(-12)}` });
        else await this.assessments.add({ ...row, id: uuidv7() });
      }
      for (const a of input.filter((x) => x.id))
        await this.assessments.change(a.id!, { code: a.code.toUpperCase() });
      await this.audit.record({
        action: 'exams.assessments.save',
        targetType: 'exam_term',
        targetId: term.id,
        details: {
          removed: dropped.map((a) => a.code),
          assessments: input.map((a) => ({ id: a.id ?? null, code: a.code, termWeightage: a.termWeightage })),
        },
      });
    });
    return this.structure.structure(term.academicYearId);
  }
}
