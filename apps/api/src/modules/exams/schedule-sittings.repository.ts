import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { ExamSitting } from './entities/schedule.entities';

@Injectable()
export class ExamSittingsRepository extends TenantScopedRepository<ExamSitting> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, ExamSitting);
  }

  /** The sittings of these papers, by date and start time. */
  ofPapers(paperIds: string[]): Promise<ExamSitting[]> {
    return paperIds.length
      ? this.find({
          where: { paperId: In(paperIds) },
          order: { sitsOn: 'ASC', startsAt: 'ASC', endsAt: 'ASC', id: 'ASC' },
        })
      : Promise.resolve([]);
  }

  /** Replaces the sittings of these papers (an assessment's whole schedule). */
  async replaceForPapers(paperIds: string[], rows: Insertable<ExamSitting>[]): Promise<void> {
    if (paperIds.length) await this.delete({ paperId: In(paperIds) });
    await this.insert(rows);
  }

  /** Adds sittings (the demo seeder). */
  async addMany(rows: Insertable<ExamSitting>[]): Promise<void> {
    await this.insert(rows);
  }

  /**
   * Holds the term's row lock until commit (MySQL), so two schedule saves in one term take turns and each
   * checks its clashes against the other's committed sittings. SQLite transactions already take turns.
   */
  async lockTerm(termId: string): Promise<void> {
    if (this.db.dialect !== 'mysql') return;
    await this.sql('SELECT id FROM exam_terms WHERE tenant_id = ? AND id = ? FOR UPDATE', [termId]);
  }
}
