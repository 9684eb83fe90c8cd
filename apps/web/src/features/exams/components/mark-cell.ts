import { MARK_CELL_CODES, type MarkCellValue } from '@shala/contracts';

const NUMBER = /^\d+(\.\d{1,2})?$/;

/** Why a typed cell cannot be sent, or null when it can (the API's rule, checked before sending). */
export type CellProblem = { kind: 'invalid' } | { kind: 'tooHigh'; max: number } | null;

/** A cell's text as typed: '' (not entered), a code (any case), or a number with at most 2 decimals. */
export function cellProblem(text: string, max: number): CellProblem {
  const value = text.trim();
  if (value === '') return null;
  if ((MARK_CELL_CODES as readonly string[]).includes(value.toUpperCase())) return null;
  if (!NUMBER.test(value)) return { kind: 'invalid' };
  // Compared in hundredths, split at the point, so 40.01 > 40 holds without float error.
  const [whole = '0', fraction = ''] = value.split('.');
  const centi = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (centi > Math.round(max * 100)) return { kind: 'tooHigh', max };
  return null;
}

/** What a valid cell's text is sent as: null (cleared), 'AB'/'EX'/'ML', or the number as typed. */
export function cellPayload(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  const code = value.toUpperCase();
  return (MARK_CELL_CODES as readonly string[]).includes(code) ? code : value;
}

/** A stored cell as the input shows it. */
export function cellText(value: MarkCellValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
