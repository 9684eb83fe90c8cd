import type { ReportCardModel } from './report-card.renderer';
import type { ClassResults, ReportTermPlan } from './report-results';
import type { MarkStatus, StudentTermResult, StudentYearResult } from './results';
import { decimal } from './results-inputs';

/**
 * From results to what a card prints, without I/O: the term card (a column per assessment) and the year
 * card (a column per term, the year result and the promotion eligibility).
 */

/** Where a student sat a year's exams: class, section and roll number (roll: this year only). */
export interface Placement {
  classId: string;
  className: string;
  sectionId: string | null;
  sectionName: string | null;
  rollNo: number | null;
}

export interface StudentHead {
  id: string;
  fullName: string;
  admissionNo: string;
}

/** What every card of a year shares: the school, the year's name, subject names and the issue date. */
export interface CardContext {
  school: ReportCardModel['school'];
  yearName: string;
  names: Map<string, string>;
  today: string;
}

type Extras = Pick<ReportCardModel, 'coScholastic' | 'remark' | 'attendance'>;

/** A name safe in a ZIP entry or a Content-Disposition header: no path separators or control characters. */
export function fileNameOf(...parts: (string | number | null)[]): string {
  return parts
    .filter((p) => p !== null && p !== '')
    .join('-')
    .replace(/[\\/:*?"<>|]+/g, '_')
    .split('')
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? '_' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export const resultOf = (passed: boolean | null): 'Pass' | 'Fail' | 'Pending' =>
  passed === null ? 'Pending' : passed ? 'Pass' : 'Fail';

const cellOf = (status: MarkStatus | null, marks: number | null, max: number): string =>
  status === null ? '-' : status === 'marks' ? `${decimal(marks)}/${max / 100}` : status;

/** A term's card: a column per assessment (marks/max or AB, EX, ML), the weighted total, grade and result. */
export function termModel(
  plan: ReportTermPlan,
  result: StudentTermResult,
  head: StudentHead,
  placement: Placement,
  context: CardContext,
  extra: Extras,
): ReportCardModel {
  return {
    school: context.school,
    kind: 'term',
    period: plan.term.name,
    academicYear: context.yearName,
    student: studentBlock(head, placement),
    columns: plan.assessments.map((a) => ({ label: a.code })),
    subjects: result.subjects
      .map((s) => ({
        subject: context.names.get(s.subjectId) ?? '',
        cells: plan.assessments.map((a) => {
          const p = s.perAssessment.find((x) => x.assessmentId === a.id);
          return p ? cellOf(p.status, p.marksCenti, p.maxCenti) : '';
        }),
        marks: decimal(s.marksCenti),
        maxMarks: decimal(s.maxMarksCenti),
        percentage: decimal(s.weightedPercentCenti),
        grade: s.grade,
        passed: s.passed,
      }))
      .sort((a, b) => a.subject.localeCompare(b.subject)),
    overall: {
      percentage: decimal(result.percentCenti),
      grade: result.grade,
      gradePointAverage: decimal(result.gradePointAverageCenti),
      result: resultOf(result.passed),
    },
    ...extra,
    promotion: null,
    issuedOn: context.today,
  };
}

/** A year's card: a column per term (%), the year result, and the promotion eligibility once all terms are in. */
export function yearModel(
  results: ClassResults,
  studentId: string,
  head: StudentHead,
  placement: Placement,
  context: CardContext,
  extra: Extras & { complete: boolean },
): ReportCardModel {
  const year: StudentYearResult = results.year(studentId);
  const perTerm = results.plans.map((p) => results.term(p.term.id, studentId));
  const { complete, ...rest } = extra;
  return {
    school: context.school,
    kind: 'year',
    period: 'Annual report',
    academicYear: context.yearName,
    student: studentBlock(head, placement),
    columns: results.plans.map((p) => ({ label: `${p.term.name} %` })),
    subjects: year.subjects
      .map((s) => ({
        subject: context.names.get(s.subjectId) ?? '',
        cells: perTerm.map((t) => {
          const x = t.subjects.find((y) => y.subjectId === s.subjectId);
          if (!x) return '';
          return x.status === 'exempt' ? 'EX' : String(decimal(x.weightedPercentCenti) ?? '-');
        }),
        marks: null,
        maxMarks: null,
        percentage: decimal(s.percentCenti),
        grade: s.grade,
        passed: s.passed,
      }))
      .sort((a, b) => a.subject.localeCompare(b.subject)),
    overall: {
      percentage: decimal(year.percentCenti),
      grade: year.grade,
      gradePointAverage: decimal(year.cumulativeGradePointAverageCenti),
      result: resultOf(year.passed),
    },
    ...rest,
    // Promotion itself is the school's decision (students module); the card states the eligibility
    // the year result gives, once every term of the year is in.
    promotion:
      !complete || year.passed === null
        ? 'Pending'
        : year.passed
          ? 'Eligible for promotion to the next class'
          : 'Not eligible for promotion',
    issuedOn: context.today,
  };
}

function studentBlock(head: StudentHead, p: Placement): ReportCardModel['student'] {
  return {
    fullName: head.fullName,
    admissionNo: head.admissionNo,
    className: p.className,
    sectionName: p.sectionName,
    rollNo: p.rollNo,
  };
}
