import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { RuleViolationError } from '../../platform/errors/domain-error';
import { DomainEvents } from '../../platform/events/domain-events';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { EnrolmentsRepository } from './students.repository';

/**
 * Year-end promotion: every active student of a class this year is enrolled next year in the section of
 * the same name in the next class (created when missing); this year's enrolment is kept as history.
 */
@Injectable()
export class PromotionService {
  constructor(
    private readonly db: Database,
    private readonly academics: AcademicsService,
    private readonly enrolments: EnrolmentsRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async promote(input: {
    fromClassId: string;
    toClassId: string;
    toYearId: string;
  }): Promise<{ promoted: number; skipped: number }> {
    const fromYear = await this.academics.currentYear();
    const toYear = await this.academics.year(input.toYearId);
    if (toYear.id === fromYear.id)
      throw new RuleViolationError(
        'Promote into a different academic year than the current one.',
        'SAME_YEAR',
      );
    if (toYear.startsOn <= fromYear.startsOn)
      throw new RuleViolationError('Promote into a later academic year.', 'EARLIER_YEAR');
    await this.academics.class(input.fromClassId);
    await this.academics.class(input.toClassId);
    const fromSections = await this.academics.sectionsOfClass(input.fromClassId);
    const targets = new Map<string, string>();
    for (const s of fromSections) {
      const existing = await this.academics.findSection(input.toClassId, s.name);
      targets.set(
        s.id,
        (existing ?? (await this.academics.createSection({ classId: input.toClassId, name: s.name }))).id,
      );
    }
    return this.db.transaction(async () => {
      const current = await this.enrolments.activeInSections(
        fromYear.id,
        fromSections.map((s) => s.id),
      );
      const already = new Set(
        (
          await this.enrolments.inYearForStudents(
            toYear.id,
            current.map((e) => e.studentId),
          )
        ).map((e) => e.studentId),
      );
      const fresh = current
        .filter((e) => !already.has(e.studentId))
        .map((e) => ({
          id: uuidv7(),
          studentId: e.studentId,
          academicYearId: toYear.id,
          sectionId: targets.get(e.sectionId)!,
          rollNo: e.rollNo,
          status: 'active' as const,
        }));
      await this.enrolments.add(fresh);
      if (fresh.length) await this.events.publish('students.enrolled', fresh);
      for (const e of current.filter((x) => !already.has(x.studentId)))
        await this.enrolments.setStatus(e.id, 'promoted');
      await this.audit.record({
        action: 'students.promote',
        details: { ...input, fromYearId: fromYear.id, promoted: fresh.length, skipped: already.size },
      });
      return { promoted: fresh.length, skipped: already.size };
    });
  }
}
