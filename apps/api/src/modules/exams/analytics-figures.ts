import type { AnalyticsFigures, GradeCount } from '@shala/contracts';
import type { GradeBand } from './results';
import { frac, roundHalfUp } from './results/rational';

/** One student's result in one subject (or overall), as the results arithmetic graded it. */
export interface GradedEntry {
  /** complete: counted; pending: a paper not entered; exempt: every paper EX/ML. */
  status: 'complete' | 'pending' | 'exempt';
  /** The (rounded) weighted percentage in centi; null unless complete. */
  percentCenti: number | null;
  passed: boolean | null;
  grade: string | null;
}

/**
 * Average, highest, lowest and pass percentage over the complete entries (pending and exempt ones are
 * only counted): the average is the exact mean of the students' rounded percentages and the pass
 * percentage passed / graded x 100, each rounded half up to two decimals once, like the results.
 */
export function figuresOf(entries: readonly GradedEntry[]): AnalyticsFigures {
  const graded = entries.filter((e) => e.status === 'complete' && e.percentCenti != null);
  const pending = entries.filter((e) => e.status === 'pending').length;
  const exempt = entries.filter((e) => e.status === 'exempt').length;
  if (graded.length === 0)
    return { graded: 0, pending, exempt, average: null, highest: null, lowest: null, passPercentage: null };
  const percents = graded.map((e) => e.percentCenti!);
  const passed = graded.filter((e) => e.passed).length;
  return {
    graded: graded.length,
    pending,
    exempt,
    average:
      roundHalfUp(
        frac(
          percents.reduce((s, p) => s + p, 0),
          graded.length,
        ),
      ) / 100,
    highest: Math.max(...percents) / 100,
    lowest: Math.min(...percents) / 100,
    passPercentage: roundHalfUp(frac(passed * 10_000, graded.length)) / 100,
  };
}

/**
 * How many complete entries got each grade of the scale, in the scale's order, zero counts included (a
 * grade outside the scale, which a valid scholastic scale cannot give, is not counted).
 */
export function gradeDistribution(
  entries: readonly GradedEntry[],
  bands: readonly GradeBand[],
): GradeCount[] {
  const counts = new Map(bands.map((b) => [b.grade, 0]));
  for (const e of entries)
    if (e.status === 'complete' && e.grade != null && counts.has(e.grade))
      counts.set(e.grade, counts.get(e.grade)! + 1);
  return bands.map((b) => ({ grade: b.grade, count: counts.get(b.grade)! }));
}
