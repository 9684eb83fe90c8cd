import { Injectable, OnModuleInit } from '@nestjs/common';
import { NotFoundError } from '../../platform/errors/domain-error';
import { addDays, daysBetween } from '../../platform/time/local-time';
import { AcademicsService } from '../academics/academics.service';
import { AttendanceReportsService, MAX_REPORT_DAYS } from '../attendance/attendance-reports.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { InstitutionProfiles } from '../institutions/institution-profiles.service';
import { StudentDirectory } from '../students/student-directory';
import type { ExamTerm } from './entities/exams.entities';
import {
  CoScholasticAreasRepository,
  CoScholasticGradesRepository,
  ExamRemarksRepository,
  ExamTermsRepository,
} from './exams.repository';
import { type ReportCardModel, renderReportCard } from './report-card.renderer';
import { checkDevanagariFonts } from './report-pdf';
import { StudentExamClassesRepository } from './report-cards.repository';
import {
  type Placement,
  type StudentHead,
  fileNameOf,
  resultOf,
  termModel,
  yearModel,
} from './report-card-models';
import { ReportResultsReader } from './report-results';
import { decimal } from './results-inputs';
import { type TranscriptModel, renderTranscript } from './transcript.renderer';

/** A rendered PDF and the file name it downloads as. */
export interface PdfFile {
  fileName: string;
  body: Buffer;
}

/** A section's cards, ready to render one after another (the job yields between them). */
export interface SectionCards {
  total: number;
  /** Renders the card of the i-th student of the roster: file name `<rollNo>-<name>.pdf`. */
  render(i: number): Promise<PdfFile>;
}

const fullNameOf = (s: { firstName: string; lastName: string }) => `${s.firstName} ${s.lastName}`.trim();

/**
 * Report cards (a term's, a year's), a section's cards for the ZIP job, and a student's multi-year
 * transcript. Visibility is the results': the student must be visible to the caller (parents: their own
 * children; teachers: their sections; others 404), and parents and students see published terms only —
 * an unpublished term's card answers 404, as if it did not exist. Results come from the same arithmetic
 * as the results screens; attendance from the attendance module's own report (working days, present,
 * percentage over the term's dates).
 */
@Injectable()
export class ReportCardsService implements OnModuleInit {
  constructor(
    private readonly results: ReportResultsReader,
    private readonly terms: ExamTermsRepository,
    private readonly areas: CoScholasticAreasRepository,
    private readonly grades: CoScholasticGradesRepository,
    private readonly remarks: ExamRemarksRepository,
    private readonly examClasses: StudentExamClassesRepository,
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
    private readonly attendance: AttendanceReportsService,
    private readonly institution: CurrentInstitution,
    private readonly profiles: InstitutionProfiles,
  ) {}

  /** Checks the embedded fonts at boot: a deployment without them refuses to start (see report-pdf.ts). */
  onModuleInit(): void {
    checkDevanagariFonts();
  }

  /** One student's card for one term. */
  async termCard(studentId: string, termId: string): Promise<PdfFile> {
    const head = await this.head(studentId);
    const term = await this.terms.byId(termId);
    if (!term) throw new NotFoundError('The term');
    const placement = await this.placement(studentId, term.academicYearId);
    if (!placement) throw new NotFoundError('The report card');
    if (
      !(await this.staff()) &&
      !(await this.results.publishedTermIds(placement.classId, [term.id])).has(term.id)
    )
      throw new NotFoundError('The report card');
    const results = await this.results.ofClass([term], placement.classId, studentId);
    const [context, extras] = await Promise.all([
      this.context(term.academicYearId),
      this.extras([term], [studentId]),
    ]);
    const card = termModel(results.plans[0]!, results.term(term.id, studentId), head, placement, context, {
      coScholastic: extras.coScholastic(studentId),
      remark: extras.remark(studentId),
      attendance: await this.attendanceOf(studentId, term.startsOn, term.endsOn, context.today),
    });
    return { fileName: `${fileNameOf(head.admissionNo, term.name)}.pdf`, body: await renderReportCard(card) };
  }

  /**
   * One student's card for a whole academic year (default: the current one): a column per term and the
   * year result. Parents and students: over the published terms only (404 when none is).
   */
  async yearCard(studentId: string, academicYearId?: string): Promise<PdfFile> {
    const head = await this.head(studentId);
    const yearId = academicYearId ?? (await this.academics.findCurrentYear())?.id;
    if (!yearId) throw new NotFoundError('The report card');
    const placement = await this.placement(studentId, yearId);
    if (!placement) throw new NotFoundError('The report card');
    const terms = await this.shownTerms(yearId, placement.classId);
    if (!terms.length) throw new NotFoundError('The report card');
    const results = await this.results.ofClass(terms, placement.classId, studentId);
    const [context, extras] = await Promise.all([this.context(yearId), this.extras(terms, [studentId])]);
    const starts = terms.map((t) => t.startsOn).sort()[0]!;
    const ends = terms.map((t) => t.endsOn).sort()[terms.length - 1]!;
    const allTerms = (await this.terms.ofYear(yearId)).length;
    const card = yearModel(results, studentId, head, placement, context, {
      coScholastic: extras.coScholastic(studentId),
      remark: extras.remark(studentId),
      attendance: await this.attendanceOf(studentId, starts, ends, context.today),
      complete: terms.length === allTerms,
    });
    return {
      fileName: `${fileNameOf(head.admissionNo, context.yearName)}.pdf`,
      body: await renderReportCard(card),
    };
  }

  /** Every academic year's year result per subject (parents and students: published terms only). */
  async transcript(studentId: string): Promise<PdfFile> {
    const head = await this.head(studentId);
    const [years, current, fromMarks, names, school, today] = await Promise.all([
      this.academics.listYears(),
      this.academics.findCurrentYear(),
      this.examClasses.ofStudent(studentId),
      this.subjectNames(),
      this.school(),
      this.institution.today(),
    ]);
    const model: TranscriptModel = { school, student: { ...head }, years: [], issuedOn: today };
    for (const year of [...years].sort((a, b) => a.startsOn.localeCompare(b.startsOn))) {
      const placement =
        year.id === current?.id
          ? ((await this.placement(studentId, year.id)) ?? null)
          : await this.pastPlacement(fromMarks.find((x) => x.academicYearId === year.id));
      if (!placement) continue;
      const terms = await this.shownTerms(year.id, placement.classId);
      if (!terms.length) continue;
      const result = (await this.results.ofClass(terms, placement.classId, studentId)).year(studentId);
      model.years.push({
        academicYear: year.name,
        className: placement.className,
        terms: terms.map((t) => t.name),
        subjects: result.subjects
          .map((s) => ({
            subject: names.get(s.subjectId) ?? '',
            percentage: decimal(s.percentCenti),
            grade: s.grade,
            passed: s.passed,
            exempt: s.status === 'exempt',
          }))
          .sort((a, b) => a.subject.localeCompare(b.subject)),
        percentage: decimal(result.percentCenti),
        grade: result.grade,
        gradePointAverage: decimal(result.cumulativeGradePointAverageCenti),
        result: resultOf(result.passed),
      });
    }
    if (!model.years.length) throw new NotFoundError('The transcript');
    return {
      fileName: `${fileNameOf(head.admissionNo, 'transcript')}.pdf`,
      body: await renderTranscript(model),
    };
  }

  /**
   * A section's term cards for the ZIP job. Checked here, before the job starts: the section in the
   * caller's scope (teachers: their sections; parents and students never), the term there. The class's
   * results, co-scholastic grades and remarks are read once; each card then reads its attendance.
   */
  async sectionCards(termId: string, sectionId: string): Promise<SectionCards> {
    const section = await this.academics.section(sectionId);
    const scope = await this.students.scope();
    if (scope.kind === 'students' || (scope.kind === 'sections' && !scope.sectionIds.includes(sectionId)))
      throw new NotFoundError('The section');
    const term = await this.terms.byId(termId);
    if (!term) throw new NotFoundError('The term');
    // The section's students in the term's year, including those since promoted out of it.
    const roster = await this.students.sectionRoster(sectionId, term.academicYearId);
    const ids = roster.map((r) => r.studentId);
    const [results, context, extras, className] = await Promise.all([
      this.results.ofClass([term], section.classId),
      this.context(term.academicYearId),
      this.extras([term], ids),
      this.academics.class(section.classId).then((c) => c.name),
    ]);
    return {
      total: roster.length,
      render: async (i) => {
        const r = roster[i]!;
        const head = { id: r.studentId, fullName: r.fullName, admissionNo: r.admissionNo };
        const placement = {
          classId: section.classId,
          className,
          sectionId,
          sectionName: section.name,
          rollNo: r.rollNo,
        };
        const card = termModel(
          results.plans[0]!,
          results.term(term.id, r.studentId),
          head,
          placement,
          context,
          {
            coScholastic: extras.coScholastic(r.studentId),
            remark: extras.remark(r.studentId),
            attendance: await this.attendanceOf(r.studentId, term.startsOn, term.endsOn, context.today),
          },
        );
        return {
          fileName: `${fileNameOf(r.rollNo ?? r.admissionNo, r.fullName)}.pdf`,
          body: await renderReportCard(card),
        };
      },
    };
  }

  /** The student if visible to the caller (404 otherwise), with their printed name. */
  private async head(studentId: string): Promise<StudentHead> {
    const s = await this.students.visible(studentId);
    return { id: s.id, fullName: fullNameOf(s), admissionNo: s.admissionNo };
  }

  private async staff(): Promise<boolean> {
    return (await this.students.scope()).kind !== 'students';
  }

  /** A year's terms the caller may see for the class: all for staff, the published ones for families. */
  private async shownTerms(yearId: string, classId: string): Promise<ExamTerm[]> {
    const terms = await this.terms.ofYear(yearId);
    if (await this.staff()) return terms;
    const live = await this.results.publishedTermIds(
      classId,
      terms.map((t) => t.id),
    );
    return terms.filter((t) => live.has(t.id));
  }

  /** This year: the active enrolment (with roll number); other years: the class of the student's marks. */
  private async placement(studentId: string, yearId: string): Promise<Placement | null> {
    const current = await this.academics.findCurrentYear();
    if (yearId === current?.id) {
      const sectionId = await this.students.currentSectionOf(studentId);
      if (sectionId) {
        const [section, roster] = await Promise.all([
          this.academics.section(sectionId),
          this.students.roster(sectionId),
        ]);
        return {
          classId: section.classId,
          className: (await this.academics.class(section.classId)).name,
          sectionId,
          sectionName: section.name,
          rollNo: roster.find((r) => r.studentId === studentId)?.rollNo ?? null,
        };
      }
    }
    const fromMarks = (await this.examClasses.ofStudent(studentId)).find((x) => x.academicYearId === yearId);
    return this.pastPlacement(fromMarks);
  }

  private async pastPlacement(
    row: { classId: string; sectionId: string } | undefined,
  ): Promise<Placement | null> {
    if (!row) return null;
    const [cls, section] = await Promise.all([
      this.academics.class(row.classId),
      this.academics.section(row.sectionId),
    ]);
    return {
      classId: row.classId,
      className: cls.name,
      sectionId: row.sectionId,
      sectionName: section.name,
      rollNo: null,
    };
  }

  private async context(yearId: string) {
    const [school, year, names, today] = await Promise.all([
      this.school(),
      this.academics.year(yearId),
      this.subjectNames(),
      this.institution.today(),
    ]);
    return { school, yearName: year.name, names, today };
  }

  /** The institution's heading: name, address and contact, logo (the renderer draws a monogram without one). */
  private school(): Promise<ReportCardModel['school']> {
    return this.profiles.heading();
  }

  private async subjectNames(): Promise<Map<string, string>> {
    return new Map((await this.academics.listSubjects()).map((s) => [s.id, s.name]));
  }

  /** Co-scholastic grades (the latest of these terms per area) and the latest remark, for these students. */
  private async extras(terms: ExamTerm[], studentIds: string[]) {
    const termIds = terms.map((t) => t.id);
    const order = new Map([...terms].sort((a, b) => a.sortOrder - b.sortOrder).map((t, i) => [t.id, i]));
    const [areas, grades, remarks] = await Promise.all([
      this.areas.all(),
      this.grades.ofStudents(termIds, studentIds),
      this.remarks.ofStudents(termIds, studentIds),
    ]);
    const latest = <T extends { termId: string }>(rows: T[]): T | undefined =>
      [...rows].sort((a, b) => (order.get(b.termId) ?? 0) - (order.get(a.termId) ?? 0))[0];
    const sortedAreas = [...areas].sort((a, b) => a.sortOrder - b.sortOrder);
    return {
      coScholastic: (studentId: string) =>
        sortedAreas.map((a) => ({
          area: a.name,
          grade: latest(grades.filter((g) => g.studentId === studentId && g.areaId === a.id))?.grade ?? null,
        })),
      remark: (studentId: string) => latest(remarks.filter((r) => r.studentId === studentId))?.remark ?? null,
    };
  }

  /**
   * Attendance over the dates (up to today): the attendance module's own summary of working days, marks
   * and percentage (late counts as present, half-day as half, excused leaves the denominator). Days
   * present prints present + late + half-days x 0.5, the numerator of that percentage.
   */
  private async attendanceOf(
    studentId: string,
    from: string,
    to: string,
    today: string,
  ): Promise<ReportCardModel['attendance']> {
    const until = to < today ? to : today;
    // The attendance report covers at most MAX_REPORT_DAYS; a longer span counts its last stretch.
    const since = daysBetween(from, until) > MAX_REPORT_DAYS ? addDays(until, -MAX_REPORT_DAYS) : from;
    if (until < since) return null;
    const { summary } = await this.attendance.studentCalendar(studentId, since, until);
    return {
      workingDays: summary.workingDays,
      present: summary.present + summary.late + summary.halfDay * 0.5,
      percent: summary.percent,
    };
  }
}
