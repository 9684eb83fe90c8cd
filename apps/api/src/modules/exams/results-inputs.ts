import type { GradeBand, MarkCell, PaperInput } from './results';
import { combineComponents } from './results';
import type { AssessmentPaper, GradingBandRow, PaperComponent } from './entities/exams.entities';
import { TOTAL_COMPONENT } from './entities/exams.entities';
import type { PaperMarkRow } from './exams.repository';

/**
 * From stored rows to the arithmetic's inputs, without any I/O: the cells of each student's papers
 * (a paper with components combines them into one cell) and a scale's bands.
 */
export class MarksIndex {
  private readonly cells = new Map<string, Map<string, PaperMarkRow>>();
  readonly studentIds = new Set<string>();

  constructor(rows: readonly PaperMarkRow[]) {
    for (const r of rows) {
      const key = `${r.paperId}|${r.studentId}`;
      const byComponent = this.cells.get(key) ?? new Map<string, PaperMarkRow>();
      byComponent.set(r.componentCode, r);
      this.cells.set(key, byComponent);
      this.studentIds.add(r.studentId);
    }
  }

  /** The student's paper inputs for these papers (null cell where nothing is entered). */
  papersOf(
    studentId: string,
    papers: readonly AssessmentPaper[],
    components: ReadonlyMap<string, readonly PaperComponent[]>,
  ): PaperInput[] {
    return papers.map((p) => {
      const stored = this.cells.get(`${p.id}|${studentId}`);
      const parts = components.get(p.id) ?? [];
      const base = { assessmentId: p.assessmentId, subjectId: p.subjectId };
      if (parts.length === 0)
        return {
          ...base,
          maxCenti: p.maxMarksCenti,
          passCenti: p.passMarksCenti,
          cell: cellOf(stored?.get(TOTAL_COMPONENT)),
        };
      const combined = combineComponents(
        { maxCenti: p.maxMarksCenti, passCenti: p.passMarksCenti },
        parts.map((c) => ({ maxCenti: c.maxMarksCenti, cell: cellOf(stored?.get(c.code)) })),
      );
      return { ...base, ...combined };
    });
  }
}

function cellOf(row: PaperMarkRow | undefined): MarkCell | null {
  if (!row) return null;
  if (row.status === 'marks')
    return row.marksCenti == null ? null : { status: 'marks', centi: row.marksCenti };
  return { status: row.status };
}

export function bandsOf(rows: readonly GradingBandRow[]): GradeBand[] {
  return rows.map((b) => ({
    grade: b.grade,
    minCenti: b.minPercentCenti,
    maxCenti: b.maxPercentCenti,
    gradePointCenti: b.gradePointCenti,
  }));
}

/** Hundredths as a decimal number for views (3750 -> 37.5); null stays null. */
export const decimal = (centi: number | null): number | null => (centi == null ? null : centi / 100);
