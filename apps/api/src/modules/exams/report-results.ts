import { Injectable } from '@nestjs/common';
import type { ExamTerm } from './entities/exams.entities';
import { type StudentTermResult, type StudentYearResult, studentYearResult } from './results';
import { MarksIndex } from './results-inputs';
import { MarksRepository, ResultPublicationsRepository } from './exams.repository';
import { ResultsService, type TermPlan } from './results.service';

/** A term's structure for one class: its assessments (in order), the class's papers and their components. */
export type ReportTermPlan = TermPlan;

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
    private readonly results: ResultsService,
    private readonly marks: MarksRepository,
    private readonly publications: ResultPublicationsRepository,
  ) {}

  /** The terms among these whose results are published (and not withdrawn) for the class. */
  async publishedTermIds(classId: string, termIds: string[]): Promise<Set<string>> {
    return new Set((await this.publications.liveFor(classId, termIds)).map((p) => p.termId));
  }

  /** Results of one student (or, with no id, of every student with marks) of a class over these terms. */
  async ofClass(terms: ExamTerm[], classId: string, studentId?: string): Promise<ClassResults> {
    // The results service reads the plans in the order given; a card prints its terms in the year's order.
    const plans = await this.results.plans(
      [...terms].sort((a, b) => a.sortOrder - b.sortOrder),
      classId,
    );
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
        result = this.results.resultOf(plan, index, id);
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
}
