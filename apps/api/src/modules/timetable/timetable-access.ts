import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { StudentDirectory } from '../students/student-directory';

/**
 * Who reads which timetable (AZ-03): staff read every section's and every teacher's; parents and students
 * read the sections their children (or they) are enrolled in this year, and no teacher's. Anything else is
 * not found, so existence never leaks; another institution's ids are not found either (TEN-04).
 */
@Injectable()
export class TimetableAccess {
  constructor(
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
  ) {}

  async requireSection(sectionId: string): Promise<void> {
    await this.academics.section(sectionId);
    const scope = await this.students.scope();
    if (scope.kind !== 'students') return;
    const enrolment = await this.students.currentEnrolmentViews(scope.studentIds);
    if (!scope.studentIds.some((id) => enrolment(id)?.sectionId === sectionId))
      throw new NotFoundError('The section');
  }

  async requireStaff(what: string): Promise<void> {
    if ((await this.students.scope()).kind === 'students') throw new NotFoundError(what);
  }
}
