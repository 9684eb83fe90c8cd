import type { ErrorDetail } from '@shala/contracts';

/**
 * The rows of a section sheet (marks, co-scholastic grades, remarks) whose student is on the section's
 * roster, once each. A student who is not enrolled, or who appears twice, gets a detail naming the row and
 * is left out, so the caller checks only the cells of known students and answers 400 with every detail.
 */
export function rosterRows<R extends { studentId: string }>(
  roster: ReadonlyMap<string, string>,
  rows: readonly R[],
  details: ErrorDetail[],
): { row: R; index: number; name: string }[] {
  const seen = new Set<string>();
  const known: { row: R; index: number; name: string }[] = [];
  rows.forEach((row, index) => {
    const name = roster.get(row.studentId);
    const field = `rows.${index}.studentId`;
    if (name === undefined) {
      details.push({
        field,
        studentId: row.studentId,
        message: `student ${row.studentId} is not enrolled in this section this year`,
      });
    } else if (seen.has(row.studentId)) {
      details.push({ field, studentId: row.studentId, studentName: name, message: `${name} appears twice` });
    } else {
      seen.add(row.studentId);
      known.push({ row, index, name });
    }
  });
  return known;
}
