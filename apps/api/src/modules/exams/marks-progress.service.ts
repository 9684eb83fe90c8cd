import { Injectable } from '@nestjs/common';
import type { MarksProgressRow, MarksProgressView } from '@shala/contracts';
import { NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { StudentDirectory } from '../students/student-directory';
import { AssessmentsRepository, MarkSheetsRepository, PapersRepository } from './exams.repository';

/**
 * Marks entry progress of an assessment: per section and subject, how many students have marks and
 * whether the sheet is submitted. Staff see every section, teachers the sections they teach, parents and
 * students nothing.
 */
@Injectable()
export class MarksProgressService {
  constructor(
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly sheets: MarkSheetsRepository,
  ) {}

  /** Per section and subject of an assessment: pending, entered (students with marks) or submitted. */
  async progress(assessmentId: string): Promise<MarksProgressView> {
    const assessment = await this.assessments.byId(assessmentId);
    if (!assessment) throw new NotFoundError('The assessment');
    const scope = await this.students.scope();
    if (scope.kind === 'students') return { assessmentId, rows: [] };
    const [papers, sections] = await Promise.all([
      this.papers.ofAssessments([assessmentId]),
      this.academics.listSections(),
    ]);
    const visible = sections.filter((s) => scope.kind === 'all' || scope.sectionIds.includes(s.id));
    const counts = new Map(
      (await this.sheets.progress(papers.map((p) => p.id))).map((c) => [`${c.paperId}/${c.sectionId}`, c]),
    );
    const sizes = new Map<string, number>();
    for (const s of visible) sizes.set(s.id, (await this.students.rosterIds(s.id)).length);
    const rows: MarksProgressRow[] = [];
    for (const p of papers)
      for (const s of visible.filter((x) => x.classId === p.classId)) {
        const c = counts.get(`${p.id}/${s.id}`);
        rows.push({
          sectionId: s.id,
          classId: p.classId,
          subjectId: p.subjectId,
          paperId: p.id,
          students: sizes.get(s.id) ?? 0,
          entered: c?.entered ?? 0,
          status: c?.status === 'submitted' ? 'submitted' : c && c.entered > 0 ? 'entered' : 'pending',
        });
      }
    return { assessmentId, rows };
  }
}
