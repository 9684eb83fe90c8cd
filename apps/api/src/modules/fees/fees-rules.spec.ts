import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, percentOf } from './allocation';
import { formatMoney, indianNumberInWords, rupeesInWords } from './amount-in-words';
import { balanceOf, type LedgerLike } from './ledger-math';
import { lateFeeDue } from './late-fee';
import { FeesJobsService } from './fees-jobs.service';
import { addDays } from '../../platform/time/local-time';

const dueArb = fc.record({
  invoiceId: fc.uuid(),
  headId: fc.uuid(),
  dueDate: fc
    .integer({ min: 0, max: 400 })
    .map((d) => new Date(Date.UTC(2026, 3, 1) + d * 86_400_000).toISOString().slice(0, 10)),
  order: fc.nat(1000),
  outstanding: fc.integer({ min: 0, max: 5_000_000 }),
});

describe('allocation', () => {
  it('[DAT-06] allocates min(payment, outstanding), never more than a due, oldest due first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.array(dueArb, { maxLength: 12 }),
        (amount, dues) => {
          const result = allocate(amount, dues);
          const outstanding = dues.reduce((s, d) => s + d.outstanding, 0);
          const total = result.reduce((s, a) => s + a.amount, 0);
          expect(total).toBe(Math.min(amount, outstanding));
          for (const a of result) {
            expect(Number.isInteger(a.amount)).toBe(true);
            expect(a.amount).toBeGreaterThan(0);
            const due = dues.find((d) => d.invoiceId === a.invoiceId && d.headId === a.headId)!;
            expect(a.amount).toBeLessThanOrEqual(due.outstanding);
          }
          // Oldest first: a due with a later date is touched only when every earlier due is fully paid.
          const paid = new Map(result.map((a) => [`${a.invoiceId}/${a.headId}`, a.amount]));
          for (const later of dues)
            if ((paid.get(`${later.invoiceId}/${later.headId}`) ?? 0) > 0)
              for (const earlier of dues)
                if (earlier.dueDate < later.dueDate && earlier.outstanding > 0)
                  expect(paid.get(`${earlier.invoiceId}/${earlier.headId}`)).toBe(earlier.outstanding);
        },
      ),
    );
  });

  it('allocates nothing when nothing is owed, and refuses fractional amounts', () => {
    expect(allocate(500, [])).toEqual([]);
    expect(() => allocate(10.5, [])).toThrow(RangeError);
  });

  it('takes percentages in basis points with integer rounding', () => {
    expect(percentOf(100_000, 1000)).toBe(10_000);
    expect(percentOf(333, 5000)).toBe(167);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), (a, bp) => {
        const p = percentOf(a, bp);
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(a);
      }),
    );
  });
});

describe('ledger balances', () => {
  it('[DAT-06] balance = charges - concessions - payments + reversals for any sequence', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('charge' as const), amount: fc.integer({ min: 1, max: 1e7 }) }),
      fc.record({ kind: fc.constant('fine' as const), amount: fc.integer({ min: 1, max: 1e6 }) }),
      fc.record({ kind: fc.constant('concession' as const), amount: fc.integer({ min: 1, max: 1e6 }) }),
      fc.record({ kind: fc.constant('waiver' as const), amount: fc.integer({ min: 1, max: 1e6 }) }),
      fc.record({ kind: fc.constant('payment' as const), amount: fc.integer({ min: 1, max: 1e7 }) }),
      fc.record({ kind: fc.constant('reverse' as const), amount: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const entries: LedgerLike[] = [];
        let charges = 0;
        let reductions = 0;
        let reversals = 0;
        for (const o of ops) {
          if (o.kind === 'reverse') {
            const payments = entries.filter((e) => e.kind === 'payment');
            if (!payments.length) continue;
            const target = payments[o.amount % payments.length]!;
            entries.push({ kind: 'reversal', amount: -target.amount });
            reversals += -target.amount;
            continue;
          }
          const signed = o.kind === 'charge' || o.kind === 'fine' ? o.amount : -o.amount;
          entries.push({ kind: o.kind, amount: signed });
          if (signed > 0) charges += signed;
          else reductions += -signed;
        }
        expect(balanceOf(entries)).toBe(charges - reductions + reversals);
      }),
    );
  });
});

describe('amount in words', () => {
  it('writes rupees and paise in Indian numbering', () => {
    expect(rupeesInWords(125050)).toBe('Rupees One Thousand Two Hundred Fifty and Fifty Paise Only');
    expect(rupeesInWords(100)).toBe('Rupees One Only');
    expect(rupeesInWords(0)).toBe('Rupees Zero Only');
    expect(rupeesInWords(5)).toBe('Five Paise Only');
    expect(rupeesInWords(1_23_45_678_00)).toBe(
      'Rupees One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight Only',
    );
    expect(indianNumberInWords(100_000)).toBe('One Lakh');
    expect(indianNumberInWords(2_00_00_00_000)).toBe('Two Hundred Crore');
    expect(indianNumberInWords(1_01_010)).toBe('One Lakh One Thousand Ten');
  });

  it('formats money with Indian grouping', () => {
    expect(formatMoney(12_345_678_90, 'INR')).toBe('INR 1,23,45,678.90');
    expect(formatMoney(125050, 'INR')).toBe('INR 1,250.50');
    expect(formatMoney(5, 'USD')).toBe('USD 0.05');
  });
});

describe('late fees and reminder occurrences', () => {
  const rule = { graceDays: 5, cap: null, basisPoints: null, amount: 10_00 };
  it('charges nothing within the grace period, then flat, percent or per day, capped', () => {
    expect(lateFeeDue({ ...rule, kind: 'flat' }, '2026-10-10', '2026-10-15', 1_000_00)).toBe(0);
    expect(lateFeeDue({ ...rule, kind: 'flat' }, '2026-10-10', '2026-10-16', 1_000_00)).toBe(10_00);
    expect(
      lateFeeDue({ ...rule, kind: 'percent', basisPoints: 200 }, '2026-10-10', '2026-10-20', 1_000_00),
    ).toBe(20_00);
    expect(lateFeeDue({ ...rule, kind: 'per_day' }, '2026-10-10', '2026-10-20', 0)).toBe(50_00);
    expect(lateFeeDue({ ...rule, kind: 'per_day', cap: 30_00 }, '2026-10-10', '2026-10-20', 0)).toBe(30_00);
  });

  it('never decreases as days pass and never passes the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 100_000 }), (days, cap) => {
        const r = { ...rule, kind: 'per_day' as const, cap };
        const a = lateFeeDue(r, '2026-04-01', addDays('2026-04-01', days), 0);
        const b = lateFeeDue(r, '2026-04-01', addDays('2026-04-01', days + 1), 0);
        expect(b).toBeGreaterThanOrEqual(a);
        expect(b).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it('picks the reminder occurrence for a day', () => {
    const due = '2027-01-10';
    expect(FeesJobsService.occurrence({ kind: 'before_due', days: 7 }, due, '2027-01-03')).toBe(0);
    expect(FeesJobsService.occurrence({ kind: 'before_due', days: 7 }, due, '2027-01-02')).toBeNull();
    expect(FeesJobsService.occurrence({ kind: 'before_due', days: 7 }, due, '2027-01-10')).toBeNull();
    expect(FeesJobsService.occurrence({ kind: 'on_due', days: 0 }, due, '2027-01-10')).toBe(0);
    expect(FeesJobsService.occurrence({ kind: 'on_due', days: 0 }, due, '2027-01-20')).toBeNull();
    expect(FeesJobsService.occurrence({ kind: 'overdue_every', days: 7 }, due, '2027-01-16')).toBeNull();
    expect(FeesJobsService.occurrence({ kind: 'overdue_every', days: 7 }, due, '2027-01-17')).toBe(1);
    expect(FeesJobsService.occurrence({ kind: 'overdue_every', days: 7 }, due, '2027-01-24')).toBe(2);
  });
});
