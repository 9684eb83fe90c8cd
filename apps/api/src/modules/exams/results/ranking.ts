/**
 * Standard competition ranking ("1224"): students with the same percentage share a rank, and the next
 * rank skips as many places as were shared, so a student's rank is 1 + the number of students strictly
 * above them. Students without a percentage (pending or fully exempt) are not ranked (null). The answer
 * is in the order given and does not depend on it.
 */
export function rankCompetition<T extends { studentId: string; percentCenti: number | null }>(
  students: readonly T[],
): { studentId: string; rank: number | null }[] {
  const scores = students
    .map((s) => s.percentCenti)
    .filter((p): p is number => p != null)
    .sort((a, b) => b - a);
  // The rank of a score is 1 + the index of its first occurrence in the descending list.
  const rankOf = new Map<number, number>();
  scores.forEach((p, i) => {
    if (!rankOf.has(p)) rankOf.set(p, i + 1);
  });
  return students.map((s) => ({
    studentId: s.studentId,
    rank: s.percentCenti == null ? null : rankOf.get(s.percentCenti)!,
  }));
}
