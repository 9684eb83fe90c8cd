import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import { Guardian, Student } from './entities/student.entities';
import { StudentAccessPolicy, StudentScope } from './student-access.policy';
import type { Enrolment as EnrolmentView } from '@shala/contracts';
import { SectionDirectory, enrolmentView } from './student-view';
import { StudentsCrypto } from './students.crypto';
import {
  EnrolmentsRepository,
  GuardiansRepository,
  StudentGuardiansRepository,
  StudentProfileItem,
  StudentsRepository,
} from './students.repository';

export interface GuardianContact {
  guardianId: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  userId: string | null;
  /** Processing restricted (PRV-02): only account messages may go to this guardian. */
  restricted: boolean;
}

const CHUNK = 500;

async function inChunks<T, R>(ids: T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

const fullNameOf = (s: { firstName: string; lastName: string }) => `${s.firstName} ${s.lastName}`.trim();

/**
 * What other modules may know about students: rosters, names, guardians and their contacts, and whether
 * the caller may see a student (AZ-03). The only door other modules use into the students module.
 */
@Injectable()
export class StudentDirectory {
  constructor(
    private readonly crypto: StudentsCrypto,
    private readonly students: StudentsRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly guardians: GuardiansRepository,
    private readonly links: StudentGuardiansRepository,
    private readonly academics: AcademicsService,
    private readonly policy: StudentAccessPolicy,
  ) {}

  /** How many of the institution's students have a status (the admin dashboard; one indexed count). */
  countWithStatus(status: Student['status']): Promise<number> {
    return this.students.countWithStatus(status);
  }

  /** Which students the caller may reach (AZ-03). */
  scope(): Promise<StudentScope> {
    return this.policy.scope();
  }

  /** Section and class names for enrolment views, read once per call. */
  async sectionDirectory(): Promise<SectionDirectory> {
    const [classes, sections] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSections(),
    ]);
    const classById = new Map(classes.map((c) => [c.id, c]));
    return new Map(
      sections.map((s) => [
        s.id,
        { sectionName: s.name, classId: s.classId, className: classById.get(s.classId)?.name ?? '' },
      ]),
    );
  }

  /** The view of each student's active enrolment this year (one query). */
  async currentEnrolmentViews(ids: string[]): Promise<(id: string) => EnrolmentView | null> {
    const [year, dir] = await Promise.all([this.academics.findCurrentYear(), this.sectionDirectory()]);
    const active = year
      ? (await this.enrolments.inYearForStudents(year.id, ids)).filter((e) => e.status === 'active')
      : [];
    return (id) => enrolmentView(dir, year?.id ?? null, active.find((e) => e.studentId === id) ?? null);
  }

  /**
   * The students among `ids` the caller may see, in the order asked; the others are left out, so a caller
   * cannot tell an unseen student from a missing one (AZ-03, TEN-04). A query per 500 ids, not per id.
   */
  async visibleMany(ids: string[]): Promise<Student[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const scope = await this.policy.scope();
    let allowed: (id: string) => boolean = () => true;
    if (scope.kind === 'students') allowed = (id) => scope.studentIds.includes(id);
    if (scope.kind === 'sections') {
      const year = await this.academics.findCurrentYear();
      const inScope = new Set(
        (year ? await inChunks(unique, (c) => this.enrolments.inYearForStudents(year.id, c)) : [])
          .filter((e) => e.status === 'active' && scope.sectionIds.includes(e.sectionId))
          .map((e) => e.studentId),
      );
      allowed = (id) => inScope.has(id);
    }
    const candidates = unique.filter(allowed);
    const byId = new Map((await inChunks(candidates, (c) => this.students.byIds(c))).map((s) => [s.id, s]));
    return unique.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  }

  /**
   * A student's profile columns and current enrolment if the caller may see them, otherwise not found
   * (AZ-03, TEN-04), in one statement: a teacher's sections are checked against the active enrolment this
   * year that the same statement reads (as `visibleMany` does with its own read).
   */
  async visibleProfile(
    id: string,
  ): Promise<{ student: StudentProfileItem; enrolment: EnrolmentView | null }> {
    const scope = await this.policy.scope();
    if (scope.kind === 'students' && !scope.studentIds.includes(id)) throw new NotFoundError('The student');
    const [year, dir] = await Promise.all([this.academics.findCurrentYear(), this.sectionDirectory()]);
    const row = await this.students.profileRow(id, year?.id ?? null);
    const inSections = (sectionId: string | undefined) =>
      scope.kind !== 'sections' || (sectionId !== undefined && scope.sectionIds.includes(sectionId));
    if (!row || !inSections(row.enrolment?.sectionId)) throw new NotFoundError('The student');
    return { student: row.student, enrolment: enrolmentView(dir, year?.id ?? null, row.enrolment) };
  }

  /** The student if the caller may see them; otherwise not found (AZ-03, TEN-04). */
  async visible(id: string): Promise<Student> {
    const [student] = await this.visibleMany([id]);
    if (!student) throw new NotFoundError('The student');
    return student;
  }

  /** Students actively enrolled this year in a section, by roll number: a register's rows. */
  async roster(
    sectionId: string,
  ): Promise<{ studentId: string; fullName: string; admissionNo: string; rollNo: number | null }[]> {
    const year = await this.academics.findCurrentYear();
    if (!year) return [];
    const enrolments = await this.enrolments.activeInSections(year.id, [sectionId]);
    const students = new Map(
      (await this.students.labelsByIds(enrolments.map((e) => e.studentId))).map((s) => [s.id, s]),
    );
    return enrolments
      .filter((e) => students.has(e.studentId))
      .map((e) => {
        const s = students.get(e.studentId)!;
        return { studentId: s.id, fullName: fullNameOf(s), admissionNo: s.admissionNo, rollNo: e.rollNo };
      })
      .sort((a, b) => (a.rollNo ?? 1e9) - (b.rollNo ?? 1e9) || a.fullName.localeCompare(b.fullName));
  }

  /**
   * A section's students in one academic year, by roll number: those enrolled there that year, active or
   * since promoted out of it. Exams read a term's section through this, so last year's marks, results and
   * report cards keep their rows after promotion (the register's `roster` is this year's active students).
   */
  async sectionRoster(
    sectionId: string,
    yearId: string,
  ): Promise<{ studentId: string; fullName: string; admissionNo: string; rollNo: number | null }[]> {
    const enrolments = await this.enrolments.ofSectionYear(yearId, sectionId);
    const students = new Map(
      (
        await inChunks([...new Set(enrolments.map((e) => e.studentId))], (c) => this.students.labelsByIds(c))
      ).map((s) => [s.id, s]),
    );
    return enrolments
      .filter((e) => students.has(e.studentId))
      .map((e) => {
        const s = students.get(e.studentId)!;
        return { studentId: s.id, fullName: fullNameOf(s), admissionNo: s.admissionNo, rollNo: e.rollNo };
      })
      .sort((a, b) => (a.rollNo ?? 1e9) - (b.rollNo ?? 1e9) || a.fullName.localeCompare(b.fullName));
  }

  /** Ids of the students actively enrolled this year in a section (one query). */
  async rosterIds(sectionId: string): Promise<string[]> {
    const year = await this.academics.findCurrentYear();
    return year ? this.enrolments.activeStudentIds(year.id, sectionId) : [];
  }

  /** Students' display names, for messages to their families. */
  async namesOf(studentIds: string[]): Promise<Map<string, string>> {
    const rows = await inChunks(studentIds, (c) => this.students.namesByIds(c));
    return new Map(rows.map((s) => [s.id, fullNameOf(s)]));
  }

  /** Names and current sections of students, for reports. */
  async directory(
    studentIds: string[],
  ): Promise<Map<string, { fullName: string; admissionNo: string; sectionId: string | null }>> {
    const year = await this.academics.findCurrentYear();
    const out = new Map<string, { fullName: string; admissionNo: string; sectionId: string | null }>();
    for (let i = 0; i < studentIds.length; i += CHUNK) {
      const chunk = studentIds.slice(i, i + CHUNK);
      const [students, enrolments] = await Promise.all([
        this.students.labelsByIds(chunk),
        year ? this.enrolments.inYearForStudents(year.id, chunk) : [],
      ]);
      for (const s of students) {
        const e = enrolments.find((x) => x.studentId === s.id && x.status === 'active');
        out.set(s.id, {
          fullName: fullNameOf(s),
          admissionNo: s.admissionNo,
          sectionId: e?.sectionId ?? null,
        });
      }
    }
    return out;
  }

  /** The section a student is in this year, or null. */
  async currentSectionOf(studentId: string): Promise<string | null> {
    const year = await this.academics.findCurrentYear();
    const e = year ? await this.enrolments.inYear(year.id, studentId) : null;
    return e && e.status === 'active' ? e.sectionId : null;
  }

  /** Guardian ids of each student, for messages to families. */
  async guardianIdsOf(studentIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const l of await inChunks(studentIds, (c) => this.links.ofStudents(c)))
      out.set(l.studentId, [...(out.get(l.studentId) ?? []), l.guardianId]);
    return out;
  }

  /**
   * Each student's display name and guardian ids, for messages to their families, in one statement per
   * 500 students; students without a guardian are left out (nobody to message).
   */
  async familiesOf(studentIds: string[]): Promise<Map<string, { fullName: string; guardianIds: string[] }>> {
    const out = new Map<string, { fullName: string; guardianIds: string[] }>();
    for (const r of await inChunks([...new Set(studentIds)], (c) => this.links.guardiansWithNamesOf(c))) {
      const family = out.get(r.studentId) ?? { fullName: fullNameOf(r), guardianIds: [] };
      family.guardianIds.push(r.guardianId);
      out.set(r.studentId, family);
    }
    return out;
  }

  /** The guardian with this phone (blind index), for linking accounts. */
  async guardianIdByPhone(phone: string): Promise<string | null> {
    const bidx = this.crypto.index('phone', phone);
    return bidx ? ((await this.guardians.byPhoneIndexes([bidx]))[0]?.id ?? null) : null;
  }

  /**
   * Names and decrypted contacts of guardians, for messages to families (the notifications module);
   * `userId` is the parent account linked to the guardian. Unknown ids are left out.
   */
  async guardianContacts(guardianIds: string[]): Promise<GuardianContact[]> {
    const rows: Guardian[] = await inChunks([...new Set(guardianIds)], (c) => this.guardians.byIds(c));
    return Promise.all(
      rows.map(async (g) => ({
        guardianId: g.id,
        fullName: g.fullName,
        ...(await this.crypto.openGuardian(g)),
        userId: g.userId,
        restricted: Boolean(g.processingRestricted),
      })),
    );
  }

  /**
   * Restricts or lifts the restriction of processing of a student or guardian (set only by the privacy
   * module's restriction requests); answers whether the subject exists.
   */
  setProcessingRestricted(type: 'student' | 'guardian', id: string, restricted: boolean): Promise<boolean> {
    return type === 'student'
      ? this.students.setProcessingRestricted(id, restricted)
      : this.guardians.setProcessingRestricted(id, restricted);
  }

  /** The students among `ids` whose processing is restricted (exports and analytics leave them out). */
  restrictedStudentIds(ids: string[]): Promise<Set<string>> {
    return this.students.restrictedAmong(ids);
  }

  async studentIdByAdmissionNo(admissionNo: string): Promise<string | null> {
    return (await this.students.byAdmissionNo(admissionNo))?.id ?? null;
  }
}
