import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditNames } from '../audit/audit-names';
import { AcademicsService } from './academics.service';

/** Names sections ("Class 5 A"), classes, academic years and subjects in the audit log. */
@Injectable()
export class AcademicsAuditNames implements OnModuleInit {
  constructor(
    private readonly names: AuditNames,
    private readonly academics: AcademicsService,
  ) {}

  onModuleInit(): void {
    const named = async <T extends { id: string }>(rows: Promise<T[]>, name: (row: T) => string) =>
      new Map((await rows).map((r) => [r.id, name(r)]));
    this.names.register('section', async (ids) => {
      const classes = await named(this.academics.listClasses(), (c) => c.name);
      return named(this.academics.sectionsByIds(ids), (s) =>
        [classes.get(s.classId), s.name].filter(Boolean).join(' '),
      );
    });
    this.names.register('class', () => named(this.academics.listClasses(), (c) => c.name));
    this.names.register('academic_year', () => named(this.academics.listYears(), (y) => y.name));
    this.names.register('subject', () => named(this.academics.listSubjects(), (s) => s.name));
  }
}
