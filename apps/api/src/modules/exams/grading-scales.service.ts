import { Injectable } from '@nestjs/common';
import type { GradingScaleView } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ConflictError, NotFoundError } from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import type { GradingScaleDto } from './dto/exams.dto';
import type { GradingBandRow } from './entities/exams.entities';
import { ExamsErrorCode, InvalidStructureError } from './exams.errors';
import { GradingBandsRepository, GradingScalesRepository } from './exams.repository';
import { toCenti } from './mark-cells';
import { validateBands } from './results';
import { requireStaff, scaleView } from './structure.service';

/**
 * Grading scales and their bands: school staff create a scale or replace its bands whole; a scholastic
 * scale covers 0..100 % with no gap or overlap, and every change is audited in the same transaction.
 */
@Injectable()
export class GradingScalesService {
  constructor(
    private readonly db: Database,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly scales: GradingScalesRepository,
    private readonly bands: GradingBandsRepository,
  ) {}

  private checkScale(input: GradingScaleDto): Omit<GradingBandRow, 'tenantId' | 'id' | 'scaleId'>[] {
    const rows = input.bands.map((b, i) => ({
      grade: b.grade.trim(),
      minPercentCenti: toCenti(b.minPercent),
      maxPercentCenti: toCenti(b.maxPercent),
      gradePointCenti: b.gradePoint == null ? null : toCenti(b.gradePoint),
      description: b.description?.trim() || null,
      sortOrder: i,
    }));
    const problems = validateBands(
      rows.map((r) => ({
        grade: r.grade,
        minCenti: r.minPercentCenti,
        maxCenti: r.maxPercentCenti,
        gradePointCenti: r.gradePointCenti,
      })),
      input.kind,
    ).map((p) => ({ field: p.field.replace(/\.minCenti$/, '.minPercent'), message: p.message }));
    if (problems.length)
      throw new InvalidStructureError('The grading bands are not a valid scale; see details.', problems);
    return rows;
  }

  async createScale(input: GradingScaleDto): Promise<GradingScaleView> {
    await requireStaff(this.students);
    const rows = this.checkScale(input);
    const id = uuidv7();
    return this.db.transaction(async () => {
      if (await this.scales.byName(input.name.trim()))
        throw new ConflictError('A grading scale with this name exists.', ExamsErrorCode.InUse);
      await this.scales.add({ id, name: input.name.trim(), kind: input.kind });
      await this.bands.replace(
        id,
        rows.map((r) => ({ ...r, id: uuidv7(), scaleId: id })),
      );
      await this.audit.record({
        action: 'exams.scale.create',
        targetType: 'grading_scale',
        targetId: id,
        details: { name: input.name.trim(), kind: input.kind, bands: input.bands },
      });
      return this.scaleById(id);
    });
  }

  async replaceScale(id: string, input: GradingScaleDto): Promise<GradingScaleView> {
    await requireStaff(this.students);
    const rows = this.checkScale(input);
    return this.db.transaction(async () => {
      const scale = await this.scales.byId(id);
      if (!scale) throw new NotFoundError('The grading scale');
      if (scale.kind !== input.kind)
        throw new InvalidStructureError('A scale keeps its kind.', [
          { field: 'kind', message: `this scale is ${scale.kind}` },
        ]);
      const other = await this.scales.byName(input.name.trim());
      if (other && other.id !== id)
        throw new ConflictError('A grading scale with this name exists.', ExamsErrorCode.InUse);
      const before = scaleView(scale, await this.bands.ofScales([id]));
      await this.scales.rename(id, input.name.trim());
      await this.bands.replace(
        id,
        rows.map((r) => ({ ...r, id: uuidv7(), scaleId: id })),
      );
      await this.audit.record({
        action: 'exams.scale.update',
        targetType: 'grading_scale',
        targetId: id,
        details: { before: before.bands, after: input.bands },
      });
      return this.scaleById(id);
    });
  }

  private async scaleById(id: string): Promise<GradingScaleView> {
    const scale = await this.scales.byId(id);
    if (!scale) throw new NotFoundError('The grading scale');
    return scaleView(scale, await this.bands.ofScales([id]));
  }
}
