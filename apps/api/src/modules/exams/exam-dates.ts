import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { ExamSitting } from './entities/schedule.entities';

/** One exam sitting on a date, with its assessment and paper: what the school calendar shows. */
export interface ExamDateSitting {
  assessmentId: string;
  assessmentName: string;
  sitsOn: string;
  startsAt: string;
  endsAt: string;
  classId: string;
  /** Null: every section of the class sits it together. */
  sectionId: string | null;
  subjectId: string;
}

interface Row {
  assessment_id: string;
  assessment_name: string;
  sits_on: string;
  starts_at: string;
  ends_at: string;
  class_id: string;
  section_id: string | null;
  subject_id: string;
}

@Injectable()
export class ExamDatesRepository extends TenantScopedRepository<ExamSitting> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, ExamSitting);
  }

  /** Sittings dated `from..to` with their paper and assessment, by date and time (one query). */
  async between(from: string, to: string): Promise<ExamDateSitting[]> {
    const rows = await this.sql<Row[]>(
      `SELECT a.id AS assessment_id, a.name AS assessment_name, s.sits_on, s.starts_at, s.ends_at,
              p.class_id, s.section_id, p.subject_id
         FROM exam_sittings s
         JOIN assessment_papers p ON p.tenant_id = s.tenant_id AND p.id = s.paper_id
         JOIN assessments a ON a.tenant_id = p.tenant_id AND a.id = p.assessment_id
        WHERE s.tenant_id = ? AND s.sits_on >= ? AND s.sits_on <= ?
        ORDER BY s.sits_on, s.starts_at, s.ends_at, s.id`,
      [from, to],
    );
    return rows.map((r) => ({
      assessmentId: r.assessment_id,
      assessmentName: r.assessment_name,
      sitsOn: r.sits_on,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      classId: r.class_id,
      sectionId: r.section_id,
      subjectId: r.subject_id,
    }));
  }
}

/**
 * The dates of the exam schedule, for modules above exams (the school calendar): read from the sittings,
 * never copied, so the calendar always shows what the schedule says.
 */
@Injectable()
export class ExamDates {
  constructor(private readonly rows: ExamDatesRepository) {}

  /** Sittings from `from` to `to`; the caller bounds the range. */
  between(from: string, to: string): Promise<ExamDateSitting[]> {
    return this.rows.between(from, to);
  }
}
