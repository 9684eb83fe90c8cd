import { Injectable } from '@nestjs/common';
import type { CoScholasticGridView, ErrorDetail, SaveTermSheetResult } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import {
  CoScholasticAreasRepository,
  CoScholasticGradesRepository,
  GradingBandsRepository,
} from './exams.repository';
import { TermSheet, TermSheetAccess } from './term-sheet-access';
import { rosterRows } from './section-rows';

export interface CoScholasticRowInput {
  studentId: string;
  grades: Record<string, unknown>;
}

interface Area {
  areaId: string;
  name: string;
  grades: string[];
}

/** A grid has at most 200 rows; a body with more junk is answered with its first problems. */
const MAX_DETAILS = 600;
const keyOf = (studentId: string, areaId: string) => `${studentId}/${areaId}`;

/**
 * Co-scholastic grades: one grid per term and section, one column per area, each cell a grade of the area's
 * (co-scholastic) scale. The class teacher or school staff saves the grid whole in one idempotent
 * transaction; every cell is checked first and nothing is written when one is wrong.
 */
@Injectable()
export class CoScholasticService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly access: TermSheetAccess,
    private readonly audit: AuditService,
    private readonly areas: CoScholasticAreasRepository,
    private readonly bands: GradingBandsRepository,
    private readonly grades: CoScholasticGradesRepository,
  ) {}

  private async areasWithGrades(): Promise<Area[]> {
    const areas = await this.areas.all();
    const bands = await this.bands.ofScales([...new Set(areas.map((a) => a.scaleId))]);
    return areas.map((a) => ({
      areaId: a.id,
      name: a.name,
      grades: bands.filter((b) => b.scaleId === a.scaleId).map((b) => b.grade),
    }));
  }

  async grid(termId: string, sectionId: string): Promise<CoScholasticGridView> {
    const sheet = await this.access.open(termId, sectionId, false);
    const areas = await this.areasWithGrades();
    const saved = await this.grades.ofStudents(
      [termId],
      sheet.roster.map((r) => r.studentId),
    );
    const byKey = new Map(saved.map((g) => [keyOf(g.studentId, g.areaId), g.grade]));
    return {
      termId,
      sectionId,
      areas,
      rows: sheet.roster.map((r) => ({
        ...r,
        grades: Object.fromEntries(
          areas.map((a) => [a.areaId, byKey.get(keyOf(r.studentId, a.areaId)) ?? null]),
        ),
      })),
    };
  }

  /** Every cell checked before anything is written: a bad one names the student and the area (400). */
  private parse(sheet: TermSheet, areas: Area[], rows: CoScholasticRowInput[]) {
    const roster = new Map(sheet.roster.map((r) => [r.studentId, r.fullName] as const));
    const byId = new Map(areas.map((a) => [a.areaId, a]));
    const details: ErrorDetail[] = [];
    const out: { studentId: string; areaId: string; grade: string | null }[] = [];
    for (const { row, index: i, name } of rosterRows(roster, rows, details)) {
      for (const [areaId, value] of Object.entries(row.grades)) {
        const area = byId.get(areaId);
        const at = { field: `rows.${i}.grades.${areaId}`, studentId: row.studentId, studentName: name };
        if (!area) {
          details.push({ ...at, message: `${name}: there is no co-scholastic area ${areaId}` });
          continue;
        }
        if (value === null || (typeof value === 'string' && value.trim() === '')) {
          out.push({ studentId: row.studentId, areaId, grade: null });
          continue;
        }
        const grade =
          typeof value === 'string'
            ? area.grades.find((g) => g.toUpperCase() === value.trim().toUpperCase())
            : undefined;
        if (grade === undefined)
          details.push({
            ...at,
            column: area.name,
            message: `${name}, ${area.name}: ${JSON.stringify(value)} is not a grade of the area's scale (${area.grades.join(', ')})`,
          });
        else out.push({ studentId: row.studentId, areaId, grade });
      }
    }
    if (details.length)
      throw new ValidationFailedError(
        details.slice(0, MAX_DETAILS),
        `${details.length} problem(s) in the co-scholastic grades; nothing was saved.`,
      );
    return out;
  }

  async save(
    termId: string,
    sectionId: string,
    input: { rows: CoScholasticRowInput[] },
  ): Promise<SaveTermSheetResult> {
    const sheet = await this.access.open(termId, sectionId, true);
    const cells = this.parse(sheet, await this.areasWithGrades(), input.rows);
    const userId = this.context.userId;
    return this.db.transaction(
      async () => {
        const existing = new Map(
          (
            await this.grades.ofStudents(
              [termId],
              sheet.roster.map((r) => r.studentId),
            )
          ).map((g) => [keyOf(g.studentId, g.areaId), g.grade]),
        );
        let created = 0;
        let changed = 0;
        let cleared = 0;
        for (const c of cells) {
          const before = existing.get(keyOf(c.studentId, c.areaId)) ?? null;
          if (before === c.grade) continue;
          if (c.grade === null) {
            await this.grades.remove(termId, c.areaId, c.studentId);
            cleared++;
          } else if (before === null) {
            await this.grades.put([
              { termId, areaId: c.areaId, studentId: c.studentId, grade: c.grade, updatedBy: userId },
            ]);
            created++;
          } else {
            await this.grades.change(termId, c.areaId, c.studentId, c.grade, userId);
            changed++;
          }
        }
        const total = created + changed + cleared;
        if (total > 0)
          await this.audit.record({
            action: 'exams.co_scholastic.save',
            targetType: 'section',
            targetId: sectionId,
            details: { termId, sectionId, created, changed, cleared },
          });
        return { termId, sectionId, changed: total };
      },
      { retryOnDeadlock: true },
    );
  }
}
