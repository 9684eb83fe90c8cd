import { Injectable } from '@nestjs/common';
import type { CoScholasticAreaView } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ConflictError, NotFoundError } from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import { ExamsErrorCode, InvalidStructureError } from './exams.errors';
import { CoScholasticAreasRepository, GradingScalesRepository } from './exams.repository';
import { requireStaff } from './structure.service';

/** Co-scholastic areas (art, sports, conduct): school staff add them, each graded on a co-scholastic scale. */
@Injectable()
export class CoScholasticAreasService {
  constructor(
    private readonly db: Database,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly scales: GradingScalesRepository,
    private readonly areas: CoScholasticAreasRepository,
  ) {}

  async addArea(input: { name: string; sortOrder?: number; scaleId: string }): Promise<CoScholasticAreaView> {
    await requireStaff(this.students);
    const scale = await this.scales.byId(input.scaleId);
    if (!scale) throw new NotFoundError('The grading scale');
    if (scale.kind !== 'co_scholastic')
      throw new InvalidStructureError('Co-scholastic areas are graded on a co-scholastic scale.', [
        { field: 'scaleId', message: 'not a co-scholastic scale' },
      ]);
    const id = uuidv7();
    return this.db.transaction(async () => {
      if (await this.areas.byName(input.name.trim()))
        throw new ConflictError('A co-scholastic area with this name exists.', ExamsErrorCode.InUse);
      const row = { id, name: input.name.trim(), sortOrder: input.sortOrder ?? 0, scaleId: scale.id };
      await this.areas.add([row]);
      await this.audit.record({
        action: 'exams.area.create',
        targetType: 'co_scholastic_area',
        targetId: id,
        details: { name: row.name, scaleId: row.scaleId },
      });
      return row;
    });
  }
}
