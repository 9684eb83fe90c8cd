import { Injectable } from '@nestjs/common';
import { DefaultRole } from '@shala/contracts';
import type {
  ExamScheduleView,
  ExamSittingView,
  StudentExamScheduleView,
  StudentSittingView,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { AccessService } from '../access/access.service';
import { AcademicsService } from '../academics/academics.service';
import type { Section } from '../academics/entities/academics.entities';
import { SchoolCalendar } from '../attendance/school-calendar';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import { UsersService } from '../users/users.service';
import type { SittingDto } from './dto/schedule.dto';
import type { Assessment, AssessmentPaper } from './entities/exams.entities';
import type { ExamSitting } from './entities/schedule.entities';
import { InvalidInvigilatorError, ScheduleClashError, ScheduleStaffOnlyError } from './exams.errors';
import { AssessmentsRepository, ExamTermsRepository, PapersRepository } from './exams.repository';
import { type ClashDetail, type PlannedSitting, findClashes, timeProblems } from './schedule-clashes';
import { ExamSittingsRepository } from './schedule-sittings.repository';
import { requireStaff } from './structure.service';

/** Roles that do not make a user staff: an invigilator holds at least one other role. */
const FAMILY_ROLES: readonly string[] = [DefaultRole.Parent, DefaultRole.Student];

/** Names a schedule prints: classes, sections, subjects, users. */
export interface ScheduleNames {
  className(classId: string): string;
  sectionName(sectionId: string): string;
  subject(subjectId: string): string;
  user(userId: string): string;
  sectionsOfClass(classId: string): Section[];
}

const order = (a: { sitsOn: string; startsAt: string }, b: { sitsOn: string; startsAt: string }) =>
  a.sitsOn.localeCompare(b.sitsOn) || a.startsAt.localeCompare(b.startsAt);

/**
 * The exam schedule of an assessment: a sitting per paper and section (or whole class) with date, times,
 * room and invigilator. A save replaces the assessment's whole schedule in one audited transaction after
 * checking it whole: malformed times answer 400; clashes (a section sitting two papers at once, an
 * invigilator in two rooms at once, a non-working day of the school calendar) answer 422 naming each,
 * against the submitted sittings and the term's other assessments' sittings, under the term's lock.
 */
@Injectable()
export class ExamScheduleService {
  constructor(
    private readonly db: Database,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly calendar: SchoolCalendar,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly sittings: ExamSittingsRepository,
  ) {}

  private async assessment(id: string): Promise<Assessment> {
    const a = await this.assessments.byId(id);
    if (!a) throw new NotFoundError('The assessment');
    return a;
  }

  /** Class, section, subject and user names, read once per call. */
  async names(userIds: (string | null)[]): Promise<ScheduleNames> {
    const ids = [...new Set(userIds.filter((u): u is string => !!u))];
    const [classes, sections, subjects, users] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSections(),
      this.academics.listSubjects(),
      ids.length ? this.users.findByIds(ids) : Promise.resolve([]),
    ]);
    const classById = new Map(classes.map((c) => [c.id, c.name]));
    const sectionById = new Map(sections.map((s) => [s.id, s]));
    const subjectById = new Map(subjects.map((s) => [s.id, s.name]));
    const userById = new Map(users.map((u) => [u.id, u.displayName]));
    return {
      className: (id) => classById.get(id) ?? '',
      sectionName: (id) => {
        const s = sectionById.get(id);
        return s ? `${classById.get(s.classId) ?? ''} ${s.name}`.trim() : '';
      },
      subject: (id) => subjectById.get(id) ?? '',
      user: (id) => userById.get(id) ?? 'Unknown user',
      sectionsOfClass: (classId) => sections.filter((s) => s.classId === classId),
    };
  }

  sittingView(s: ExamSitting, paper: AssessmentPaper, names: ScheduleNames): ExamSittingView {
    return {
      id: s.id,
      paperId: s.paperId,
      classId: paper.classId,
      className: names.className(paper.classId),
      subjectId: paper.subjectId,
      subject: names.subject(paper.subjectId),
      sectionId: s.sectionId,
      sectionName: s.sectionId ? names.sectionName(s.sectionId) : null,
      sitsOn: s.sitsOn,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      room: s.room,
      invigilatorUserId: s.invigilatorUserId,
      invigilatorName: s.invigilatorUserId ? names.user(s.invigilatorUserId) : null,
    };
  }

  /** An assessment's whole schedule (school staff and teachers; families read their child's). */
  async schedule(assessmentId: string): Promise<ExamScheduleView> {
    if ((await this.students.scope()).kind === 'students') throw new ScheduleStaffOnlyError();
    return this.read(await this.assessment(assessmentId));
  }

  private async read(assessment: Assessment): Promise<ExamScheduleView> {
    const papers = await this.papers.ofAssessments([assessment.id]);
    const rows = await this.sittings.ofPapers(papers.map((p) => p.id));
    const names = await this.names(rows.map((r) => r.invigilatorUserId));
    const paperById = new Map(papers.map((p) => [p.id, p]));
    return {
      assessmentId: assessment.id,
      assessmentName: assessment.name,
      termId: assessment.termId,
      sittings: rows.map((r) => this.sittingView(r, paperById.get(r.paperId)!, names)),
    };
  }

  /** The sittings of an assessment that a section sits (its own and its class's whole-class ones). */
  async sectionSittings(
    assessment: Assessment,
    section: Section,
  ): Promise<{ rows: ExamSittingView[]; names: ScheduleNames }> {
    const papers = (await this.papers.ofAssessments([assessment.id])).filter(
      (p) => p.classId === section.classId,
    );
    const rows = (await this.sittings.ofPapers(papers.map((p) => p.id))).filter(
      (r) => r.sectionId === null || r.sectionId === section.id,
    );
    const names = await this.names(rows.map((r) => r.invigilatorUserId));
    const paperById = new Map(papers.map((p) => [p.id, p]));
    return { rows: rows.map((r) => this.sittingView(r, paperById.get(r.paperId)!, names)), names };
  }

  /**
   * A student's sittings this year, every assessment (parents: their own children; teachers: their
   * sections; others 404).
   */
  async studentSchedule(studentId: string): Promise<StudentExamScheduleView> {
    await this.students.visible(studentId);
    const [sectionId, year] = await Promise.all([
      this.students.currentSectionOf(studentId),
      this.academics.findCurrentYear(),
    ]);
    if (!sectionId || !year) return { studentId, items: [] };
    const section = await this.academics.section(sectionId);
    const terms = await this.terms.ofYear(year.id);
    const assessments = await this.assessments.ofTerms(terms.map((t) => t.id));
    const byId = new Map(assessments.map((a) => [a.id, a]));
    const papers = (await this.papers.ofAssessments(assessments.map((a) => a.id))).filter(
      (p) => p.classId === section.classId,
    );
    const paperById = new Map(papers.map((p) => [p.id, p]));
    const rows = (await this.sittings.ofPapers(papers.map((p) => p.id))).filter(
      (r) => r.sectionId === null || r.sectionId === sectionId,
    );
    const names = await this.names(rows.map((r) => r.invigilatorUserId));
    return {
      studentId,
      items: rows
        .map((r): StudentSittingView => {
          const paper = paperById.get(r.paperId)!;
          const a = byId.get(paper.assessmentId)!;
          return { ...this.sittingView(r, paper, names), assessmentId: a.id, assessmentName: a.name };
        })
        .sort(order),
    };
  }

  /** Replaces the assessment's whole schedule (school staff), or answers why not. */
  async replace(assessmentId: string, input: SittingDto[]): Promise<ExamScheduleView> {
    await requireStaff(this.students);
    const assessment = await this.assessment(assessmentId);
    const papers = await this.papers.ofAssessments([assessment.id]);
    const paperById = new Map(papers.map((p) => [p.id, p]));
    const names = await this.names(input.map((s) => s.invigilatorUserId ?? null));

    // 400: malformed times, a paper of another assessment, a section of another class.
    const malformed: ClashDetail[] = [];
    input.forEach((s, i) => {
      const field = `sittings[${i}]`;
      malformed.push(...timeProblems(s, field));
      const paper = paperById.get(s.paperId);
      if (!paper) malformed.push({ field: `${field}.paperId`, message: 'not a paper of this assessment' });
      else if (s.sectionId && !names.sectionsOfClass(paper.classId).some((x) => x.id === s.sectionId))
        malformed.push({ field: `${field}.sectionId`, message: "not a section of the paper's class" });
    });
    if (malformed.length) throw new ValidationFailedError(malformed);
    await this.requireInvigilators(input);

    const rows = input.map((s) => ({
      paperId: s.paperId,
      sectionId: s.sectionId ?? null,
      sitsOn: s.sitsOn,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      room: s.room.trim(),
      invigilatorUserId: s.invigilatorUserId ?? null,
    }));
    const nonWorking = new Map<string, string>();
    for (const date of new Set(rows.map((r) => r.sitsOn))) {
      const reason = await this.calendar.nonWorkingReason(date);
      if (reason) nonWorking.set(date, reason);
    }

    return this.db.transaction(async () => {
      await this.sittings.lockTerm(assessment.termId);
      const others = await this.othersOfTerm(assessment, names);
      const planned = rows.map((r) => this.planned(r, paperById.get(r.paperId)!, names, null));
      const clashes = findClashes(planned, others, nonWorking, {
        section: names.sectionName,
        user: names.user,
      });
      if (clashes.length) throw new ScheduleClashError(clashes);

      const existing = await this.sittings.ofPapers(papers.map((p) => p.id));
      const key = (r: Omit<ExamSitting, 'tenantId' | 'id'>) =>
        [
          r.paperId,
          r.sectionId ?? '',
          r.sitsOn,
          r.startsAt,
          r.endsAt,
          r.room,
          r.invigilatorUserId ?? '',
        ].join('|');
      const unchanged = existing.map(key).sort().join('\n') === rows.map(key).sort().join('\n');
      if (!unchanged) {
        await this.sittings.replaceForPapers(
          papers.map((p) => p.id),
          rows.map((r) => ({ id: uuidv7(), ...r })),
        );
        await this.audit.record({
          action: 'exams.schedule.save',
          targetType: 'assessment',
          targetId: assessment.id,
          details: {
            before: existing.length,
            after: rows.length,
            dates: [...new Set(rows.map((r) => r.sitsOn))].sort(),
          },
        });
      }
      return this.read(assessment);
    });
  }

  /** 422 naming each invigilator who is not an active staff user (a parent or student account is not). */
  private async requireInvigilators(input: SittingDto[]): Promise<void> {
    const ids = [...new Set(input.map((s) => s.invigilatorUserId).filter((u): u is string => !!u))];
    if (!ids.length) return;
    const users = new Map((await this.users.findByIds(ids)).map((u) => [u.id, u]));
    const staff = new Set<string>();
    for (const id of ids) {
      const user = users.get(id);
      if (!user || user.status !== 'active') continue;
      const { roles } = await this.access.grantsOf(id);
      if (roles.some((r) => !FAMILY_ROLES.includes(r))) staff.add(id);
    }
    const problems = input.flatMap((s, i) =>
      s.invigilatorUserId && !staff.has(s.invigilatorUserId)
        ? [
            {
              field: `sittings[${i}].invigilatorUserId`,
              message: 'no active staff member of this school has that id',
            },
          ]
        : [],
    );
    if (problems.length) throw new InvalidInvigilatorError(problems);
  }

  private planned(
    r: Omit<ExamSitting, 'tenantId' | 'id'>,
    paper: AssessmentPaper,
    names: ScheduleNames,
    assessmentName: string | null,
  ): PlannedSitting {
    const subject = names.subject(paper.subjectId);
    return {
      paperId: r.paperId,
      sectionIds: r.sectionId ? [r.sectionId] : names.sectionsOfClass(paper.classId).map((s) => s.id),
      sitsOn: r.sitsOn,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      room: r.room,
      invigilatorUserId: r.invigilatorUserId,
      paperLabel: assessmentName ? `${subject} (${assessmentName})` : subject,
    };
  }

  /** The sittings of the term's other assessments, read under the term's lock. */
  private async othersOfTerm(assessment: Assessment, names: ScheduleNames): Promise<PlannedSitting[]> {
    const others = (await this.assessments.ofTerms([assessment.termId])).filter(
      (a) => a.id !== assessment.id,
    );
    const papers = await this.papers.ofAssessments(others.map((a) => a.id));
    const rows = await this.sittings.ofPapers(papers.map((p) => p.id));
    const paperById = new Map(papers.map((p) => [p.id, p]));
    const nameOf = new Map(others.map((a) => [a.id, a.name]));
    return rows.map((r) => {
      const paper = paperById.get(r.paperId)!;
      return this.planned(r, paper, names, nameOf.get(paper.assessmentId) ?? '');
    });
  }
}
