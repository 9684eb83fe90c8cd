import { Injectable } from '@nestjs/common';
import type {
  Assessment,
  AssessmentPaper,
  ExamTerm,
  GradingBandRow,
  PaperComponent,
} from './entities/exams.entities';
import {
  AssessmentsRepository,
  GradingBandsRepository,
  GradingScalesRepository,
  PaperComponentsRepository,
  PapersRepository,
} from './exams.repository';
import {
  type GradeBand,
  type StudentTermResult,
  type StudentYearResult,
  studentTermResult,
  studentYearResult,
} from './results';
import { MarksIndex, bandsOf } from './results-inputs';
import { PublicationsRepository, ResultMarksRepository } from './results-repositories';

/** A term's structure for one class: its assessments (in order), the class's papers and their components. */
export interface ReportTermPlan {
  term: ExamTerm;
  assessments: Assessment[];
  papers: AssessmentPaper[];
  components: Map<string, PaperComponent[]>;
  bands: GradeBand[];
}

/** Term and year results of some students of one class, over some terms, read in a fixed few statements. */
export interface ClassResults {
  plans: ReportTermPlan[];
  term(termId: string, studentId: string): StudentTermResult;
  year(studentId: string): StudentYearResult;
}

/**
 * The results the report cards print, for any term of any year (the results service answers this year's
 * terms): reads the structure and the marks of a class (or one student) once, and runs the same pure
 * arithmetic in `results/` with the same inputs (`MarksIndex`), so a card and the results screen agree.
 */
@Injectable()
export class ReportResultsReader {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly components: PaperComponentsRepository,
    private readonly scales: GradingScalesRepository,
    private readonly bands: GradingBandsRepository,
    private readonly marks: ResultMarksRepository,
    private readonly publications: PublicationsRepository,
  ) {}

  /** The terms among these whose results are published (and not withdrawn) for the class. */
  async publishedTermIds(classId: string, termIds: string[]): Promise<Set<string>> {
    return new Set((await this.publications.liveFor(classId, termIds)).map((p) => p.termId));
  }

  /** Results of one student (or, with no id, of every student with marks) of a class over these terms. */
  async ofClass(terms: ExamTerm[], classId: string, studentId?: string): Promise<ClassResults> {
    const plans = await this.plans(terms, classId);
    const index = new MarksIndex(
      await this.marks.ofPapers(
        plans.flatMap((p) => p.papers.map((x) => x.id)),
        studentId,
      ),
    );
    const cache = new Map<string, StudentTermResult>();
    const term = (termId: string, id: string): StudentTermResult => {
      const key = `${termId}|${id}`;
      let result = cache.get(key);
      if (!result) {
        const plan = plans.find((p) => p.term.id === termId);
        if (!plan) throw new Error(`The term ${termId} is not among the read terms`);
        result = studentTermResult(
          id,
          index.papersOf(id, plan.papers, plan.components),
          plan.assessments.map((a) => ({ assessmentId: a.id, weightCenti: a.termWeightageCenti })),
          plan.bands,
        );
        cache.set(key, result);
      }
      return result;
    };
    const year = (id: string): StudentYearResult =>
      studentYearResult(
        plans.map((p) => ({ termId: p.term.id, result: term(p.term.id, id) })),
        plans.map((p) => ({ termId: p.term.id, weightCenti: p.term.yearWeightageCenti })),
        plans[plans.length - 1]?.bands ?? [],
      );
    return { plans, term, year };
  }

  private async plans(terms: ExamTerm[], classId: string): Promise<ReportTermPlan[]> {
    if (!terms.length) return [];
    const assessments = (await this.assessments.ofTerms(terms.map((t) => t.id))).sort(
      (a, b) => a.sortOrder - b.sortOrder,
    );
    const [papers, bandsByTerm] = await Promise.all([
      this.papers
        .ofAssessments(assessments.map((a) => a.id))
        .then((ps) => ps.filter((p) => p.classId === classId)),
      this.bandsOfTerms(terms),
    ]);
    const components = new Map<string, PaperComponent[]>();
    for (const c of await this.components.ofPapers(papers.map((p) => p.id)))
      components.set(c.paperId, [...(components.get(c.paperId) ?? []), c]);
    return [...terms]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((term) => {
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
    const fallback = terms.some((t) => !t.gradingScaleId)
      ? ((await this.scales.all()).find((s) => s.kind === 'scholastic')?.id ?? null)
      : null;
    const scaleOf = (t: ExamTerm) => t.gradingScaleId ?? fallback;
    const ids = [...new Set(terms.map(scaleOf).filter((id): id is string => !!id))];
    const byScale = new Map<string, GradingBandRow[]>();
    for (const b of await this.bands.ofScales(ids))
      byScale.set(b.scaleId, [...(byScale.get(b.scaleId) ?? []), b]);
    return new Map(terms.map((t) => [t.id, bandsOf(byScale.get(scaleOf(t) ?? '') ?? [])]));
  }
}
