import { Injectable } from '@nestjs/common';
import type {
  AssessmentView,
  CoScholasticAreaView,
  ExamStructureView,
  ExamTermView,
  GradingScaleView,
  PaperView,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ConflictError, NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import type { AssessmentDto, GradingScaleDto, PaperDto, TermDto } from './dto/exams.dto';
import {
  Assessment,
  AssessmentPaper,
  ExamTerm,
  GradingBandRow,
  GradingScale,
  PaperComponent,
} from './entities/exams.entities';
import { ExamsErrorCode, InvalidStructureError, StaffOnlyError } from './exams.errors';
import {
  AssessmentsRepository,
  CoScholasticAreasRepository,
  ExamTermsRepository,
  GradingBandsRepository,
  GradingScalesRepository,
  MarkSheetsRepository,
  MarksRepository,
  PaperComponentsRepository,
  PapersRepository,
} from './exams.repository';
import { toCenti } from './mark-cells';
import { validateBands, validateWeights } from './results';

type Detail = { field: string; message: string };

const scaleView = (s: GradingScale, bands: GradingBandRow[]): GradingScaleView => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  bands: bands
    .filter((b) => b.scaleId === s.id)
    .sort((a, b) => b.minPercentCenti - a.minPercentCenti)
    .map((b) => ({
      grade: b.grade,
      minPercent: b.minPercentCenti / 100,
      maxPercent: b.maxPercentCenti / 100,
      gradePoint: b.gradePointCenti === null ? null : b.gradePointCenti / 100,
      description: b.description,
    })),
});

export const paperView = (p: AssessmentPaper, components: PaperComponent[]): PaperView => ({
  id: p.id,
  assessmentId: p.assessmentId,
  classId: p.classId,
  subjectId: p.subjectId,
  maxMarks: p.maxMarksCenti / 100,
  passMarks: p.passMarksCenti / 100,
  components: components
    .filter((c) => c.paperId === p.id)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((c) => ({ code: c.code, maxMarks: c.maxMarksCenti / 100 })),
});

/**
 * The exam structure of an academic year: grading scales with their bands, terms with their share of the
 * year, assessments with their share of the term, papers per class and subject with maximum and pass marks
 * (optionally split into theory/practical/internal), and co-scholastic areas. School staff change it;
 * every change is checked whole (weights add up to 100 %, bands cover 0..100 %) and audited in the same
 * transaction.
 */
@Injectable()
export class ExamStructureService {
  constructor(
    private readonly db: Database,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly scales: GradingScalesRepository,
    private readonly bands: GradingBandsRepository,
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly components: PaperComponentsRepository,
    private readonly areas: CoScholasticAreasRepository,
    private readonly sheets: MarkSheetsRepository,
    private readonly marks: MarksRepository,
  ) {}

  /** Teachers hold exams.write to enter marks; the structure itself is the school staff's. */
  private async requireStaff(): Promise<void> {
    if ((await this.students.scope()).kind !== 'all') throw new StaffOnlyError();
  }

  async structure(academicYearId?: string): Promise<ExamStructureView> {
    const year = academicYearId
      ? await this.academics.year(academicYearId)
      : await this.academics.currentYear();
    const [scales, terms, areas] = await Promise.all([
      this.scales.all(),
      this.terms.ofYear(year.id),
      this.areas.all(),
    ]);
    const bands = await this.bands.ofScales(scales.map((s) => s.id));
    const assessments = await this.assessments.ofTerms(terms.map((t) => t.id));
    const papers = await this.papers.ofAssessments(assessments.map((a) => a.id));
    const components = await this.components.ofPapers(papers.map((p) => p.id));
    return {
      academicYearId: year.id,
      scales: scales.map((s) => scaleView(s, bands)),
      terms: terms.map((t): ExamTermView => ({
        id: t.id,
        academicYearId: t.academicYearId,
        name: t.name,
        sortOrder: t.sortOrder,
        startsOn: t.startsOn,
        endsOn: t.endsOn,
        yearWeightage: t.yearWeightageCenti / 100,
        gradingScaleId: t.gradingScaleId,
        assessments: assessments
          .filter((a) => a.termId === t.id)
          .map((a): AssessmentView => ({
            id: a.id,
            termId: a.termId,
            name: a.name,
            code: a.code,
            sortOrder: a.sortOrder,
            termWeightage: a.termWeightageCenti / 100,
            papers: papers.filter((p) => p.assessmentId === a.id).map((p) => paperView(p, components)),
          })),
      })),
      coScholasticAreas: areas.map((a): CoScholasticAreaView => ({
        id: a.id,
        name: a.name,
        sortOrder: a.sortOrder,
        scaleId: a.scaleId,
      })),
    };
  }

  private checkScale(input: GradingScaleDto): Omit<GradingBandRow, 'tenantId' | 'id' | 'scaleId'>[] {
    const rows = input.bands.map((b, i) => ({
      grade: b.grade.trim(),
      minPercentCenti: toCenti(b.minPercent),
      maxPercentCenti: toCenti(b.maxPercent),
      gradePointCenti: b.gradePoint == null ? null : toCenti(b.gradePoint),
      description: b.description?.trim() || null,
      sortOrder: i,
    }));
    const problems = validateBands(
      rows.map((r) => ({
        grade: r.grade,
        minCenti: r.minPercentCenti,
        maxCenti: r.maxPercentCenti,
        gradePointCenti: r.gradePointCenti,
      })),
      input.kind,
    ).map((p) => ({ field: p.field.replace(/\.minCenti$/, '.minPercent'), message: p.message }));
    if (problems.length)
      throw new InvalidStructureError('The grading bands are not a valid scale; see details.', problems);
    return rows;
  }

  async createScale(input: GradingScaleDto): Promise<GradingScaleView> {
    await this.requireStaff();
    const rows = this.checkScale(input);
    const id = uuidv7();
    return this.db.transaction(async () => {
      if (await this.scales.byName(input.name.trim()))
        throw new ConflictError('A grading scale with this name exists.', ExamsErrorCode.InUse);
      await this.scales.add({ id, name: input.name.trim(), kind: input.kind });
      await this.bands.replace(
        id,
        rows.map((r) => ({ ...r, id: uuidv7(), scaleId: id })),
      );
      await this.audit.record({
        action: 'exams.scale.create',
        targetType: 'grading_scale',
        targetId: id,
        details: { name: input.name.trim(), kind: input.kind, bands: input.bands },
      });
      return this.scaleById(id);
    });
  }

  async replaceScale(id: string, input: GradingScaleDto): Promise<GradingScaleView> {
    await this.requireStaff();
    const rows = this.checkScale(input);
    return this.db.transaction(async () => {
      const scale = await this.scales.byId(id);
      if (!scale) throw new NotFoundError('The grading scale');
      if (scale.kind !== input.kind)
        throw new InvalidStructureError('A scale keeps its kind.', [
          { field: 'kind', message: `this scale is ${scale.kind}` },
        ]);
      const other = await this.scales.byName(input.name.trim());
      if (other && other.id !== id)
        throw new ConflictError('A grading scale with this name exists.', ExamsErrorCode.InUse);
      const before = scaleView(scale, await this.bands.ofScales([id]));
      await this.scales.rename(id, input.name.trim());
      await this.bands.replace(
        id,
        rows.map((r) => ({ ...r, id: uuidv7(), scaleId: id })),
      );
      await this.audit.record({
        action: 'exams.scale.update',
        targetType: 'grading_scale',
        targetId: id,
        details: { before: before.bands, after: input.bands },
      });
      return this.scaleById(id);
    });
  }

  private async scaleById(id: string): Promise<GradingScaleView> {
    const scale = await this.scales.byId(id);
    if (!scale) throw new NotFoundError('The grading scale');
    return scaleView(scale, await this.bands.ofScales([id]));
  }

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
    await this.requireStaff();
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
    return this.structure(year.id);
  }

  /** Sets every assessment of a term at once: their term weightages add up to 100 %. */
  async replaceAssessments(termId: string, input: AssessmentDto[]): Promise<ExamStructureView> {
    await this.requireStaff();
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
    return this.structure(term.academicYearId);
  }

  /** Creates or changes papers of an assessment, one per class and subject. */
  async savePapers(assessmentId: string, input: PaperDto[]): Promise<PaperView[]> {
    await this.requireStaff();
    const assessment = await this.assessments.byId(assessmentId);
    if (!assessment) throw new NotFoundError('The assessment');
    const [classes, subjects] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSubjects(),
    ]);
    const classIds = new Set(classes.map((c) => c.id));
    const subjectIds = new Set(subjects.map((s) => s.id));
    for (const p of input) {
      if (!classIds.has(p.classId)) throw new NotFoundError('The class');
      if (!subjectIds.has(p.subjectId)) throw new NotFoundError('The subject');
    }
    const problems: Detail[] = [];
    const slots = new Set<string>();
    input.forEach((p, i) => {
      const max = toCenti(p.maxMarks);
      if (toCenti(p.passMarks) > max)
        problems.push({
          field: `papers.${i}.passMarks`,
          message: `at most the maximum marks (${p.maxMarks})`,
        });
      const slot = `${p.classId}/${p.subjectId}`;
      if (slots.has(slot))
        problems.push({ field: `papers.${i}`, message: 'two papers for the same class and subject' });
      slots.add(slot);
      const comps = p.components ?? [];
      if (new Set(comps.map((c) => c.code)).size !== comps.length)
        problems.push({ field: `papers.${i}.components`, message: 'a component appears twice' });
      const sum = comps.reduce((s, c) => s + toCenti(c.maxMarks), 0);
      if (comps.length && sum !== max)
        problems.push({
          field: `papers.${i}.components`,
          message: `the components' maximum marks add up to ${sum / 100}, not the paper's ${p.maxMarks}`,
        });
    });
    if (problems.length) throw new InvalidStructureError('The papers are not valid; see details.', problems);

    const ids = await this.db.transaction(async () => {
      const existing = await this.papers.ofAssessments([assessment.id]);
      const bySlot = new Map(existing.map((p) => [`${p.classId}/${p.subjectId}`, p]));
      const existingComponents = await this.components.ofPapers(existing.map((p) => p.id));
      const out: string[] = [];
      const created: string[] = [];
      const changed: { paperId: string; before: PaperView; after: PaperDto }[] = [];
      for (const p of input) {
        const prior = bySlot.get(`${p.classId}/${p.subjectId}`);
        const comps = (p.components ?? []).map((c, k) => ({
          code: c.code,
          maxMarksCenti: toCenti(c.maxMarks),
          sortOrder: k,
        }));
        if (!prior) {
          const id = uuidv7();
          await this.papers.add([
            {
              id,
              assessmentId: assessment.id,
              classId: p.classId,
              subjectId: p.subjectId,
              maxMarksCenti: toCenti(p.maxMarks),
              passMarksCenti: toCenti(p.passMarks),
            },
          ]);
          await this.components.add(comps.map((c) => ({ ...c, paperId: id })));
          created.push(id);
          out.push(id);
          continue;
        }
        const before = paperView(prior, existingComponents);
        await this.requireMarksFit(prior.id, before, p);
        await this.papers.change(prior.id, {
          maxMarksCenti: toCenti(p.maxMarks),
          passMarksCenti: toCenti(p.passMarks),
        });
        await this.components.replace(
          prior.id,
          comps.map((c) => ({ ...c, paperId: prior.id })),
        );
        changed.push({ paperId: prior.id, before, after: p });
        out.push(prior.id);
      }
      await this.audit.record({
        action: 'exams.papers.save',
        targetType: 'assessment',
        targetId: assessment.id,
        details: {
          created: created.length,
          changed: changed.map((c) => ({
            paperId: c.paperId,
            before: {
              maxMarks: c.before.maxMarks,
              passMarks: c.before.passMarks,
              components: c.before.components,
            },
            after: {
              maxMarks: c.after.maxMarks,
              passMarks: c.after.passMarks,
              components: c.after.components ?? [],
            },
          })),
        },
      });
      return out;
    });
    const papers = (await this.papers.ofAssessments([assessment.id])).filter((p) => ids.includes(p.id));
    const components = await this.components.ofPapers(papers.map((p) => p.id));
    return ids.map((id) =>
      paperView(
        papers.find((p) => p.id === id)!,
        components,
      ),
    );
  }

  /** A paper with marks keeps its columns, and every entered mark must stay within its column's maximum. */
  private async requireMarksFit(paperId: string, before: PaperView, after: PaperDto): Promise<void> {
    const sheets = await this.sheets.ofPapers([paperId]);
    if (!sheets.length) return;
    const rows = (await Promise.all(sheets.map((s) => this.marks.ofSheet(s.id)))).flat();
    if (!rows.length) return;
    const codesBefore = before.components
      .map((c) => c.code)
      .sort()
      .join(',');
    const codesAfter = (after.components ?? [])
      .map((c) => c.code)
      .sort()
      .join(',');
    if (codesBefore !== codesAfter)
      throw new ConflictError(
        'Marks are entered for this paper; its components cannot change.',
        ExamsErrorCode.InUse,
        [{ field: 'components', message: `paper ${paperId} has marks` }],
      );
    const maxOf = (code: string) =>
      toCenti(after.components?.find((c) => c.code === code)?.maxMarks ?? after.maxMarks);
    const over = rows.find((r) => r.status === 'marks' && (r.marksCenti ?? 0) > maxOf(r.componentCode));
    if (over)
      throw new ConflictError(
        'Entered marks exceed the new maximum; correct them first.',
        ExamsErrorCode.InUse,
        [{ field: 'maxMarks', message: `a mark of ${(over.marksCenti ?? 0) / 100} is entered` }],
      );
  }

  async addArea(input: { name: string; sortOrder?: number; scaleId: string }): Promise<CoScholasticAreaView> {
    await this.requireStaff();
    const scale = await this.scales.byId(input.scaleId);
    if (!scale) throw new NotFoundError('The grading scale');
    if (scale.kind !== 'co_scholastic')
      throw new InvalidStructureError('Co-scholastic areas are graded on a co-scholastic scale.', [
        { field: 'scaleId', message: 'not a co-scholastic scale' },
      ]);
    const id = uuidv7();
    return this.db.transaction(async () => {
      if (await this.areas.byName(input.name.trim()))
        throw new ConflictError('A co-scholastic area with this name exists.', ExamsErrorCode.InUse);
      const row = { id, name: input.name.trim(), sortOrder: input.sortOrder ?? 0, scaleId: scale.id };
      await this.areas.add([row]);
      await this.audit.record({
        action: 'exams.area.create',
        targetType: 'co_scholastic_area',
        targetId: id,
        details: { name: row.name, scaleId: row.scaleId },
      });
      return row;
    });
  }
}
