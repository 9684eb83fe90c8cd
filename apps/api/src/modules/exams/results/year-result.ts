import { bandFor } from './grading';
import { compare, roundHalfUp, weightedRatio } from './rational';
import { overall } from './term-result';
import type { GradeBand, StudentTermResult, StudentYearResult, SubjectYearResult, TermWeight } from './types';

/**
 * A student's year result from their term results and the terms' year weights. Per subject: the weighted
 * mean of the (rounded) term percentages over the terms where the subject is complete (a term where it is
 * exempt, or a term not given, leaves the denominator, its weight shared out among the others), rounded
 * half up; passed when that exact mean >= the same weighted mean of the term pass percentages. A subject
 * pending in any term is pending for the year. Overall as for a term; the CGPA is the grade-point average
 * over the year's subject grades.
 */
export function studentYearResult(
  termResults: readonly { termId: string; result: StudentTermResult }[],
  termWeights: readonly TermWeight[],
  bands: readonly GradeBand[],
  subjectOrder?: readonly string[],
): StudentYearResult {
  const weightOf = new Map(termWeights.map((t) => [t.termId, t.weightCenti]));
  const studentId = termResults[0]?.result.studentId ?? '';
  const ids = [...new Set(termResults.flatMap((t) => t.result.subjects.map((s) => s.subjectId)))];
  const rank = new Map((subjectOrder ?? []).map((id, i) => [id, i]));
  ids.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));

  const subjects: SubjectYearResult[] = ids.map((subjectId) => {
    const perTerm = termResults.flatMap((t) =>
      t.result.subjects.filter((s) => s.subjectId === subjectId).map((s) => ({ termId: t.termId, s })),
    );
    const empty = {
      subjectId,
      percentCenti: null,
      passPercentCenti: null,
      grade: null,
      gradePointCenti: null,
      passed: null,
    };
    if (perTerm.some((x) => x.s.status === 'pending')) return { ...empty, status: 'pending' };
    const counted = perTerm.filter((x) => x.s.status === 'complete' && (weightOf.get(x.termId) ?? 0) > 0);
    if (counted.length === 0) return { ...empty, status: 'exempt' };
    const percent = weightedRatio(
      counted.map((x) => ({ weight: weightOf.get(x.termId)!, num: x.s.weightedPercentCenti!, den: 1 })),
    )!;
    const pass = weightedRatio(
      counted.map((x) => ({ weight: weightOf.get(x.termId)!, num: x.s.passPercentCenti!, den: 1 })),
    )!;
    const percentCenti = roundHalfUp(percent);
    const band = bandFor(percentCenti, bands);
    return {
      subjectId,
      status: 'complete',
      percentCenti,
      passPercentCenti: roundHalfUp(pass),
      grade: band?.grade ?? null,
      gradePointCenti: band?.gradePointCenti ?? null,
      passed: compare(percent, pass) >= 0,
    };
  });
  const { gradePointAverageCenti, ...rest } = overall(subjects, bands);
  return { studentId, subjects, ...rest, cumulativeGradePointAverageCenti: gradePointAverageCenti };
}
