import { Injectable } from '@nestjs/common';
import type { TermPublicationsView } from '@shala/contracts';
import { NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { StudentDirectory } from '../students/student-directory';
import { PublicationsStaffOnlyError } from './exams.errors';
import {
  AssessmentsRepository,
  ExamTermsRepository,
  PapersRepository,
  ResultPublicationsRepository,
} from './exams.repository';

/** Per class with papers in a term: whether its results are published, and which version. */
@Injectable()
export class TermPublicationsService {
  constructor(
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly publications: ResultPublicationsRepository,
  ) {}

  async ofTerm(termId: string): Promise<TermPublicationsView> {
    if ((await this.students.scope()).kind === 'students') throw new PublicationsStaffOnlyError();
    const term = await this.terms.byId(termId);
    if (!term) throw new NotFoundError('The term');
    const assessments = await this.assessments.ofTerms([termId]);
    const papers = await this.papers.ofAssessments(assessments.map((a) => a.id));
    const classIds = new Set(papers.map((p) => p.classId));
    const [classes, publications] = await Promise.all([
      this.academics.listClasses(),
      this.publications.ofTerm(termId),
    ]);
    const byClass = new Map(publications.map((p) => [p.classId, p]));
    return {
      items: classes
        .filter((c) => classIds.has(c.id))
        .map((c) => {
          const p = byClass.get(c.id);
          return {
            classId: c.id,
            className: c.name,
            published: !!p && !p.unpublishedAt,
            version: p?.version ?? 0,
            publishedAt: p?.publishedAt ? new Date(p.publishedAt).toISOString() : null,
          };
        }),
    };
  }
}
