import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figuresOf, gradeDistribution, type GradedEntry } from './analytics-figures';
import { bandFor, type GradeBand } from './results';

const BANDS: GradeBand[] = [
  { grade: 'A', minCenti: 8000, maxCenti: 10_000, gradePointCenti: null },
  { grade: 'B', minCenti: 5000, maxCenti: 7999, gradePointCenti: null },
  { grade: 'C', minCenti: 0, maxCenti: 4999, gradePointCenti: null },
];
const complete = (percentCenti: number, passed = percentCenti >= 3300): GradedEntry => ({
  status: 'complete',
  percentCenti,
  passed,
  grade: bandFor(percentCenti, BANDS)!.grade,
});
const none = (status: 'pending' | 'exempt'): GradedEntry => ({
  status,
  percentCenti: null,
  passed: null,
  grade: null,
});

describe('analytics figures', () => {
  it('averages the graded students only, rounding half up once, and counts the others apart', () => {
    // (77.5 + 60 + 25.01) / 3 = 54.17; 2 of 3 passed = 66.666.. -> 66.67.
    expect(
      figuresOf([complete(7750), complete(6000), complete(2501), none('pending'), none('exempt')]),
    ).toEqual({
      graded: 3,
      pending: 1,
      exempt: 1,
      average: 54.17,
      highest: 77.5,
      lowest: 25.01,
      passPercentage: 66.67,
    });
  });

  it('answers null figures when nobody is graded', () => {
    expect(figuresOf([none('pending')])).toMatchObject({
      graded: 0,
      pending: 1,
      average: null,
      passPercentage: null,
    });
  });

  it('lists every grade of the scale in order, zeros included', () => {
    expect(gradeDistribution([complete(9000), complete(9100), complete(100), none('exempt')], BANDS)).toEqual(
      [
        { grade: 'A', count: 2 },
        { grade: 'B', count: 0 },
        { grade: 'C', count: 1 },
      ],
    );
  });

  it('distributes exactly the graded students, and the average lies between lowest and highest', () => {
    const entry = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }).map((p) => complete(p)),
      fc.constantFrom(none('pending'), none('exempt')),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const f = figuresOf(entries);
        const total = gradeDistribution(entries, BANDS).reduce((s, g) => s + g.count, 0);
        expect(total).toBe(f.graded);
        expect(f.graded + f.pending + f.exempt).toBe(entries.length);
        if (f.graded) {
          expect(f.average!).toBeGreaterThanOrEqual(f.lowest!);
          expect(f.average!).toBeLessThanOrEqual(f.highest!);
        }
      }),
    );
  });
});
