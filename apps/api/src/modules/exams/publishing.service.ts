import { Injectable } from '@nestjs/common';
import type { ResultPublicationView } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { NotFoundError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { GuardianNotifier, type GuardianNotice } from '../notifications/guardian-notifier.service';
import { StudentDirectory } from '../students/student-directory';
import type { ExamTerm, ResultPublication } from './entities/exams.entities';
import { ExamTermsRepository } from './exams.repository';
import { ResultPublicationsRepository } from './exams.repository';

/**
 * The announcement's cause key: per term, class and publication version; the notifier appends
 * `:<guardian>:<channel>`, so each guardian gets one message per version (a re-publish is a new
 * announcement; the same version never enqueues twice).
 */
export const announcementKey = (termId: string, classId: string, version: number) =>
  `exam-results:${termId}:${classId}:v${version}`;

/**
 * Publishing a term's results for a class: the publication row (version + 1 each time), one `exam_results`
 * message per guardian who opted in to exam results (through GuardianNotifier, in the same transaction),
 * and the audit event. A re-publication after a correction reuses the `exam_results` template with the
 * exam named "<term> (updated)" rather than adding a template kind: the kind's declared variables stay the
 * same, so schools' own wordings keep working. Unpublishing hides the results from parents again.
 */
@Injectable()
export class PublishingService {
  constructor(
    private readonly db: Database,
    private readonly terms: ExamTermsRepository,
    private readonly publications: ResultPublicationsRepository,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly notifier: GuardianNotifier,
    private readonly institution: CurrentInstitution,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async publish(termId: string, classId: string): Promise<ResultPublicationView> {
    const term = await this.requireTerm(termId);
    await this.academics.class(classId);
    return this.db.transaction(async () => {
      const publication = await this.publications.publish(
        termId,
        classId,
        this.context.userId,
        this.clock.now(),
      );
      const notified = await this.announce(term, classId, publication.version);
      await this.audit.record({
        action: publication.version === 1 ? 'exams.results.publish' : 'exams.results.republish',
        targetType: 'class',
        targetId: classId,
        details: { termId, version: publication.version, notified },
      });
      return view(publication, notified);
    });
  }

  async unpublish(termId: string, classId: string): Promise<ResultPublicationView> {
    await this.requireTerm(termId);
    await this.academics.class(classId);
    return this.db.transaction(async () => {
      const withdrawn = await this.publications.unpublish(termId, classId, this.clock.now());
      const publication = await this.publications.byTermAndClass(termId, classId);
      if (!publication) throw new NotFoundError('The publication');
      if (withdrawn)
        await this.audit.record({
          action: 'exams.results.unpublish',
          targetType: 'class',
          targetId: classId,
          details: { termId, version: publication.version },
        });
      return view(publication, 0);
    });
  }

  private async requireTerm(termId: string): Promise<ExamTerm> {
    const term = await this.terms.byId(termId);
    if (!term) throw new NotFoundError('The term');
    return term;
  }

  /**
   * One notice per guardian of the class's students, naming their children in the class (siblings in
   * one class share a message); the notifier keeps to guardians who opted in to exam results.
   */
  private async announce(term: ExamTerm, classId: string, version: number): Promise<number> {
    const sections = await this.academics.sectionsOfClass(classId);
    const studentIds = (await Promise.all(sections.map((s) => this.students.rosterIds(s.id)))).flat();
    if (!studentIds.length) return 0;
    const [guardians, names, school] = await Promise.all([
      this.students.guardianIdsOf(studentIds),
      this.students.namesOf(studentIds),
      this.institution.find().then((i) => i?.name ?? ''),
    ]);
    const children = new Map<string, string[]>();
    for (const studentId of studentIds)
      for (const guardianId of guardians.get(studentId) ?? [])
        children.set(guardianId, [...(children.get(guardianId) ?? []), names.get(studentId) ?? '']);
    const exam = version === 1 ? term.name : `${term.name} (updated)`;
    const notices: GuardianNotice[] = [...children].map(([guardianId, kids]) => ({
      guardianIds: [guardianId],
      purpose: 'exam_results',
      template: 'exam_results',
      variables: { student: listOf(kids), exam, school },
      idempotencyKey: announcementKey(term.id, classId, version),
    }));
    return (await this.notifier.notifyMany(notices)).enqueued;
  }
}

/** "Asha", "Asha and Ravi", "Asha, Meera and Ravi" (sorted, so the wording is stable). */
function listOf(names: string[]): string {
  const sorted = [...names].sort((a, b) => a.localeCompare(b));
  return sorted.length <= 1 ? (sorted[0] ?? '') : `${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`;
}

function view(p: ResultPublication, notified: number): ResultPublicationView {
  return {
    termId: p.termId,
    classId: p.classId,
    published: !p.unpublishedAt,
    version: p.version,
    publishedAt: p.publishedAt ? new Date(p.publishedAt).toISOString() : null,
    unpublishedAt: p.unpublishedAt ? new Date(p.unpublishedAt).toISOString() : null,
    notified,
  };
}
