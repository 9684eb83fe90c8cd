import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { sqlTimestamp } from '../../platform/database/transformers';
import { upsertClause } from '../../platform/database/upsert-clause';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Mark, MarkStatus, ResultPublication } from './entities/exams.entities';

/** One stored cell with the paper and section of its sheet. */
export interface PaperMarkRow {
  paperId: string;
  sectionId: string;
  studentId: string;
  componentCode: string;
  status: MarkStatus;
  marksCenti: number | null;
}

/** The marks the results read: a whole class's or one student's cells of a set of papers, one statement. */
@Injectable()
export class ResultMarksRepository extends TenantScopedRepository<Mark> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Mark);
  }

  /**
   * Every cell of these papers' sheets (all sections of the class, or one student's), joined to their
   * sheets: one statement however many students, sections or papers (a term has a few dozen papers).
   */
  async ofPapers(paperIds: string[], studentId?: string): Promise<PaperMarkRow[]> {
    if (!paperIds.length) return [];
    const rows = await this.sql<
      {
        paper_id: string;
        section_id: string;
        student_id: string;
        component_code: string;
        status: MarkStatus;
        marks_centi: number | string | null;
      }[]
    >(
      `SELECT s.paper_id, s.section_id, m.student_id, m.component_code, m.status, m.marks_centi
       FROM marks m JOIN mark_sheets s ON s.tenant_id = m.tenant_id AND s.id = m.sheet_id
       WHERE m.tenant_id = ? AND s.paper_id IN (${paperIds.map(() => '?').join(', ')})${studentId ? ' AND m.student_id = ?' : ''}`,
      studentId ? [...paperIds, studentId] : paperIds,
    );
    return rows.map((r) => ({
      paperId: r.paper_id,
      sectionId: r.section_id,
      studentId: r.student_id,
      componentCode: r.component_code,
      status: r.status,
      marksCenti: r.marks_centi === null ? null : Number(r.marks_centi),
    }));
  }
}

/** Publications of term results per class: who may see them (parents) and which version was announced. */
@Injectable()
export class PublicationsRepository extends TenantScopedRepository<ResultPublication> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, ResultPublication);
  }

  /** The live publications of a class among these terms (published and not withdrawn). */
  async liveFor(classId: string, termIds: string[]): Promise<ResultPublication[]> {
    if (!termIds.length) return [];
    return (await this.find({ where: { classId, termId: In(termIds) } })).filter((p) => !p.unpublishedAt);
  }

  byTermAndClass(termId: string, classId: string): Promise<ResultPublication | null> {
    return this.findOneBy({ termId, classId });
  }

  /**
   * Publishes (version 1) or re-publishes (version + 1, clearing a withdrawal) in one statement, then
   * reads the row back inside the caller's transaction: the version names the announcement.
   */
  async publish(termId: string, classId: string, by: string | null, at: Date): Promise<ResultPublication> {
    const stamp = sqlTimestamp(at, this.db.dialect);
    const incoming = (c: string) => (this.db.dialect === 'mysql' ? `VALUES(${c})` : `excluded.${c}`);
    const update = upsertClause(this.db.dialect, ['tenant_id', 'term_id', 'class_id'], {
      version: 'version + 1',
      published_at: incoming('published_at'),
      published_by: incoming('published_by'),
      unpublished_at: 'NULL',
    });
    await this.sql(
      `INSERT INTO result_publications (tenant_id, term_id, class_id, published_at, published_by, version, unpublished_at) VALUES (?, ?, ?, ?, ?, 1, NULL) ${update}`,
      [termId, classId, stamp, by],
    );
    return (await this.byTermAndClass(termId, classId))!;
  }

  /** Withdraws a live publication; answers whether there was one. */
  async unpublish(termId: string, classId: string, at: Date): Promise<boolean> {
    const live = await this.byTermAndClass(termId, classId);
    if (!live || live.unpublishedAt) return false;
    await this.update({ termId, classId }, { unpublishedAt: at });
    return true;
  }
}
