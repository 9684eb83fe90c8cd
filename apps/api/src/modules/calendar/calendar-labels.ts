import { Injectable } from '@nestjs/common';
import type { CalendarTarget, CalendarTargetView } from '@shala/contracts';
import { AcademicsService } from '../academics/academics.service';

/** Class, section and subject names for calendar items, read once per call. */
export interface CalendarLabels {
  target(t: CalendarTarget): CalendarTargetView;
  subject(subjectId: string): string;
  /** Whether a class exists, and a section of it (a target's checks). */
  hasClass(classId: string): boolean;
  sectionOfClass(sectionId: string, classId: string): boolean;
}

@Injectable()
export class CalendarLabelsReader {
  constructor(private readonly academics: AcademicsService) {}

  async read(): Promise<CalendarLabels> {
    const [classes, sections, subjects] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSections(),
      this.academics.listSubjects(),
    ]);
    const className = new Map(classes.map((c) => [c.id, c.name]));
    const sectionById = new Map(sections.map((s) => [s.id, s]));
    const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
    return {
      target: (t) => {
        const base = className.get(t.classId) ?? '';
        const section = t.sectionId ? sectionById.get(t.sectionId) : undefined;
        return {
          classId: t.classId,
          sectionId: t.sectionId,
          label: section ? `${base} ${section.name}`.trim() : base,
        };
      },
      subject: (id) => subjectName.get(id) ?? '',
      hasClass: (id) => className.has(id),
      sectionOfClass: (sectionId, classId) => sectionById.get(sectionId)?.classId === classId,
    };
  }
}
