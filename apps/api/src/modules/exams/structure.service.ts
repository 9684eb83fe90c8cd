import { Injectable } from '@nestjs/common';
import type {
  AssessmentView,
  CoScholasticAreaView,
  ExamStructureView,
  ExamTermView,
  GradingScaleView,
  PaperView,
} from '@shala/contracts';
import { AcademicsService } from '../academics/academics.service';
import { StudentDirectory } from '../students/student-directory';
import type {
  AssessmentPaper,
  GradingBandRow,
  GradingScale,
  PaperComponent,
} from './entities/exams.entities';
import { StaffOnlyError } from './exams.errors';
import {
  AssessmentsRepository,
  CoScholasticAreasRepository,
  ExamTermsRepository,
  GradingBandsRepository,
  GradingScalesRepository,
  PaperComponentsRepository,
  PapersRepository,
} from './exams.repository';

export type Detail = { field: string; message: string };

/** Teachers hold exams.write to enter marks; the structure itself is the school staff's. */
export async function requireStaff(students: StudentDirectory): Promise<void> {
  if ((await students.scope()).kind !== 'all') throw new StaffOnlyError();
}

export const scaleView = (s: GradingScale, bands: GradingBandRow[]): GradingScaleView => ({
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
 * (optionally split into theory/practical/internal), and co-scholastic areas. This service reads it whole;
 * school staff change it through GradingScalesService, ExamTermsService, PapersService and
 * CoScholasticAreasService, where every change is checked whole (weights add up to 100 %, bands cover
 * 0..100 %) and audited in the same transaction.
 */
@Injectable()
export class ExamStructureService {
  constructor(
    private readonly academics: AcademicsService,
    private readonly scales: GradingScalesRepository,
    private readonly bands: GradingBandsRepository,
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly components: PaperComponentsRepository,
    private readonly areas: CoScholasticAreasRepository,
  ) {}

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
}
