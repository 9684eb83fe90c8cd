import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Mark } from './entities/exams.entities';

/** What the report cards read besides the results and the sheets: past years' classes. */

/** The class and section a student sat exams in, per academic year, read from their marks. */
export interface ExamClassOfYear {
  academicYearId: string;
  classId: string;
  sectionId: string;
}

@Injectable()
export class StudentExamClassesRepository extends TenantScopedRepository<Mark> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Mark);
  }

  /**
   * For past years (the enrolment of this year is the students module's): the class and section of the
   * sheets holding the student's marks, per academic year, in one statement.
   */
  async ofStudent(studentId: string): Promise<ExamClassOfYear[]> {
    const rows = await this.sql<{ academic_year_id: string; class_id: string; section_id: string }[]>(
      `SELECT DISTINCT t.academic_year_id, p.class_id, s.section_id
       FROM marks m
       JOIN mark_sheets s ON s.tenant_id = m.tenant_id AND s.id = m.sheet_id
       JOIN assessment_papers p ON p.tenant_id = m.tenant_id AND p.id = s.paper_id
       JOIN assessments a ON a.tenant_id = m.tenant_id AND a.id = p.assessment_id
       JOIN exam_terms t ON t.tenant_id = m.tenant_id AND t.id = a.term_id
       WHERE m.tenant_id = ? AND m.student_id = ?`,
      [studentId],
    );
    return rows.map((r) => ({
      academicYearId: r.academic_year_id,
      classId: r.class_id,
      sectionId: r.section_id,
    }));
  }
}
