import { MARK_CELL_CODES, type MarkCellCode, type MarkCellValue } from '@shala/contracts';
import type { MarkRow } from './exams.repository';

/** A parsed cell: a status and marks in hundredths (null unless status is 'marks'). */
export type ParsedCell = { status: 'marks'; centi: number } | { status: MarkCellCode; centi: null };

const NUMBER = /^\d+(\.\d{1,2})?$/;

/**
 * A cell of a marks request: a number or numeric string with at most two decimals in 0..max (in
 * hundredths), or AB / EX / ML. Answers the parsed cell or why it is refused. Arithmetic stays in integers:
 * the decimal text is split at the point, never multiplied as a float.
 */
export function parseCell(value: unknown, maxCenti: number): ParsedCell | { error: string } {
  if (
    typeof value === 'string' &&
    (MARK_CELL_CODES as readonly string[]).includes(value.trim().toUpperCase())
  )
    return { status: value.trim().toUpperCase() as MarkCellCode, centi: null };
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: 'not a number' };
    text = String(value);
  } else if (typeof value === 'string') text = value.trim();
  else return { error: 'a number, AB, EX or ML' };
  if (!NUMBER.test(text)) return { error: 'a number with at most 2 decimals (or AB, EX, ML)' };
  const [whole, fraction = ''] = text.split('.');
  if (whole!.length > 6) return { error: `at most ${maxCenti / 100}` };
  const centi = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (centi > maxCenti) return { error: `at most ${maxCenti / 100}` };
  return { status: 'marks', centi };
}

/** A stored cell as the grid shows it: 37.5, 'AB', ... */
export function cellValue(row: Pick<MarkRow, 'status' | 'marksCenti'>): MarkCellValue {
  return row.status === 'marks' ? (row.marksCenti ?? 0) / 100 : row.status;
}

/** Hundredths as a decimal number (3750 -> 37.5). */
export const fromCenti = (centi: number): number => centi / 100;

/** A decimal with at most two places into hundredths, without float error (37.5 -> 3750). */
export function toCenti(value: number): number {
  return Math.round(value * 100);
}

/** Whether a decimal has at most two places. */
export function hasTwoDecimalsAtMost(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}
