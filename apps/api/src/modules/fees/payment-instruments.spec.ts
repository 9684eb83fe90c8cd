import type { ErrorDetail } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { decimalAmount } from './amount-in-words';
import { maskPhone } from './fees-reminders.service';
import { instrumentProblems } from './payment-instruments';

const fields = (p: ErrorDetail[]) => p.map((x) => x.field ?? '').sort();

describe('what each counter payment method needs', () => {
  it("needs a cheque's or draft's number, bank and date, dated neither after the payment nor stale", () => {
    for (const method of ['cheque', 'demand_draft'] as const) {
      expect(fields(instrumentProblems({ method }, '2026-11-20'))).toEqual([
        'instrumentBank',
        'instrumentDate',
        'instrumentNo',
      ]);
      const ok = { method, instrumentNo: '12', instrumentBank: 'SBI' };
      expect(instrumentProblems({ ...ok, instrumentDate: '2026-11-20' }, '2026-11-20')).toEqual([]);
      expect(instrumentProblems({ ...ok, instrumentDate: '2026-08-21' }, '2026-11-20')).toEqual([]);
      expect(fields(instrumentProblems({ ...ok, instrumentDate: '2026-11-21' }, '2026-11-20'))).toEqual([
        'instrumentDate',
      ]);
      expect(fields(instrumentProblems({ ...ok, instrumentDate: '2026-08-20' }, '2026-11-20'))).toEqual([
        'instrumentDate',
      ]);
    }
  });

  it('needs a bank transfer UTR, lets UPI and card go without, and keeps instrument fields off other methods', () => {
    expect(fields(instrumentProblems({ method: 'bank_transfer' }, '2026-11-20'))).toEqual(['reference']);
    expect(fields(instrumentProblems({ method: 'bank_transfer', reference: '  ' }, '2026-11-20'))).toEqual([
      'reference',
    ]);
    expect(instrumentProblems({ method: 'upi' }, '2026-11-20')).toEqual([]);
    expect(instrumentProblems({ method: 'card' }, '2026-11-20')).toEqual([]);
    expect(fields(instrumentProblems({ method: 'cash', instrumentBank: 'SBI' }, '2026-11-20'))).toEqual([
      'instrumentBank',
    ]);
  });
});

describe('masked guardian phones and CSV amounts', () => {
  it('shows only the first two and last two digits of the national number', () => {
    expect(maskPhone('+919701000001')).toBe('97••••••01');
    expect(maskPhone('9876543210')).toBe('98••••••10');
    expect(maskPhone('12345')).toBe('••••••');
    expect(maskPhone(null)).toBeNull();
  });

  it('writes minor units as rupees with two decimals', () => {
    expect(decimalAmount(125050)).toBe('1250.50');
    expect(decimalAmount(5)).toBe('0.05');
    expect(decimalAmount(-5)).toBe('-0.05');
    expect(decimalAmount(0)).toBe('0.00');
  });
});
