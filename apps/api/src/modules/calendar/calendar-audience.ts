import { Injectable } from '@nestjs/common';
import type { CalendarAudience, CalendarTarget } from '@shala/contracts';
import { AcademicsService } from '../academics/academics.service';
import { StudentDirectory } from '../students/student-directory';

/** Whose calendar is being read: everything (school staff), or the classes and sections of the caller. */
export type CalendarViewer =
  { kind: 'all' } | { kind: 'some'; classIds: ReadonlySet<string>; sectionIds: ReadonlySet<string> };

/**
 * Whether an item for `audience`/`targets` reaches the viewer (AZ-03): whole-school items reach everyone;
 * a whole-class target reaches a viewer with any section of that class; a section target only that section.
 */
export function reaches(
  viewer: CalendarViewer,
  audience: CalendarAudience,
  targets: readonly CalendarTarget[],
): boolean {
  if (viewer.kind === 'all' || audience === 'school') return true;
  return targets.some((t) =>
    t.sectionId === null ? viewer.classIds.has(t.classId) : viewer.sectionIds.has(t.sectionId),
  );
}

/**
 * The caller as a calendar reader: school staff see everything; a teacher the sections they teach; a
 * parent their children's current sections; a student their own (the students' access scope, AZ-03).
 */
@Injectable()
export class CalendarViewers {
  constructor(
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
  ) {}

  async current(): Promise<CalendarViewer> {
    const scope = await this.students.scope();
    if (scope.kind === 'all') return { kind: 'all' };
    let sectionIds: string[];
    if (scope.kind === 'sections') sectionIds = scope.sectionIds;
    else {
      const enrolment = await this.students.currentEnrolmentViews(scope.studentIds);
      sectionIds = scope.studentIds.map((id) => enrolment(id)?.sectionId).filter((s): s is string => !!s);
    }
    const wanted = new Set(sectionIds);
    const sections = wanted.size ? await this.academics.sectionsByIds([...wanted]) : [];
    return { kind: 'some', sectionIds: wanted, classIds: new Set(sections.map((s) => s.classId)) };
  }
}
