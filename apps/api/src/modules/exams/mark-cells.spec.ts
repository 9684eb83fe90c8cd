import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellValue, parseCell } from './mark-cells';

describe('marks cells', () => {
  it('reads numbers and numeric strings with at most two decimals into hundredths, without float error', () => {
    expect(parseCell(37.5, 8000)).toEqual({ status: 'marks', centi: 3750 });
    expect(parseCell('37.50', 8000)).toEqual({ status: 'marks', centi: 3750 });
    expect(parseCell(0.29, 8000)).toEqual({ status: 'marks', centi: 29 });
    expect(parseCell('0', 8000)).toEqual({ status: 'marks', centi: 0 });
    expect(parseCell(80, 8000)).toEqual({ status: 'marks', centi: 8000 });
  });

  it('reads AB, EX and ML in any case', () => {
    expect(parseCell('AB', 100)).toEqual({ status: 'AB', centi: null });
    expect(parseCell(' ex ', 100)).toEqual({ status: 'EX', centi: null });
    expect(parseCell('Ml', 100)).toEqual({ status: 'ML', centi: null });
  });

  it('refuses three decimals, negatives, values above the maximum and anything else', () => {
    for (const bad of ['12.345', 12.345, -1, '-1', 80.01, '1e3', 'XY', '', true, {}, [], Infinity, NaN, 1e21])
      expect(parseCell(bad, 8000)).toHaveProperty('error');
  });

  it('gives back what it read: any value in 0..max with two decimals survives a round trip', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (centi, max) => {
          const parsed = parseCell(centi / 100, max);
          if (centi > max) return 'error' in parsed;
          return (
            !('error' in parsed) &&
            parsed.centi === centi &&
            cellValue({ status: 'marks', marksCenti: centi }) === centi / 100
          );
        },
      ),
    );
  });
});
