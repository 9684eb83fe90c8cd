import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutoffOf, effectivePeriods, policyProblems } from './retention-rules';

describe('retention rules', () => {
  it('[PRV-04] refuses any processing-log period under one year, naming the field and the floor', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 364 }), (days) => {
        const problems = policyProblems({ processingLogDays: days, deliveryRecordDays: null });
        expect(problems).toEqual([expect.objectContaining({ field: 'processingLogDays', min: 365 })]);
        expect(problems[0]!.message).toContain('DPDP Rules 2025');
      }),
    );
  });

  it('accepts every period within bounds, and null (the installation default)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 365, max: 3650 })),
        fc.option(fc.integer({ min: 30, max: 3650 })),
        (log, delivery) => {
          expect(policyProblems({ processingLogDays: log, deliveryRecordDays: delivery })).toEqual([]);
        },
      ),
    );
  });

  it('refuses delivery-record periods outside 30..3650 and logs beyond ten years', () => {
    expect(policyProblems({ processingLogDays: 3651, deliveryRecordDays: 29 }).map((p) => p.field)).toEqual([
      'processingLogDays',
      'deliveryRecordDays',
    ]);
  });

  it('uses the school\u2019s period where it set one, else the default', () => {
    const defaults = { processingLogDays: 365, deliveryRecordDays: 90 };
    expect(effectivePeriods(defaults, null)).toEqual(defaults);
    expect(effectivePeriods(defaults, { processingLogDays: 400, deliveryRecordDays: null })).toEqual({
      processingLogDays: 400,
      deliveryRecordDays: 90,
    });
  });

  it('puts the cutoff exactly `days` days before now', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(cutoffOf(now, 365).toISOString()).toBe('2025-12-06T10:00:00.000Z');
  });
});
