import { frac, roundHalfUp } from './rational';
import type { GradeBand } from './types';

/** The band a (rounded, integer centi) percentage falls in, inclusive at both ends; null when none does. */
export function bandFor(percentCenti: number, bands: readonly GradeBand[]): GradeBand | null {
  return bands.find((b) => percentCenti >= b.minCenti && percentCenti <= b.maxCenti) ?? null;
}

export function gradeFor(percentCenti: number | null, bands: readonly GradeBand[]): string | null {
  return percentCenti == null ? null : (bandFor(percentCenti, bands)?.grade ?? null);
}

/**
 * The mean of the grade points given (a subject's grade point comes from its band), rounded half up to
 * the nearest centi; null when none has a grade point (a scale without grade points has no GPA).
 */
export function gradePointAverage(points: readonly (number | null)[]): number | null {
  const known = points.filter((p): p is number => p != null);
  if (known.length === 0) return null;
  return roundHalfUp(
    frac(
      known.reduce((s, p) => s + p, 0),
      known.length,
    ),
  );
}
