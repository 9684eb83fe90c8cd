import { describe, expect, it } from 'vitest';
import { rankCompetition } from './ranking';
import { studentTermResult } from './term-result';
import type { GradeBand, MarkCell, PaperInput } from './types';
import { studentYearResult } from './year-result';

const BANDS: GradeBand[] = [
  { grade: 'A', minCenti: 7500, maxCenti: 10000, gradePointCenti: 1000 },
  { grade: 'B', minCenti: 5000, maxCenti: 7499, gradePointCenti: 800 },
  { grade: 'C', minCenti: 3300, maxCenti: 4999, gradePointCenti: 600 },
  { grade: 'E', minCenti: 0, maxCenti: 3299, gradePointCenti: null },
];
const ASSESSMENTS = [
  { assessmentId: 'pt1', weightCenti: 1000, max: 2000 },
  { assessmentId: 'pt2', weightCenti: 1000, max: 2000 },
  { assessmentId: 'nb', weightCenti: 1000, max: 500 },
  { assessmentId: 'hy', weightCenti: 7000, max: 8000 },
];
const SUBJECTS = ['eng', 'hin', 'math', 'sci', 'sst', 'comp'];

/** A deterministic pseudo-random cell (no Math.random, so the run is the same every time). */
function cellOf(seed: number, max: number): MarkCell {
  const r = (seed * 2654435761) % 1000;
  if (r < 10) return { status: 'AB' };
  if (r < 15) return { status: 'EX' };
  return { status: 'marks', centi: Math.floor((r / 1000) * max) };
}

describe('results at the scale of a school', () => {
  it('computes two terms, the year and class ranks of 2,000 students quickly', () => {
    const students = Array.from({ length: 2000 }, (_, i) => `st${i}`);
    const papersOf = (s: number, term: number): PaperInput[] =>
      SUBJECTS.flatMap((subjectId, j) =>
        ASSESSMENTS.map((a, k) => ({
          assessmentId: a.assessmentId,
          subjectId,
          maxCenti: a.max,
          passCenti: Math.round(a.max * 0.33),
          cell: cellOf(s * 97 + j * 13 + k * 7 + term * 5, a.max),
        })),
      );
    const inputs = students.map((_, s) => [papersOf(s, 1), papersOf(s, 2)] as const);
    const run = () => {
      const started = performance.now();
      const years = students.map((id, s) => {
        const t1 = studentTermResult(id, inputs[s]![0], ASSESSMENTS, BANDS);
        const t2 = studentTermResult(id, inputs[s]![1], ASSESSMENTS, BANDS);
        return studentYearResult(
          [
            { termId: 't1', result: t1 },
            { termId: 't2', result: t2 },
          ],
          [
            { termId: 't1', weightCenti: 4000 },
            { termId: 't2', weightCenti: 6000 },
          ],
          BANDS,
        );
      });
      // Ranks per class of 200 (10 classes) and over the school.
      for (let c = 0; c < 10; c++) rankCompetition(years.slice(c * 200, c * 200 + 200));
      return { years, ranks: rankCompetition(years), ms: performance.now() - started };
    };
    const cold = run();
    const { years, ranks, ms } = run();
    console.info(
      `[timing] 2,000 students x 6 subjects x 4 assessments x 2 terms + year + ranks: ${cold.ms.toFixed(0)} ms cold, ${ms.toFixed(0)} ms warm`,
    );
    expect(ranks.filter((r) => r.rank === 1).length).toBeGreaterThan(0);
    expect(
      years.every((y) => y.percentCenti == null || (y.percentCenti >= 0 && y.percentCenti <= 10_000)),
    ).toBe(true);
    expect(ms).toBeLessThan(20_000);
  });
});
