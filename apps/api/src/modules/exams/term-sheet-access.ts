import { Injectable } from '@nestjs/common';
import { NotFoundError, RuleViolationError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AcademicsService } from '../academics/academics.service';
import type { Section } from '../academics/entities/academics.entities';
import { StudentDirectory } from '../students/student-directory';
import type { ExamTerm } from './entities/exams.entities';
import { ExamsErrorCode, NotClassTeacherError } from './exams.errors';
import { ExamTermsRepository } from './exams.repository';

export interface TermSheet {
  term: ExamTerm;
  section: Section;
  /** The section's roster in the term's year, by roll number. */
  roster: { studentId: string; fullName: string; admissionNo: string; rollNo: number | null }[];
}

/**
 * Who may reach a section's term sheets (co-scholastic grades, remarks), as marks entry decides it: school
 * staff everywhere; a teacher only in sections they can see (others answer 404), and there only as the
 * section's class teacher (403). Families never (404).
 */
@Injectable()
export class TermSheetAccess {
  constructor(
    private readonly context: RequestContext,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly terms: ExamTermsRepository,
  ) {}

  async open(termId: string, sectionId: string, write: boolean): Promise<TermSheet> {
    const term = await this.terms.byId(termId);
    if (!term) throw new NotFoundError('The term');
    const section = await this.academics.section(sectionId);
    const scope = await this.students.scope();
    if (scope.kind === 'students') throw new NotFoundError('The section');
    if (scope.kind === 'sections') {
      if (!scope.sectionIds.includes(sectionId)) throw new NotFoundError('The section');
      if (section.classTeacherUserId !== this.context.userId) throw new NotClassTeacherError();
    }
    if (write) {
      const year = await this.academics.findCurrentYear();
      if (year?.id !== term.academicYearId)
        throw new RuleViolationError(
          "Grades and remarks are entered for the current academic year's terms only.",
          ExamsErrorCode.NotCurrentYear,
        );
    }
    return { term, section, roster: await this.students.sectionRoster(sectionId, term.academicYearId) };
  }
}
