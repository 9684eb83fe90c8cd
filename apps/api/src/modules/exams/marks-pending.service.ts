import { Injectable } from '@nestjs/common';
import type { TeacherMarksPending } from '@shala/contracts';
import { AcademicsService } from '../academics/academics.service';
import {
  AssessmentsRepository,
  ExamTermsRepository,
  MarkSheetsRepository,
  PapersRepository,
} from './exams.repository';
import { ExamSittingsRepository } from './schedule-sittings.repository';

/**
 * A teacher's marks still to do: for each subject they teach in a section this year, the papers whose
 * exam that section has already sat (a sitting on or before today) and whose sheet is not yet submitted.
 * An exam still to come is not pending; a submitted sheet is done. A handful of statements, whatever the
 * number of papers.
 */
@Injectable()
export class MarksPendingService {
  constructor(
    private readonly academics: AcademicsService,
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly sittings: ExamSittingsRepository,
    private readonly sheets: MarkSheetsRepository,
  ) {}

  async of(teacherUserId: string, today: string): Promise<TeacherMarksPending[]> {
    const year = await this.academics.findCurrentYear();
    if (!year) return [];
    const teaches = (await this.academics.currentAssignments()).filter(
      (a) => a.teacherUserId === teacherUserId,
    );
    if (!teaches.length) return [];
    const terms = await this.terms.ofYear(year.id);
    const assessments = await this.assessments.ofTerms(terms.map((t) => t.id));
    const papers = await this.papers.ofAssessments(assessments.map((a) => a.id));
    const [sections, classes, subjects] = await Promise.all([
      this.academics.listSections(),
      this.academics.listClasses(),
      this.academics.listSubjects(),
    ]);
    const sectionById = new Map(sections.map((s) => [s.id, s]));
    const mine = papers.flatMap((paper) =>
      teaches
        .filter(
          (a) => a.subjectId === paper.subjectId && sectionById.get(a.sectionId)?.classId === paper.classId,
        )
        .map((a) => ({ paper, sectionId: a.sectionId })),
    );
    if (!mine.length) return [];
    const paperIds = [...new Set(mine.map((m) => m.paper.id))];
    const [sittings, progress] = await Promise.all([
      this.sittings.ofPapers(paperIds),
      this.sheets.progress(paperIds),
    ]);
    const sat = (paperId: string, sectionId: string) =>
      sittings.some(
        (s) =>
          s.paperId === paperId && (s.sectionId === null || s.sectionId === sectionId) && s.sitsOn <= today,
      );
    const sheetOf = new Map(progress.map((p) => [`${p.paperId}/${p.sectionId}`, p]));
    const assessmentById = new Map(assessments.map((a) => [a.id, a]));
    const termOrder = new Map(terms.map((t, i) => [t.id, i]));
    return mine
      .filter(
        ({ paper, sectionId }) =>
          sat(paper.id, sectionId) && sheetOf.get(`${paper.id}/${sectionId}`)?.status !== 'submitted',
      )
      .map(({ paper, sectionId }) => {
        const assessment = assessmentById.get(paper.assessmentId)!;
        const section = sectionById.get(sectionId)!;
        const sheet = sheetOf.get(`${paper.id}/${sectionId}`);
        return {
          order: [termOrder.get(assessment.termId) ?? 0, assessment.sortOrder] as const,
          row: {
            assessmentId: assessment.id,
            assessmentName: assessment.name,
            paperId: paper.id,
            subjectId: paper.subjectId,
            subjectName: subjects.find((s) => s.id === paper.subjectId)?.name ?? '',
            sectionId,
            sectionName:
              `${classes.find((c) => c.id === section.classId)?.name ?? ''} ${section.name}`.trim(),
            status: sheet && sheet.entered > 0 ? ('entered' as const) : ('pending' as const),
          },
        };
      })
      .sort(
        (a, b) =>
          a.order[0] - b.order[0] ||
          a.order[1] - b.order[1] ||
          a.row.sectionName.localeCompare(b.row.sectionName),
      )
      .map((x) => x.row);
  }
}
