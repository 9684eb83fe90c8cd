import { Injectable } from '@nestjs/common';
import type {
  SectionResultRow,
  SectionResultsView,
  StudentResultsView,
  SubjectResultView,
  TermResultView,
  YearResultView,
} from '@shala/contracts';
import { DomainError, NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { StudentDirectory } from '../students/student-directory';
import type {
  Assessment,
  AssessmentPaper,
  ExamTerm,
  GradingBandRow,
  PaperComponent,
} from './entities/exams.entities';
import {
  AssessmentsRepository,
  ExamTermsRepository,
  GradingBandsRepository,
  GradingScalesRepository,
  PaperComponentsRepository,
  PapersRepository,
} from './exams.repository';
import {
  type GradeBand,
  type StudentTermResult,
  rankCompetition,
  studentTermResult,
  studentYearResult,
} from './results';
import { MarksIndex, bandsOf, decimal } from './results-inputs';
import { MarksRepository, ResultPublicationsRepository } from './exams.repository';

/** A term's structure for one class: its assessments, the class's papers and their components. */
export interface TermPlan {
  term: ExamTerm;
  assessments: Assessment[];
  papers: AssessmentPaper[];
  components: Map<string, PaperComponent[]>;
  bands: GradeBand[];
}

export class StaffOnlyResultsError extends DomainError {
  constructor() {
    super(403, 'FORBIDDEN', 'Unpublished results are for school staff.');
  }
}

/**
 * Term results: reads a term's structure, the class's papers and the marks of a whole class (or one
 * student) in a fixed number of statements, however many students, and runs the pure arithmetic in
 * `results/`. Parents and students see published terms only (a live result_publications row for the
 * class); staff see a section's table with ranks in section and class.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly components: PaperComponentsRepository,
    private readonly scales: GradingScalesRepository,
    private readonly bands: GradingBandsRepository,
    private readonly marks: MarksRepository,
    private readonly publications: ResultPublicationsRepository,
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
  ) {}

  /**
   * A student's term results this year: the published terms of their class (parents: their own
   * children; students: themselves; others answer 404). Staff may ask for unpublished terms too.
   */
  async studentResults(studentId: string, includeUnpublished = false): Promise<StudentResultsView> {
    await this.students.visible(studentId);
    if (includeUnpublished && (await this.students.scope()).kind === 'students')
      throw new StaffOnlyResultsError();
    const [sectionId, year] = await Promise.all([
      this.students.currentSectionOf(studentId),
      this.academics.findCurrentYear(),
    ]);
    if (!sectionId || !year) return { studentId, items: [], year: null };
    const { classId } = await this.academics.section(sectionId);
    const terms = await this.terms.ofYear(year.id);
    const live = new Map(
      (
        await this.publications.liveFor(
          classId,
          terms.map((t) => t.id),
        )
      ).map((p) => [p.termId, p]),
    );
    const shown = includeUnpublished ? terms : terms.filter((t) => live.has(t.id));
    const plans = await this.plans(shown, classId);
    const [rows, subjects] = await Promise.all([
      this.marks.ofPapers(
        plans.flatMap((p) => p.papers.map((x) => x.id)),
        studentId,
      ),
      this.subjectNames(),
    ]);
    const index = new MarksIndex(rows);
    const results = plans.map((plan) => this.resultOf(plan, index, studentId));
    return {
      studentId,
      items: plans.map((plan, i) => {
        const publication = live.get(plan.term.id);
        return {
          termId: plan.term.id,
          termName: plan.term.name,
          ...this.overallView(results[i]!),
          subjects: this.subjectViews(plan, results[i]!, subjects),
          published: !!publication,
          publishedAt: publication ? new Date(publication.publishedAt).toISOString() : null,
        } satisfies TermResultView;
      }),
      year:
        shown.length > 0 && shown.length === terms.length
          ? this.yearView(year.id, plans, results, subjects)
          : null,
    };
  }

  /** The year from its terms, graded on the first term's scale. */
  private yearView(
    academicYearId: string,
    plans: TermPlan[],
    results: StudentTermResult[],
    names: Map<string, string>,
  ): YearResultView {
    const year = studentYearResult(
      plans.map((p, i) => ({ termId: p.term.id, result: results[i]! })),
      plans.map((p) => ({ termId: p.term.id, weightCenti: p.term.yearWeightageCenti })),
      plans.find((p) => p.bands.length)?.bands ?? [],
    );
    return {
      academicYearId,
      subjects: year.subjects
        .map((s) => ({
          subjectId: s.subjectId,
          subject: names.get(s.subjectId) ?? '',
          percentage: decimal(s.percentCenti),
          grade: s.grade,
          gradePoint: decimal(s.gradePointCenti),
          passed: s.passed,
          status: s.status,
        }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
      percentage: decimal(year.percentCenti),
      grade: year.grade,
      passed: year.passed,
      cumulativeGradePointAverage: decimal(year.cumulativeGradePointAverageCenti),
    };
  }

  /**
   * A section's term results: every enrolled student with their subjects, overall result and ranks in
   * the section and in the class (standard competition ranking over complete results). Teachers see the
   * sections they teach (class or subject teacher); others outside the caller's scope answer 404.
   */
  async sectionResults(termId: string, sectionId: string): Promise<SectionResultsView> {
    const section = await this.academics.section(sectionId);
    const scope = await this.students.scope();
    if (scope.kind === 'students' || (scope.kind === 'sections' && !scope.sectionIds.includes(sectionId)))
      throw new NotFoundError('The section');
    const term = await this.terms.byId(termId);
    if (!term) throw new NotFoundError('The term');
    const [plans, roster, subjects, publication] = await Promise.all([
      this.plans([term], section.classId),
      this.students.sectionRoster(sectionId, term.academicYearId),
      this.subjectNames(),
      this.publications.byTermAndClass(termId, section.classId),
    ]);
    const plan = plans[0]!;
    // The whole class's marks in one statement: the class rank needs every section.
    const index = new MarksIndex(await this.marks.ofPapers(plan.papers.map((p) => p.id)));
    const inSection = new Set(roster.map((r) => r.studentId));
    const classStudents = [...new Set([...index.studentIds, ...inSection])];
    const results = new Map(classStudents.map((id) => [id, this.resultOf(plan, index, id)]));
    const classRank = new Map(rankCompetition([...results.values()]).map((r) => [r.studentId, r.rank]));
    const sectionRank = new Map(
      rankCompetition(roster.map((r) => results.get(r.studentId)!)).map((r) => [r.studentId, r.rank]),
    );
    const subjectIds = [...new Set(plan.papers.map((p) => p.subjectId))];
    return {
      termId,
      termName: term.name,
      classId: section.classId,
      sectionId,
      published: !!publication && !publication.unpublishedAt,
      subjects: subjectIds
        .map((id) => ({ subjectId: id, subject: subjects.get(id) ?? '' }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
      rows: roster.map((r): SectionResultRow => {
        const result = results.get(r.studentId)!;
        return {
          ...r,
          ...this.overallView(result),
          subjects: this.subjectViews(plan, result, subjects),
          rankInSection: sectionRank.get(r.studentId) ?? null,
          rankInClass: classRank.get(r.studentId) ?? null,
        };
      }),
    };
  }

  /** The structure of these terms for one class, in four statements (plus the scale's bands). */
  async plans(terms: ExamTerm[], classId: string): Promise<TermPlan[]> {
    if (!terms.length) return [];
    const assessments = await this.assessments.ofTerms(terms.map((t) => t.id));
    const [papers, bandsByTerm] = await Promise.all([
      this.papers
        .ofAssessments(assessments.map((a) => a.id))
        .then((ps) => ps.filter((p) => p.classId === classId)),
      this.bandsOfTerms(terms),
    ]);
    const components = new Map<string, PaperComponent[]>();
    for (const c of await this.components.ofPapers(papers.map((p) => p.id)))
      components.set(c.paperId, [...(components.get(c.paperId) ?? []), c]);
    return terms.map((term) => {
      const own = assessments.filter((a) => a.termId === term.id);
      const ids = new Set(own.map((a) => a.id));
      return {
        term,
        assessments: own,
        papers: papers.filter((p) => ids.has(p.assessmentId)),
        components,
        bands: bandsByTerm.get(term.id) ?? [],
      };
    });
  }

  /** Each term's scholastic bands: its own scale, or the institution's first scholastic scale. */
  private async bandsOfTerms(terms: ExamTerm[]): Promise<Map<string, GradeBand[]>> {
    const needsDefault = terms.some((t) => !t.gradingScaleId);
    const fallback = needsDefault
      ? ((await this.scales.all()).find((s) => s.kind === 'scholastic')?.id ?? null)
      : null;
    const scaleOf = (t: ExamTerm) => t.gradingScaleId ?? fallback;
    const ids = [...new Set(terms.map(scaleOf).filter((id): id is string => !!id))];
    const byScale = new Map<string, GradingBandRow[]>();
    for (const b of await this.bands.ofScales(ids))
      byScale.set(b.scaleId, [...(byScale.get(b.scaleId) ?? []), b]);
    return new Map(terms.map((t) => [t.id, bandsOf(byScale.get(scaleOf(t) ?? '') ?? [])]));
  }

  private async subjectNames(): Promise<Map<string, string>> {
    return new Map((await this.academics.listSubjects()).map((s) => [s.id, s.name]));
  }

  resultOf(plan: TermPlan, index: MarksIndex, studentId: string): StudentTermResult {
    return studentTermResult(
      studentId,
      index.papersOf(studentId, plan.papers, plan.components),
      plan.assessments.map((a) => ({ assessmentId: a.id, weightCenti: a.termWeightageCenti })),
      plan.bands,
    );
  }

  private overallView(result: StudentTermResult) {
    return {
      percentage: decimal(result.percentCenti),
      grade: result.grade,
      passed: result.passed,
      gradePointAverage: decimal(result.gradePointAverageCenti),
    };
  }

  /** Subjects by name, each with its papers in the term's assessment order. */
  private subjectViews(
    plan: TermPlan,
    result: StudentTermResult,
    names: Map<string, string>,
  ): SubjectResultView[] {
    const order = new Map(plan.assessments.map((a, i) => [a.id, i]));
    const assessment = new Map(plan.assessments.map((a) => [a.id, a]));
    return result.subjects
      .map((s) => ({
        subjectId: s.subjectId,
        subject: names.get(s.subjectId) ?? '',
        marks: decimal(s.marksCenti),
        maxMarks: decimal(s.maxMarksCenti),
        percentage: decimal(s.weightedPercentCenti),
        grade: s.grade,
        gradePoint: decimal(s.gradePointCenti),
        passed: s.passed,
        status: s.status,
        assessments: [...s.perAssessment]
          .sort((a, b) => order.get(a.assessmentId)! - order.get(b.assessmentId)!)
          .map((p) => ({
            assessmentId: p.assessmentId,
            name: assessment.get(p.assessmentId)?.name ?? '',
            code: assessment.get(p.assessmentId)?.code ?? '',
            status: p.status,
            marks: decimal(p.marksCenti),
            maxMarks: p.maxCenti / 100,
            weightage: p.effectiveWeightCenti / 100,
          })),
      }))
      .sort((a, b) => a.subject.localeCompare(b.subject));
  }
}
