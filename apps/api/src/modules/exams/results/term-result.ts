import { bandFor, gradeFor, gradePointAverage } from './grading';
import { compare, frac, mul, roundHalfUp, weightedRatio } from './rational';
import type {
  AssessmentPart,
  AssessmentWeight,
  GradeBand,
  MarkCell,
  PaperInput,
  StudentTermResult,
  SubjectTermResult,
} from './types';
import { FULL_CENTI } from './validate';

const counts = (cell: MarkCell | null): boolean => cell?.status === 'marks' || cell?.status === 'AB';
const marksOf = (cell: MarkCell | null): number | null =>
  cell?.status === 'marks' ? cell.centi : cell?.status === 'AB' ? 0 : null;

function checkPaper(p: PaperInput): void {
  if (!Number.isInteger(p.maxCenti) || p.maxCenti <= 0)
    throw new RangeError(`paper ${p.assessmentId}/${p.subjectId}: the maximum must be a positive integer`);
  if (!Number.isInteger(p.passCenti) || p.passCenti < 0 || p.passCenti > p.maxCenti)
    throw new RangeError(`paper ${p.assessmentId}/${p.subjectId}: the pass mark must be within 0..max`);
  if (
    p.cell?.status === 'marks' &&
    (!Number.isInteger(p.cell.centi) || p.cell.centi < 0 || p.cell.centi > p.maxCenti)
  )
    throw new RangeError(`paper ${p.assessmentId}/${p.subjectId}: marks must be within 0..max`);
}

/**
 * A paper entered per component (theory, practical, internal) as one paper cell. Components that are
 * all EX/ML make the paper EX (or ML when every one is ML); a missing component leaves the paper not
 * entered; otherwise marks add up (AB = 0) over the components that count, the maximum shrinks to theirs,
 * and the pass mark shrinks in proportion (rounded half up).
 */
export function combineComponents(
  paper: { maxCenti: number; passCenti: number },
  components: { maxCenti: number; cell: MarkCell | null }[],
): { maxCenti: number; passCenti: number; cell: MarkCell | null } {
  if (components.some((c) => c.cell == null)) return { ...paper, cell: null };
  const counted = components.filter((c) => counts(c.cell));
  if (counted.length === 0) {
    const status = components.every((c) => c.cell!.status === 'ML') ? 'ML' : 'EX';
    return { ...paper, cell: { status } };
  }
  const max = counted.reduce((s, c) => s + c.maxCenti, 0);
  const marks = counted.reduce((s, c) => s + marksOf(c.cell)!, 0);
  const allAbsent = counted.every((c) => c.cell!.status === 'AB');
  return {
    maxCenti: max,
    passCenti:
      max === paper.maxCenti ? paper.passCenti : roundHalfUp(frac(paper.passCenti * max, paper.maxCenti)),
    cell: allAbsent ? { status: 'AB' } : { status: 'marks', centi: marks },
  };
}

/**
 * A subject's term result from its papers (one per assessment) and the assessments' term weights.
 *
 * - The percentage is the weighted mean of the counted papers' percentages (marks / max), computed
 *   exactly and rounded half up to the nearest centi once, at the end.
 * - AB counts as zero marks. EX and ML (medical leave, treated like EX) leave the denominator: the
 *   paper's weight is shared out among the subject's other papers in proportion to their weights
 *   (which is what the weighted mean over the counted papers does). An assessment without a paper in
 *   this subject likewise leaves it.
 * - Passed: the exact weighted percentage >= the exact weighted pass percentage of the counted papers
 *   (the same weighted mean over pass mark / max), so marks at exactly every pass mark pass.
 * - Weighted totals for display: max = the sum of the counted papers' maxima (a 20-mark test and an
 *   80-mark exam: out of 100), marks = percentage x max (so marks / max is the percentage; with weights
 *   in proportion to the maxima it is the plain sum of the marks), each rounded half up.
 * - Any paper not entered: `pending` (no percentage, no pass/fail). Every paper EX/ML: `exempt`.
 */
export function subjectTermResult(
  subjectId: string,
  papers: readonly PaperInput[],
  weights: readonly AssessmentWeight[],
  bands: readonly GradeBand[],
): SubjectTermResult {
  return resultOfSubject(
    subjectId,
    papers.filter((p) => p.subjectId === subjectId),
    new Map(weights.map((w) => [w.assessmentId, w.weightCenti])),
    bands,
  );
}

function resultOfSubject(
  subjectId: string,
  papers: readonly PaperInput[],
  weightOf: ReadonlyMap<string, number>,
  bands: readonly GradeBand[],
): SubjectTermResult {
  // By assessment id, so the order papers arrive in never shows in the result.
  const own = [...papers].sort((a, b) =>
    a.assessmentId < b.assessmentId ? -1 : a.assessmentId > b.assessmentId ? 1 : 0,
  );
  own.forEach(checkPaper);
  const pending = own.some((p) => p.cell == null);
  const counted = own.filter((p) => counts(p.cell) && (weightOf.get(p.assessmentId) ?? 0) > 0);
  const countedWeight = counted.reduce((s, p) => s + weightOf.get(p.assessmentId)!, 0);

  const perAssessment: AssessmentPart[] = own.map((p) => ({
    assessmentId: p.assessmentId,
    status: p.cell?.status ?? null,
    marksCenti: marksOf(p.cell),
    maxCenti: p.maxCenti,
    effectiveWeightCenti:
      !pending && counts(p.cell) && countedWeight > 0
        ? roundHalfUp(frac((weightOf.get(p.assessmentId) ?? 0) * FULL_CENTI, countedWeight))
        : 0,
  }));
  if (pending || counted.length === 0) {
    const status = pending ? 'pending' : 'exempt';
    return {
      subjectId,
      status,
      weightedPercentCenti: null,
      passPercentCenti: null,
      marksCenti: null,
      maxMarksCenti: null,
      grade: null,
      gradePointCenti: null,
      passed: null,
      perAssessment,
    };
  }

  const w = (p: PaperInput) => weightOf.get(p.assessmentId)!;
  const percent = weightedRatio(
    counted.map((p) => ({ weight: w(p), num: marksOf(p.cell)! * FULL_CENTI, den: p.maxCenti })),
  )!;
  const pass = weightedRatio(
    counted.map((p) => ({ weight: w(p), num: p.passCenti * FULL_CENTI, den: p.maxCenti })),
  )!;
  const max = frac(
    counted.reduce((sum, p) => sum + p.maxCenti, 0),
    1,
  );
  const percentCenti = roundHalfUp(percent);
  const band = bandFor(percentCenti, bands);
  return {
    subjectId,
    status: 'complete',
    weightedPercentCenti: percentCenti,
    passPercentCenti: roundHalfUp(pass),
    marksCenti: roundHalfUp(mul(mul(percent, max), frac(1, FULL_CENTI))),
    maxMarksCenti: roundHalfUp(max),
    grade: band?.grade ?? null,
    gradePointCenti: band?.gradePointCenti ?? null,
    passed: compare(percent, pass) >= 0,
    perAssessment,
  };
}

/**
 * A student's term result: each subject's result (in `subjectOrder` when given, else by subject id, so
 * the order papers arrive in never matters), the mean of the complete subjects' rounded percentages
 * (rounded half up), its grade, overall pass = every counted subject passed, and the GPA from the
 * subjects' grade points. Exempt subjects leave the result; a pending subject leaves it without an
 * overall percentage, grade, pass or GPA.
 */
export function studentTermResult(
  studentId: string,
  papers: readonly PaperInput[],
  weights: readonly AssessmentWeight[],
  bands: readonly GradeBand[],
  subjectOrder?: readonly string[],
): StudentTermResult {
  const bySubject = new Map<string, PaperInput[]>();
  for (const p of papers) {
    const list = bySubject.get(p.subjectId);
    if (list) list.push(p);
    else bySubject.set(p.subjectId, [p]);
  }
  const ids = [...bySubject.keys()];
  const rank = new Map((subjectOrder ?? []).map((id, i) => [id, i]));
  ids.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
  const weightOf = new Map(weights.map((w) => [w.assessmentId, w.weightCenti]));
  const subjects = ids.map((id) => resultOfSubject(id, bySubject.get(id)!, weightOf, bands));
  return {
    studentId,
    subjects,
    ...overall(
      subjects.map((s) => ({
        status: s.status,
        percentCenti: s.weightedPercentCenti,
        passed: s.passed,
        gradePointCenti: s.gradePointCenti,
      })),
      bands,
    ),
  };
}

/** Overall percentage, grade, pass and GPA from subject results (shared by term and year results). */
export function overall(
  subjects: {
    status: string;
    percentCenti: number | null;
    passed: boolean | null;
    gradePointCenti: number | null;
  }[],
  bands: readonly GradeBand[],
): {
  percentCenti: number | null;
  grade: string | null;
  passed: boolean | null;
  gradePointAverageCenti: number | null;
} {
  const complete = subjects.filter((s) => s.status === 'complete');
  if (subjects.some((s) => s.status === 'pending') || complete.length === 0)
    return { percentCenti: null, grade: null, passed: null, gradePointAverageCenti: null };
  const percentCenti = roundHalfUp(
    frac(
      complete.reduce((s, x) => s + x.percentCenti!, 0),
      complete.length,
    ),
  );
  return {
    percentCenti,
    grade: gradeFor(percentCenti, bands),
    passed: complete.every((s) => s.passed),
    gradePointAverageCenti: gradePointAverage(complete.map((s) => s.gradePointCenti)),
  };
}
