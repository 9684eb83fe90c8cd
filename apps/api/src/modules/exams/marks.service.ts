import { Injectable } from '@nestjs/common';
import {
  Permission,
  TOTAL_COLUMN,
  type MarkCellValue,
  type MarksGridColumn,
  type MarksGridView,
  type SaveMarksResult,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import type { ErrorDetail } from '@shala/contracts';
import { NotFoundError, RuleViolationError, ValidationFailedError } from '../../platform/errors/domain-error';
import { Clock } from '../../platform/time/clock';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AcademicsService } from '../academics/academics.service';
import type { Section } from '../academics/entities/academics.entities';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import { Assessment, AssessmentPaper, ExamTerm } from './entities/exams.entities';
import { ExamsErrorCode, ModerationNotPermittedError, NotSubjectTeacherError } from './exams.errors';
import {
  AssessmentsRepository,
  ExamTermsRepository,
  MarkRow,
  MarkSheetsRepository,
  MarksRepository,
  PaperComponentsRepository,
  PapersRepository,
  SheetState,
} from './exams.repository';
import { ParsedCell, cellValue, parseCell } from './mark-cells';
import { rosterRows } from './section-rows';

export interface MarksRowInput {
  studentId: string;
  cells: Record<string, unknown>;
}

interface SheetContext {
  paper: AssessmentPaper;
  assessment: Assessment;
  term: ExamTerm;
  section: Section;
  columns: { code: string; maxCenti: number }[];
}

/** A change to one cell: null on either side is "not entered". */
interface CellChange {
  studentId: string;
  code: string;
  before: ParsedCell | null;
  after: ParsedCell | null;
}

/** A grid has at most 200 rows of 3 columns; a body with more junk is answered with its first problems. */
const MAX_DETAILS = 600;

const keyOf = (studentId: string, code: string) => `${studentId}/${code}`;
const shown = (c: ParsedCell | null): MarkCellValue =>
  c === null ? null : cellValue({ status: c.status, marksCenti: c.centi });

/**
 * Marks entry: one grid per paper (assessment x class x subject) and section. The subject's teacher in the
 * section (or school staff) saves the grid whole in one idempotent transaction; every cell is checked
 * before anything is written. Submitting locks the sheet; after that only a holder of exams.moderate may
 * change it, with a reason, and the audit event carries each changed student's cells before and after.
 */
@Injectable()
export class MarksService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly papers: PapersRepository,
    private readonly components: PaperComponentsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly terms: ExamTermsRepository,
    private readonly sheets: MarkSheetsRepository,
    private readonly marks: MarksRepository,
  ) {}

  /**
   * The paper and section, if the caller may reach them: staff everywhere; a teacher only in sections they
   * teach (others answer 404, as attendance does), and there only the subject they are assigned to (403) —
   * the class teacher may read every subject's grid of their section.
   */
  private async sheetContext(paperId: string, sectionId: string, write: boolean): Promise<SheetContext> {
    const paper = await this.papers.byId(paperId);
    if (!paper) throw new NotFoundError('The paper');
    const section = await this.academics.section(sectionId);
    if (section.classId !== paper.classId) throw new NotFoundError('The section');
    const scope = await this.students.scope();
    if (scope.kind === 'students') throw new NotFoundError('The section');
    if (scope.kind === 'sections') {
      if (!scope.sectionIds.includes(sectionId)) throw new NotFoundError('The section');
      const userId = this.context.userId;
      const teaches = (await this.academics.currentAssignments()).some(
        (a) => a.sectionId === sectionId && a.subjectId === paper.subjectId && a.teacherUserId === userId,
      );
      if (!teaches && (write || section.classTeacherUserId !== userId)) throw new NotSubjectTeacherError();
    }
    const assessment = (await this.assessments.byId(paper.assessmentId))!;
    const term = (await this.terms.byId(assessment.termId))!;
    const components = await this.components.ofPapers([paper.id]);
    const columns = components.length
      ? components.map((c) => ({ code: c.code as string, maxCenti: c.maxMarksCenti }))
      : [{ code: TOTAL_COLUMN, maxCenti: paper.maxMarksCenti }];
    return { paper, assessment, term, section, columns };
  }

  async grid(paperId: string, sectionId: string): Promise<MarksGridView> {
    const ctx = await this.sheetContext(paperId, sectionId, false);
    const [roster, sheet] = await Promise.all([
      this.students.sectionRoster(sectionId, ctx.term.academicYearId),
      this.sheets.bySlot(paperId, sectionId),
    ]);
    const rows = sheet ? await this.marks.ofSheet(sheet.id) : [];
    const byKey = new Map(rows.map((r) => [keyOf(r.studentId, r.componentCode), r]));
    return {
      paperId,
      sectionId,
      assessmentId: ctx.paper.assessmentId,
      subjectId: ctx.paper.subjectId,
      maxMarks: ctx.paper.maxMarksCenti / 100,
      passMarks: ctx.paper.passMarksCenti / 100,
      status: sheet?.status ?? 'draft',
      version: sheet?.version ?? 0,
      submittedAt: sheet?.submittedAt ? new Date(sheet.submittedAt).toISOString() : null,
      submittedBy: sheet?.submittedBy ?? null,
      columns: ctx.columns.map((c): MarksGridColumn => ({ code: c.code, maxMarks: c.maxCenti / 100 })),
      rows: roster.map((r) => ({
        ...r,
        cells: Object.fromEntries(
          ctx.columns.map((c) => {
            const m = byKey.get(keyOf(r.studentId, c.code));
            return [c.code, m ? cellValue(m) : null];
          }),
        ),
      })),
    };
  }

  /** Marks are entered for the current academic year's exams, whose rosters the sections hold. */
  private async requireCurrentYear(term: ExamTerm): Promise<void> {
    const year = await this.academics.findCurrentYear();
    if (year?.id !== term.academicYearId)
      throw new RuleViolationError(
        "Marks are entered for the current academic year's exams only.",
        ExamsErrorCode.NotCurrentYear,
      );
  }

  /**
   * Checks every row and cell before anything is written: a bad cell names the student and the column,
   * a student not enrolled in the section is named, and nothing is saved (400).
   */
  private async parseRows(
    ctx: SheetContext,
    rows: MarksRowInput[],
  ): Promise<{ studentId: string; code: string; cell: ParsedCell | null }[]> {
    const roster = new Map(
      (await this.students.sectionRoster(ctx.section.id, ctx.term.academicYearId)).map(
        (r) => [r.studentId, r.fullName] as const,
      ),
    );
    const columns = new Map(ctx.columns.map((c) => [c.code, c.maxCenti]));
    const details: ErrorDetail[] = [];
    const out: { studentId: string; code: string; cell: ParsedCell | null }[] = [];
    for (const { row, index: i, name } of rosterRows(roster, rows, details)) {
      for (const [code, value] of Object.entries(row.cells)) {
        const max = columns.get(code);
        const at = {
          field: `rows.${i}.cells.${code}`,
          studentId: row.studentId,
          studentName: name,
          column: code,
        };
        if (max === undefined) {
          details.push({
            ...at,
            message: `${name}: this paper has no column "${code}" (columns: ${[...columns.keys()].join(', ')})`,
          });
          continue;
        }
        if (value === null) {
          out.push({ studentId: row.studentId, code, cell: null });
          continue;
        }
        const parsed = parseCell(value, max);
        if ('error' in parsed)
          details.push({
            ...at,
            message: `${name}, ${code}: ${JSON.stringify(value)} is not valid: ${parsed.error}`,
          });
        else out.push({ studentId: row.studentId, code, cell: parsed });
      }
    }
    if (details.length)
      throw new ValidationFailedError(
        details.slice(0, MAX_DETAILS),
        `${details.length} problem(s) in the marks; nothing was saved.`,
      );
    return out;
  }

  async save(
    paperId: string,
    sectionId: string,
    input: { rows: MarksRowInput[]; reason?: string | null },
  ): Promise<SaveMarksResult> {
    const ctx = await this.sheetContext(paperId, sectionId, true);
    await this.requireCurrentYear(ctx.term);
    const cells = await this.parseRows(ctx, input.rows);
    // A deadlock victim runs again from the top: the marks are re-read under the sheet's lock.
    return this.db.transaction(() => this.write(ctx, cells, input.reason), { retryOnDeadlock: true });
  }

  /** One attempt at a save, inside its transaction, holding the sheet's row lock. */
  private async write(
    ctx: SheetContext,
    cells: { studentId: string; code: string; cell: ParsedCell | null }[],
    reason: string | null | undefined,
  ): Promise<SaveMarksResult> {
    const userId = this.context.userId;
    const sheet = await this.sheets.lockSlot(ctx.paper.id, ctx.section.id, uuidv7());
    const existing = new Map(
      (await this.marks.ofSheet(sheet.id)).map((m) => [
        keyOf(m.studentId, m.componentCode),
        (m.status === 'marks'
          ? { status: 'marks', centi: m.marksCenti ?? 0 }
          : { status: m.status, centi: null }) as ParsedCell,
      ]),
    );
    const changes: CellChange[] = [];
    for (const c of cells) {
      const before = existing.get(keyOf(c.studentId, c.code)) ?? null;
      const same =
        before === null
          ? c.cell === null
          : c.cell !== null && before.status === c.cell.status && before.centi === c.cell.centi;
      if (!same) changes.push({ studentId: c.studentId, code: c.code, before, after: c.cell });
    }
    const result = (version: number, changed: number, moderated: boolean): SaveMarksResult => ({
      paperId: ctx.paper.id,
      sectionId: ctx.section.id,
      status: sheet.status,
      version,
      changed,
      moderated,
    });
    if (changes.length === 0) return result(sheet.version, 0, false);

    const moderated = sheet.status === 'submitted';
    if (moderated) {
      if (!reason?.trim())
        throw new RuleViolationError(
          'These marks are submitted; give a reason for the change.',
          ExamsErrorCode.ReasonRequired,
          [{ field: 'reason', message: 'required to change submitted marks' }],
        );
      if (!this.context.permissions.includes(Permission.ExamsModerate))
        throw new ModerationNotPermittedError();
    }
    const at = this.clock.now();
    const upserts: MarkRow[] = changes
      .filter((c) => c.after !== null)
      .map((c) => ({
        studentId: c.studentId,
        componentCode: c.code,
        status: c.after!.status,
        marksCenti: c.after!.centi,
      }));
    await this.marks.upsertMany(sheet.id, upserts, userId, at);
    await this.marks.clear(
      sheet.id,
      changes.filter((c) => c.after === null).map((c) => ({ studentId: c.studentId, componentCode: c.code })),
    );
    const version = sheet.version + 1;
    await this.sheets.saved(sheet.id, version, userId, at);
    await this.audit.record(
      moderated
        ? {
            action: 'exams.marks.moderate',
            targetType: 'mark_sheet',
            targetId: sheet.id,
            details: {
              paperId: ctx.paper.id,
              sectionId: ctx.section.id,
              reason: reason!.trim(),
              changes: this.byStudent(changes),
            },
          }
        : {
            action: 'exams.marks.save',
            targetType: 'mark_sheet',
            targetId: sheet.id,
            details: {
              paperId: ctx.paper.id,
              sectionId: ctx.section.id,
              version,
              created: changes.filter((c) => c.before === null).length,
              changed: changes.filter((c) => c.before !== null && c.after !== null).length,
              cleared: changes.filter((c) => c.after === null).length,
            },
          },
    );
    return result(version, changes.length, moderated);
  }

  /** Each changed student's cells before and after, for the moderation audit. */
  private byStudent(changes: CellChange[]) {
    const out = new Map<
      string,
      { studentId: string; before: Record<string, MarkCellValue>; after: Record<string, MarkCellValue> }
    >();
    for (const c of changes) {
      const entry = out.get(c.studentId) ?? { studentId: c.studentId, before: {}, after: {} };
      entry.before[c.code] = shown(c.before);
      entry.after[c.code] = shown(c.after);
      out.set(c.studentId, entry);
    }
    return [...out.values()];
  }

  /**
   * Submits (locks) the sheet. Every enrolled student needs every cell (marks, AB, EX or ML) first.
   * Submitting a submitted sheet changes nothing.
   */
  async submit(paperId: string, sectionId: string): Promise<SaveMarksResult> {
    const ctx = await this.sheetContext(paperId, sectionId, true);
    await this.requireCurrentYear(ctx.term);
    const roster = await this.students.sectionRoster(sectionId, ctx.term.academicYearId);
    return this.db.transaction(
      async () => {
        const sheet: SheetState = await this.sheets.lockSlot(paperId, sectionId, uuidv7());
        const done = (version: number): SaveMarksResult => ({
          paperId,
          sectionId,
          status: 'submitted',
          version,
          changed: 0,
          moderated: false,
        });
        if (sheet.status === 'submitted') return done(sheet.version);
        const entered = new Set(
          (await this.marks.ofSheet(sheet.id)).map((m) => keyOf(m.studentId, m.componentCode)),
        );
        const missing = roster.filter((r) =>
          ctx.columns.some((c) => !entered.has(keyOf(r.studentId, c.code))),
        );
        if (missing.length)
          throw new RuleViolationError(
            `${missing.length} student(s) have cells not entered; enter marks, AB, EX or ML for everyone first.`,
            ExamsErrorCode.MarksIncomplete,
            missing.slice(0, 50).map((r) => ({
              field: 'rows',
              studentId: r.studentId,
              studentName: r.fullName,
              message: `${r.fullName} has cells not entered`,
            })),
          );
        const version = sheet.version + 1;
        await this.sheets.submit(sheet.id, version, this.context.userId, this.clock.now());
        await this.audit.record({
          action: 'exams.marks.submit',
          targetType: 'mark_sheet',
          targetId: sheet.id,
          details: { paperId, sectionId, version, students: roster.length },
        });
        return done(version);
      },
      { retryOnDeadlock: true },
    );
  }
}
