/**
 * The shapes the exams arithmetic works on. Every mark, maximum, weight and percentage is an integer in
 * hundredths ("centi"): a mark of 37.5 is 3750, 91.00 % is 9100, a weight of 20 % is 2000, a grade point
 * of 10.0 is 1000. Nothing here is a float; views turn centi into decimals at the edge.
 */

/** What a marks cell holds: marks, or AB (absent: counts as zero), EX (exempt) or ML (medical leave). */
export type MarkCell = { status: 'marks'; centi: number } | { status: 'AB' | 'EX' | 'ML' };
export type MarkStatus = MarkCell['status'];

/** One paper (assessment x subject) of a student's term, with the student's cell; null = not entered. */
export interface PaperInput {
  assessmentId: string;
  subjectId: string;
  maxCenti: number;
  passCenti: number;
  cell: MarkCell | null;
}

export interface GradeBand {
  grade: string;
  /** Inclusive lower bound, in centi-percent (91.00 % = 9100). */
  minCenti: number;
  /** Inclusive upper bound, in centi-percent. */
  maxCenti: number;
  gradePointCenti: number | null;
}

/** An assessment's share of its term result; the assessments of a term add up to 10000. */
export interface AssessmentWeight {
  assessmentId: string;
  weightCenti: number;
}

/** A term's share of the year result; the terms of a year add up to 10000. */
export interface TermWeight {
  termId: string;
  weightCenti: number;
}

export interface AssessmentPart {
  assessmentId: string;
  status: MarkStatus | null;
  /** The marks counted (AB counts zero); null for EX, ML and not entered. */
  marksCenti: number | null;
  maxCenti: number;
  /** The share of the subject's term result this paper carried after EX/ML papers left; 0 when it left. */
  effectiveWeightCenti: number;
}

/**
 * - `complete`: every paper has a cell and at least one counts;
 * - `pending`: a paper has no cell yet (no percentage, no pass/fail);
 * - `exempt`: every paper is EX/ML, so the subject leaves the student's result.
 */
export type SubjectStatus = 'complete' | 'pending' | 'exempt';

export interface SubjectTermResult {
  subjectId: string;
  status: SubjectStatus;
  /** The weighted percentage, rounded half up to the nearest centi; null unless complete. */
  weightedPercentCenti: number | null;
  /** The weighted pass percentage of the counted papers, rounded half up; null unless complete. */
  passPercentCenti: number | null;
  /** Weighted totals: maxCenti is the sum of the counted papers' maxima, marks = percent x max. */
  marksCenti: number | null;
  maxMarksCenti: number | null;
  grade: string | null;
  gradePointCenti: number | null;
  passed: boolean | null;
  perAssessment: AssessmentPart[];
}

export interface StudentTermResult {
  studentId: string;
  subjects: SubjectTermResult[];
  /** Mean of the complete subjects' (rounded) percentages, rounded half up; null when any is pending. */
  percentCenti: number | null;
  grade: string | null;
  /** All counted subjects passed; null when any is pending. */
  passed: boolean | null;
  gradePointAverageCenti: number | null;
}

export interface SubjectYearResult {
  subjectId: string;
  status: SubjectStatus;
  percentCenti: number | null;
  passPercentCenti: number | null;
  grade: string | null;
  gradePointCenti: number | null;
  passed: boolean | null;
}

export interface StudentYearResult {
  studentId: string;
  subjects: SubjectYearResult[];
  percentCenti: number | null;
  grade: string | null;
  passed: boolean | null;
  /** The grade-point average over the year's subject grades (CGPA). */
  cumulativeGradePointAverageCenti: number | null;
}

/** A problem with a configuration (weights or bands), in the ValidationFailedError detail shape. */
export interface Problem {
  field: string;
  message: string;
}
