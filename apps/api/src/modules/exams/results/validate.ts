import type { Problem } from './types';

/** Full scale, in centi: 100 % of a percentage, or the whole of a term's or year's weight. */
export const FULL_CENTI = 10_000;

const isCenti = (v: number, max = FULL_CENTI) => Number.isInteger(v) && v >= 0 && v <= max;

/**
 * Weights that must share out a whole (assessments of a term, terms of a year): each an integer in
 * 1..10000 centi, all adding up to exactly 10000. `field` names the list in the problems.
 */
export function validateWeights(
  weights: { id: string; name?: string; weightCenti: number }[],
  field = 'weights',
): Problem[] {
  const problems: Problem[] = [];
  weights.forEach((w, i) => {
    if (!isCenti(w.weightCenti) || w.weightCenti === 0)
      problems.push({
        field: `${field}.${i}.weightCenti`,
        message: `${w.name ?? w.id}: a weight is a whole number of centi between 1 and ${FULL_CENTI}`,
      });
  });
  const total = weights.reduce((s, w) => s + w.weightCenti, 0);
  if (weights.length > 0 && total !== FULL_CENTI)
    problems.push({
      field,
      message: `the weights add up to ${total / 100} %, not 100 %`,
    });
  return problems;
}

export interface BandLike {
  grade: string;
  minCenti: number;
  maxCenti: number;
  gradePointCenti?: number | null;
}

/**
 * A grading scale's bands. Every band: a grade of 1..4 characters, bounds as integer centi-percent in
 * 0..10000 with min <= max, a grade point (if any) an integer centi >= 0, and grades unique. A scholastic
 * scale's bands must also cover 0..100 % with no overlap and no gap at 0.01 granularity (sorted by min:
 * the first starts at 0, each next min = previous max + 1, the last ends at 10000). Each problem names
 * the band(s) it is about.
 */
export function validateBands(bands: BandLike[], kind: 'scholastic' | 'co_scholastic'): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  bands.forEach((b, i) => {
    const at = `bands.${i}`;
    if (!b.grade || b.grade.length > 4)
      problems.push({ field: `${at}.grade`, message: `band ${i + 1}: a grade has 1 to 4 characters` });
    if (seen.has(b.grade))
      problems.push({ field: `${at}.grade`, message: `band ${b.grade}: the grade appears twice` });
    seen.add(b.grade);
    if (!isCenti(b.minCenti) || !isCenti(b.maxCenti) || b.minCenti > b.maxCenti)
      problems.push({
        field: `${at}.minCenti`,
        message: `band ${b.grade}: bounds are whole centi-percent in 0..${FULL_CENTI} with min <= max`,
      });
    if (b.gradePointCenti != null && (!Number.isInteger(b.gradePointCenti) || b.gradePointCenti < 0))
      problems.push({
        field: `${at}.gradePointCenti`,
        message: `band ${b.grade}: a grade point is a whole, non-negative number of centi`,
      });
  });
  if (problems.length || kind !== 'scholastic') return problems;
  if (bands.length === 0) return [{ field: 'bands', message: 'a scholastic scale needs at least one band' }];

  const sorted = [...bands].sort((a, b) => a.minCenti - b.minCenti || a.maxCenti - b.maxCenti);
  const lowest = sorted[0]!;
  if (lowest.minCenti !== 0)
    problems.push({
      field: 'bands',
      message: `band ${lowest.grade}: the lowest band must start at 0 %, not ${lowest.minCenti / 100} %`,
    });
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const next = sorted[i]!;
    if (next.minCenti <= prev.maxCenti)
      problems.push({
        field: 'bands',
        message: `bands ${prev.grade} and ${next.grade} overlap (${next.minCenti / 100} % is in both)`,
      });
    else if (next.minCenti !== prev.maxCenti + 1)
      problems.push({
        field: 'bands',
        message: `gap between bands ${prev.grade} and ${next.grade}: ${(prev.maxCenti + 1) / 100} % to ${(next.minCenti - 1) / 100} % has no grade`,
      });
  }
  const top = sorted.reduce((a, b) => (b.maxCenti > a.maxCenti ? b : a));
  if (top.maxCenti !== FULL_CENTI)
    problems.push({
      field: 'bands',
      message: `band ${top.grade}: the highest band must end at 100 %, not ${top.maxCenti / 100} %`,
    });
  return problems;
}
