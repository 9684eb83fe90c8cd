import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { sqlTimestamp } from '../../platform/database/transformers';
import { upsertClause } from '../../platform/database/upsert-clause';
import { RequestContext } from '../../platform/tenancy/request-context';
import {
  Assessment,
  AssessmentPaper,
  CoScholasticArea,
  CoScholasticGrade,
  ExamRemark,
  ExamTerm,
  GradingBandRow,
  GradingScale,
  Mark,
  MarkStatus,
  MarkSheet,
  PaperComponent,
  ResultPublication,
} from './entities/exams.entities';

@Injectable()
export class GradingScalesRepository extends TenantScopedRepository<GradingScale> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, GradingScale);
  }
  all(): Promise<GradingScale[]> {
    return this.find({ order: { name: 'ASC' } });
  }
  byId(id: string): Promise<GradingScale | null> {
    return this.findOneBy({ id });
  }
  byName(name: string): Promise<GradingScale | null> {
    return this.findOneBy({ name });
  }
  async add(row: Insertable<GradingScale>): Promise<void> {
    await this.insert(row);
  }
  async rename(id: string, name: string): Promise<void> {
    await this.update({ id }, { name });
  }
}

@Injectable()
export class GradingBandsRepository extends TenantScopedRepository<GradingBandRow> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, GradingBandRow);
  }
  ofScales(scaleIds: string[]): Promise<GradingBandRow[]> {
    return scaleIds.length
      ? this.find({ where: { scaleId: In(scaleIds) }, order: { sortOrder: 'ASC', minPercentCenti: 'DESC' } })
      : Promise.resolve([]);
  }
  /** Replaces a scale's bands. */
  async replace(scaleId: string, rows: Insertable<GradingBandRow>[]): Promise<void> {
    await this.delete({ scaleId });
    await this.insert(rows);
  }
}

@Injectable()
export class ExamTermsRepository extends TenantScopedRepository<ExamTerm> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, ExamTerm);
  }
  ofYear(academicYearId: string): Promise<ExamTerm[]> {
    return this.find({ where: { academicYearId }, order: { sortOrder: 'ASC', startsOn: 'ASC' } });
  }
  byId(id: string): Promise<ExamTerm | null> {
    return this.findOneBy({ id });
  }
  async add(row: Insertable<ExamTerm>): Promise<void> {
    await this.insert(row);
  }
  async change(id: string, patch: Partial<Omit<ExamTerm, 'tenantId' | 'id'>>): Promise<void> {
    await this.update({ id }, patch);
  }
  remove(id: string): Promise<number> {
    return this.delete({ id });
  }
}

@Injectable()
export class AssessmentsRepository extends TenantScopedRepository<Assessment> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Assessment);
  }
  ofTerms(termIds: string[]): Promise<Assessment[]> {
    return termIds.length
      ? this.find({ where: { termId: In(termIds) }, order: { sortOrder: 'ASC', code: 'ASC' } })
      : Promise.resolve([]);
  }
  byId(id: string): Promise<Assessment | null> {
    return this.findOneBy({ id });
  }
  async add(row: Insertable<Assessment>): Promise<void> {
    await this.insert(row);
  }
  async change(id: string, patch: Partial<Omit<Assessment, 'tenantId' | 'id'>>): Promise<void> {
    await this.update({ id }, patch);
  }
  remove(id: string): Promise<number> {
    return this.delete({ id });
  }
}

@Injectable()
export class PapersRepository extends TenantScopedRepository<AssessmentPaper> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, AssessmentPaper);
  }
  ofAssessments(assessmentIds: string[]): Promise<AssessmentPaper[]> {
    return assessmentIds.length
      ? this.find({ where: { assessmentId: In(assessmentIds) } })
      : Promise.resolve([]);
  }
  byId(id: string): Promise<AssessmentPaper | null> {
    return this.findOneBy({ id });
  }
  bySlot(assessmentId: string, classId: string, subjectId: string): Promise<AssessmentPaper | null> {
    return this.findOneBy({ assessmentId, classId, subjectId });
  }
  async add(rows: Insertable<AssessmentPaper>[]): Promise<void> {
    await this.insert(rows);
  }
  async change(id: string, patch: Pick<AssessmentPaper, 'maxMarksCenti' | 'passMarksCenti'>): Promise<void> {
    await this.update({ id }, patch);
  }
}

@Injectable()
export class PaperComponentsRepository extends TenantScopedRepository<PaperComponent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PaperComponent);
  }
  ofPapers(paperIds: string[]): Promise<PaperComponent[]> {
    return paperIds.length
      ? this.find({ where: { paperId: In(paperIds) }, order: { sortOrder: 'ASC' } })
      : Promise.resolve([]);
  }
  async replace(paperId: string, rows: Insertable<PaperComponent>[]): Promise<void> {
    await this.delete({ paperId });
    await this.insert(rows);
  }
  async add(rows: Insertable<PaperComponent>[]): Promise<void> {
    await this.insert(rows);
  }
}

@Injectable()
export class CoScholasticAreasRepository extends TenantScopedRepository<CoScholasticArea> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, CoScholasticArea);
  }
  all(): Promise<CoScholasticArea[]> {
    return this.find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  }
  byName(name: string): Promise<CoScholasticArea | null> {
    return this.findOneBy({ name });
  }
  async add(rows: Insertable<CoScholasticArea>[]): Promise<void> {
    await this.insert(rows);
  }
}

/** A sheet's row as the marks hot path reads it. */
export type SheetState = Pick<MarkSheet, 'id' | 'status' | 'version' | 'submittedAt' | 'submittedBy'>;

@Injectable()
export class MarkSheetsRepository extends TenantScopedRepository<MarkSheet> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, MarkSheet);
  }

  bySlot(paperId: string, sectionId: string): Promise<MarkSheet | null> {
    return this.findOneBy({ paperId, sectionId });
  }

  ofPapers(paperIds: string[]): Promise<MarkSheet[]> {
    return paperIds.length ? this.find({ where: { paperId: In(paperIds) } }) : Promise.resolve([]);
  }

  /**
   * Creates the sheet when missing, or touches it: either way this transaction holds the sheet's row lock
   * until commit (MySQL), so two saves of one grid run one after the other. SQLite transactions already
   * take turns. Answers the sheet as it is under the lock.
   */
  async lockSlot(paperId: string, sectionId: string, newId: string): Promise<SheetState> {
    const touch = upsertClause(this.db.dialect, ['tenant_id', 'paper_id', 'section_id'], {
      version: 'version',
    });
    await this.sql(
      `INSERT INTO mark_sheets (tenant_id, id, paper_id, section_id, status, version) VALUES (?, ?, ?, ?, 'draft', 0) ${touch}`,
      [newId, paperId, sectionId],
    );
    const [row] = await this.sql<
      {
        id: string;
        status: MarkSheet['status'];
        version: number | string;
        submitted_at: Date | string | null;
        submitted_by: string | null;
      }[]
    >(
      'SELECT id, status, version, submitted_at, submitted_by FROM mark_sheets WHERE tenant_id = ? AND paper_id = ? AND section_id = ?',
      [paperId, sectionId],
    );
    return {
      id: row!.id,
      status: row!.status,
      version: Number(row!.version),
      submittedAt: row!.submitted_at ? new Date(row!.submitted_at) : null,
      submittedBy: row!.submitted_by,
    };
  }

  async saved(id: string, version: number, enteredBy: string | null, at: Date): Promise<void> {
    await this.update({ id }, { version, enteredBy, updatedAt: at });
  }

  async submit(id: string, version: number, by: string | null, at: Date): Promise<void> {
    await this.update(
      { id },
      { status: 'submitted', version, submittedBy: by, submittedAt: at, updatedAt: at },
    );
  }

  /** Inserts whole sheets (demo seed); existing ones are left alone. */
  async addMany(rows: Insertable<MarkSheet>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.insert(rows.slice(i, i + 500));
  }

  /** Per sheet of these papers: its status and how many students have at least one cell. */
  async progress(
    paperIds: string[],
  ): Promise<{ paperId: string; sectionId: string; status: string; entered: number }[]> {
    if (!paperIds.length) return [];
    const marks = paperIds.map(() => '?').join(', ');
    const rows = await this.sql<
      { paper_id: string; section_id: string; status: string; entered: number | string }[]
    >(
      `SELECT s.paper_id, s.section_id, s.status, COUNT(DISTINCT m.student_id) AS entered
       FROM mark_sheets s LEFT JOIN marks m ON m.tenant_id = s.tenant_id AND m.sheet_id = s.id
       WHERE s.tenant_id = ? AND s.paper_id IN (${marks})
       GROUP BY s.paper_id, s.section_id, s.status`,
      paperIds,
    );
    return rows.map((r) => ({
      paperId: r.paper_id,
      sectionId: r.section_id,
      status: r.status,
      entered: Number(r.entered),
    }));
  }
}

export type MarkRow = Pick<Mark, 'studentId' | 'componentCode' | 'status' | 'marksCenti'>;

/** One stored cell with the paper and section of its sheet. */
export interface PaperMarkRow {
  paperId: string;
  sectionId: string;
  studentId: string;
  componentCode: string;
  status: MarkStatus;
  marksCenti: number | null;
}

@Injectable()
export class MarksRepository extends TenantScopedRepository<Mark> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Mark);
  }

  /** A sheet's marks as plain rows (the grid read and the save's diff). */
  async ofSheet(sheetId: string): Promise<MarkRow[]> {
    const rows = await this.sql<
      { student_id: string; component_code: string; status: Mark['status']; marks_centi: number | null }[]
    >(
      'SELECT student_id, component_code, status, marks_centi FROM marks WHERE tenant_id = ? AND sheet_id = ?',
      [sheetId],
    );
    return rows.map((r) => ({
      studentId: r.student_id,
      componentCode: r.component_code,
      status: r.status,
      marksCenti: r.marks_centi === null ? null : Number(r.marks_centi),
    }));
  }

  /** A sheet's cells, written with one multi-row INSERT ... ON CONFLICT/ON DUPLICATE KEY per 500 cells. */
  upsertMany(sheetId: string, rows: MarkRow[], by: string | null, at: Date): Promise<void> {
    return this.insertMany(
      rows.map((r) => ({ ...r, sheetId })),
      by,
      at,
    );
  }

  /** Cells of any sheets (the demo seed writes many at once): one statement per 500 cells. */
  async insertMany(rows: (MarkRow & { sheetId: string })[], by: string | null, at: Date): Promise<void> {
    const columns =
      'tenant_id, sheet_id, student_id, component_code, status, marks_centi, updated_by, updated_at';
    const onConflict = upsertClause(
      this.db.dialect,
      ['tenant_id', 'sheet_id', 'student_id', 'component_code'],
      ['status', 'marks_centi', 'updated_by', 'updated_at'],
    );
    const stamp = sqlTimestamp(at, this.db.dialect);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const tenantId = this.tenantId;
      const values = chunk.flatMap((r, k) => [
        ...(k === 0 ? [] : [tenantId]),
        r.sheetId,
        r.studentId,
        r.componentCode,
        r.status,
        r.marksCenti,
        by,
        stamp,
      ]);
      await this.sql(
        `INSERT INTO marks (${columns}) VALUES ${TenantScopedRepository.rowsOf(chunk.length, 8)} ${onConflict}`,
        values,
      );
    }
  }

  /** Clears cells (back to not entered). */
  async clear(sheetId: string, cells: { studentId: string; componentCode: string }[]): Promise<void> {
    for (const c of cells)
      await this.delete({ sheetId, studentId: c.studentId, componentCode: c.componentCode });
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

@Injectable()
export class ResultPublicationsRepository extends TenantScopedRepository<ResultPublication> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, ResultPublication);
  }
  ofTerm(termId: string): Promise<ResultPublication[]> {
    return this.find({ where: { termId } });
  }
  /** Publishes (demo seed): existing rows are kept. */
  async addMany(rows: Insertable<ResultPublication>[]): Promise<void> {
    await this.insert(rows);
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

/** Co-scholastic grades: the class teacher's sheet, the demo seed and the report cards. */
@Injectable()
export class CoScholasticGradesRepository extends TenantScopedRepository<CoScholasticGrade> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, CoScholasticGrade);
  }
  async addMany(rows: Insertable<CoScholasticGrade>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.insert(rows.slice(i, i + 500));
  }
  /** The grades of these students in these terms (one section's grid, or report cards), one statement. */
  ofStudents(termIds: string[], studentIds: string[]): Promise<CoScholasticGrade[]> {
    if (!termIds.length || !studentIds.length) return Promise.resolve([]);
    return this.find({ where: { termId: In(termIds), studentId: In(studentIds) } });
  }
  /** New grades; one a concurrent save wrote meanwhile is overwritten rather than refused. */
  async put(rows: Insertable<CoScholasticGrade>[]): Promise<void> {
    await this.upsert(rows, ['termId', 'areaId', 'studentId']);
  }
  async change(termId: string, areaId: string, studentId: string, grade: string, by: string | null) {
    await this.update({ termId, areaId, studentId }, { grade, updatedBy: by });
  }
  async remove(termId: string, areaId: string, studentId: string): Promise<void> {
    await this.delete({ termId, areaId, studentId });
  }
}

/** Class teachers' remarks: their sheet, the demo seed and the report cards. */
@Injectable()
export class ExamRemarksRepository extends TenantScopedRepository<ExamRemark> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, ExamRemark);
  }
  async addMany(rows: Insertable<ExamRemark>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.insert(rows.slice(i, i + 500));
  }
  /** The remarks on these students in these terms (one section's sheet, or report cards), one statement. */
  ofStudents(termIds: string[], studentIds: string[]): Promise<ExamRemark[]> {
    if (!termIds.length || !studentIds.length) return Promise.resolve([]);
    return this.find({ where: { termId: In(termIds), studentId: In(studentIds) } });
  }
  /** New remarks; one a concurrent save wrote meanwhile is overwritten rather than refused. */
  async put(rows: Insertable<ExamRemark>[]): Promise<void> {
    await this.upsert(rows, ['termId', 'studentId']);
  }
  async change(termId: string, studentId: string, remark: string, by: string | null, at: Date) {
    await this.update({ termId, studentId }, { remark, remarkedBy: by, updatedAt: at });
  }
  async remove(termId: string, studentId: string): Promise<void> {
    await this.delete({ termId, studentId });
  }
}
