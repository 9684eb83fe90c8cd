import { Injectable } from '@nestjs/common';
import type { PaperView } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ConflictError, NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import type { PaperDto } from './dto/exams.dto';
import { ExamsErrorCode, InvalidStructureError } from './exams.errors';
import {
  AssessmentsRepository,
  MarkSheetsRepository,
  MarksRepository,
  PaperComponentsRepository,
  PapersRepository,
} from './exams.repository';
import { toCenti } from './mark-cells';
import { type Detail, paperView, requireStaff } from './structure.service';

/**
 * Papers of an assessment, one per class and subject, with maximum and pass marks (optionally split into
 * components). School staff create or change them; a paper with marks keeps its columns and its entered
 * marks must still fit. Every change is audited in the same transaction.
 */
@Injectable()
export class PapersService {
  constructor(
    private readonly db: Database,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly components: PaperComponentsRepository,
    private readonly sheets: MarkSheetsRepository,
    private readonly marks: MarksRepository,
  ) {}

  /** Creates or changes papers of an assessment, one per class and subject. */
  async savePapers(assessmentId: string, input: PaperDto[]): Promise<PaperView[]> {
    await requireStaff(this.students);
    const assessment = await this.assessments.byId(assessmentId);
    if (!assessment) throw new NotFoundError('The assessment');
    const [classes, subjects] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSubjects(),
    ]);
    const classIds = new Set(classes.map((c) => c.id));
    const subjectIds = new Set(subjects.map((s) => s.id));
    for (const p of input) {
      if (!classIds.has(p.classId)) throw new NotFoundError('The class');
      if (!subjectIds.has(p.subjectId)) throw new NotFoundError('The subject');
    }
    const problems: Detail[] = [];
    const slots = new Set<string>();
    input.forEach((p, i) => {
      const max = toCenti(p.maxMarks);
      if (toCenti(p.passMarks) > max)
        problems.push({
          field: `papers.${i}.passMarks`,
          message: `at most the maximum marks (${p.maxMarks})`,
        });
      const slot = `${p.classId}/${p.subjectId}`;
      if (slots.has(slot))
        problems.push({ field: `papers.${i}`, message: 'two papers for the same class and subject' });
      slots.add(slot);
      const comps = p.components ?? [];
      if (new Set(comps.map((c) => c.code)).size !== comps.length)
        problems.push({ field: `papers.${i}.components`, message: 'a component appears twice' });
      const sum = comps.reduce((s, c) => s + toCenti(c.maxMarks), 0);
      if (comps.length && sum !== max)
        problems.push({
          field: `papers.${i}.components`,
          message: `the components' maximum marks add up to ${sum / 100}, not the paper's ${p.maxMarks}`,
        });
    });
    if (problems.length) throw new InvalidStructureError('The papers are not valid; see details.', problems);

    const ids = await this.db.transaction(async () => {
      const existing = await this.papers.ofAssessments([assessment.id]);
      const bySlot = new Map(existing.map((p) => [`${p.classId}/${p.subjectId}`, p]));
      const existingComponents = await this.components.ofPapers(existing.map((p) => p.id));
      const out: string[] = [];
      const created: string[] = [];
      const changed: { paperId: string; before: PaperView; after: PaperDto }[] = [];
      for (const p of input) {
        const prior = bySlot.get(`${p.classId}/${p.subjectId}`);
        const comps = (p.components ?? []).map((c, k) => ({
          code: c.code,
          maxMarksCenti: toCenti(c.maxMarks),
          sortOrder: k,
        }));
        if (!prior) {
          const id = uuidv7();
          await this.papers.add([
            {
              id,
              assessmentId: assessment.id,
              classId: p.classId,
              subjectId: p.subjectId,
              maxMarksCenti: toCenti(p.maxMarks),
              passMarksCenti: toCenti(p.passMarks),
            },
          ]);
          await this.components.add(comps.map((c) => ({ ...c, paperId: id })));
          created.push(id);
          out.push(id);
          continue;
        }
        const before = paperView(prior, existingComponents);
        await this.requireMarksFit(prior.id, before, p);
        await this.papers.change(prior.id, {
          maxMarksCenti: toCenti(p.maxMarks),
          passMarksCenti: toCenti(p.passMarks),
        });
        await this.components.replace(
          prior.id,
          comps.map((c) => ({ ...c, paperId: prior.id })),
        );
        changed.push({ paperId: prior.id, before, after: p });
        out.push(prior.id);
      }
      await this.audit.record({
        action: 'exams.papers.save',
        targetType: 'assessment',
        targetId: assessment.id,
        details: {
          created: created.length,
          changed: changed.map((c) => ({
            paperId: c.paperId,
            before: {
              maxMarks: c.before.maxMarks,
              passMarks: c.before.passMarks,
              components: c.before.components,
            },
            after: {
              maxMarks: c.after.maxMarks,
              passMarks: c.after.passMarks,
              components: c.after.components ?? [],
            },
          })),
        },
      });
      return out;
    });
    const papers = (await this.papers.ofAssessments([assessment.id])).filter((p) => ids.includes(p.id));
    const components = await this.components.ofPapers(papers.map((p) => p.id));
    return ids.map((id) =>
      paperView(
        papers.find((p) => p.id === id)!,
        components,
      ),
    );
  }

  /** A paper with marks keeps its columns, and every entered mark must stay within its column's maximum. */
  private async requireMarksFit(paperId: string, before: PaperView, after: PaperDto): Promise<void> {
    const sheets = await this.sheets.ofPapers([paperId]);
    if (!sheets.length) return;
    const rows = (await Promise.all(sheets.map((s) => this.marks.ofSheet(s.id)))).flat();
    if (!rows.length) return;
    const codesBefore = before.components
      .map((c) => c.code)
      .sort()
      .join(',');
    const codesAfter = (after.components ?? [])
      .map((c) => c.code)
      .sort()
      .join(',');
    if (codesBefore !== codesAfter)
      throw new ConflictError(
        'Marks are entered for this paper; its components cannot change.',
        ExamsErrorCode.InUse,
        [{ field: 'components', message: `paper ${paperId} has marks` }],
      );
    const maxOf = (code: string) =>
      toCenti(after.components?.find((c) => c.code === code)?.maxMarks ?? after.maxMarks);
    const over = rows.find((r) => r.status === 'marks' && (r.marksCenti ?? 0) > maxOf(r.componentCode));
    if (over)
      throw new ConflictError(
        'Entered marks exceed the new maximum; correct them first.',
        ExamsErrorCode.InUse,
        [{ field: 'maxMarks', message: `a mark of ${(over.marksCenti ?? 0) / 100} is entered` }],
      );
  }
}
