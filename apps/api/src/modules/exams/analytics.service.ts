import { Injectable } from '@nestjs/common';
import type { ClassAnalyticsView, SectionAnalytics, SubjectAnalytics } from '@shala/contracts';
import { NotFoundError } from '../../platform/errors/domain-error';
import type { CsvFile } from '../../platform/http/send-csv';
import { AcademicsService } from '../academics/academics.service';
import type { Section } from '../academics/entities/academics.entities';
import { StudentDirectory } from '../students/student-directory';
import { type GradedEntry, figuresOf, gradeDistribution } from './analytics-figures';
import { ExamTermsRepository } from './exams.repository';
import { type StudentTermResult, rankCompetition } from './results';
import { MarksIndex, decimal } from './results-inputs';
import { MarksRepository } from './exams.repository';
import { ResultsService, type TermPlan } from './results.service';

interface StudentRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
  section: Section;
  result: StudentTermResult;
}

/** A class's term, loaded once: the sections the caller may see, their students' results, subject names. */
interface ClassTerm {
  termId: string;
  termName: string;
  classId: string;
  className: string;
  plan: TermPlan;
  sections: Section[];
  /** Every student on the rosters (ranks are the results', counted over all of them). */
  rows: StudentRow[];
  /**
   * The students analytics and exports show: restricted students (PRV-02, processing restricted by a
   * data-subject request) are left out, as the other exports leave them out.
   */
  shown: StudentRow[];
  /** The class's subjects in this term (those with a paper), by name. */
  subjects: { subjectId: string; subject: string }[];
}

const entryOfSubject = (result: StudentTermResult, subjectId: string): GradedEntry => {
  const s = result.subjects.find((x) => x.subjectId === subjectId);
  // A student without this subject's paper cannot happen (papers are per class); count them pending.
  if (!s) return { status: 'pending', percentCenti: null, passed: null, grade: null };
  return { status: s.status, percentCenti: s.weightedPercentCenti, passed: s.passed, grade: s.grade };
};

/** A student's overall result as an entry: pending while any subject is; exempt when every subject is. */
const entryOverall = (result: StudentTermResult): GradedEntry => {
  if (result.percentCenti != null)
    return {
      status: 'complete',
      percentCenti: result.percentCenti,
      passed: result.passed,
      grade: result.grade,
    };
  const exempt = result.subjects.length > 0 && result.subjects.every((s) => s.status === 'exempt');
  return { status: exempt ? 'exempt' : 'pending', percentCenti: null, passed: null, grade: null };
};

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'class';

/**
 * Exams analytics for staff: a class's term results in figures per subject and section, and the same
 * results as a CSV. The results are the results service's (the same structure, marks and arithmetic);
 * this only aggregates them. A fixed number of statements per class, however many students: the term's
 * structure, the whole class's marks in one statement, a roster per section, and one lookup of the
 * students whose processing is restricted (PRV-02: left out of the figures and the CSV).
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly results: ResultsService,
    private readonly terms: ExamTermsRepository,
    private readonly marks: MarksRepository,
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
  ) {}

  /**
   * The class and term, if the caller may see them: staff every section; teachers the sections they
   * teach (as results do; a class without one answers 404); parents and students 404.
   */
  private async load(termId: string, classId: string): Promise<ClassTerm> {
    const [classes, scope] = await Promise.all([this.academics.listClasses(), this.students.scope()]);
    const schoolClass = classes.find((c) => c.id === classId);
    if (!schoolClass || scope.kind === 'students') throw new NotFoundError('The class');
    const sections = (await this.academics.listSections())
      .filter((s) => s.classId === classId)
      .filter((s) => scope.kind === 'all' || scope.sectionIds.includes(s.id))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (scope.kind === 'sections' && sections.length === 0) throw new NotFoundError('The class');
    const term = await this.terms.byId(termId);
    if (!term) throw new NotFoundError('The term');
    const [[plan], rosters, subjectList] = await Promise.all([
      this.results.plans([term], classId),
      Promise.all(sections.map((s) => this.students.roster(s.id))),
      this.academics.listSubjects(),
    ]);
    // The whole class's marks in one statement.
    const index = new MarksIndex(await this.marks.ofPapers(plan!.papers.map((p) => p.id)));
    const names = new Map(subjectList.map((s) => [s.id, s.name]));
    const rows = sections.flatMap((section, i) =>
      rosters[i]!.map((r) => ({
        ...r,
        section,
        result: this.results.resultOf(plan!, index, r.studentId),
      })),
    );
    const restricted = await this.students.restrictedStudentIds(rows.map((r) => r.studentId));
    return {
      termId,
      termName: term.name,
      classId,
      className: schoolClass.name,
      plan: plan!,
      sections,
      rows,
      shown: rows.filter((r) => !restricted.has(r.studentId)),
      subjects: [...new Set(plan!.papers.map((p) => p.subjectId))]
        .map((id) => ({ subjectId: id, subject: names.get(id) ?? '' }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
    };
  }

  async classAnalytics(termId: string, classId: string): Promise<ClassAnalyticsView> {
    const data = await this.load(termId, classId);
    const bands = data.plan.bands;
    const perSection = (entryOf: (r: StudentRow) => GradedEntry): SectionAnalytics[] =>
      data.sections.map((section) => {
        const rows = data.shown.filter((r) => r.section.id === section.id);
        return {
          sectionId: section.id,
          section: section.name,
          students: rows.length,
          ...figuresOf(rows.map(entryOf)),
        };
      });
    const overall = data.shown.map((r) => entryOverall(r.result));
    return {
      termId: data.termId,
      termName: data.termName,
      classId: data.classId,
      className: data.className,
      students: data.shown.length,
      subjects: data.subjects.map(({ subjectId, subject }): SubjectAnalytics => {
        const entryOf = (r: StudentRow) => entryOfSubject(r.result, subjectId);
        const entries = data.shown.map(entryOf);
        return {
          subjectId,
          subject,
          ...figuresOf(entries),
          gradeDistribution: gradeDistribution(entries, bands),
          sections: perSection(entryOf),
        };
      }),
      overall: {
        ...figuresOf(overall),
        gradeDistribution: gradeDistribution(overall, bands),
        sections: perSection((r) => entryOverall(r.result)),
      },
    };
  }

  /**
   * One row per student (by section and roll number): admission and roll numbers, name, section, each
   * subject's weighted marks (a decimal number) and grade, the percentage, grade, result and rank in the
   * section. Names, never ids.
   */
  async classResultsCsv(termId: string, classId: string): Promise<CsvFile> {
    const data = await this.load(termId, classId);
    const rankInSection = new Map<string, number | null>();
    for (const section of data.sections)
      for (const r of rankCompetition(
        data.rows.filter((x) => x.section.id === section.id).map((x) => x.result),
      ))
        rankInSection.set(r.studentId, r.rank);
    const subjectCells = (result: StudentTermResult, subjectId: string): [unknown, unknown] => {
      const s = result.subjects.find((x) => x.subjectId === subjectId);
      if (!s || s.status === 'pending') return ['', 'Pending'];
      if (s.status === 'exempt') return ['', 'Exempt'];
      return [decimal(s.marksCenti), s.grade ?? ''];
    };
    const outcome = (r: StudentTermResult) => {
      const e = entryOverall(r);
      if (e.status !== 'complete') return e.status === 'exempt' ? 'Exempt' : 'Pending';
      return r.passed ? 'Pass' : 'Fail';
    };
    return {
      filename: `results-${fileSafe(data.className)}-${fileSafe(data.termName)}.csv`,
      noStore: true,
      header: [
        'admission_no',
        'roll_no',
        'name',
        'section',
        ...data.subjects.flatMap((s) => [`${s.subject} marks`, `${s.subject} grade`]),
        'percentage',
        'grade',
        'result',
        'rank_in_section',
      ],
      rows: data.shown.map((r) => [
        r.admissionNo,
        r.rollNo ?? '',
        r.fullName,
        r.section.name,
        ...data.subjects.flatMap((s) => subjectCells(r.result, s.subjectId)),
        decimal(r.result.percentCenti) ?? '',
        r.result.grade ?? '',
        outcome(r.result),
        rankInSection.get(r.studentId) ?? '',
      ]),
    };
  }
}
