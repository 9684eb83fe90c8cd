import { Injectable } from '@nestjs/common';
import { PAGE_LIMIT_DEFAULT } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { Gender, Guardian, Relationship, Student, StudentStatus } from './entities/student.entities';
import { EnrolmentEvents } from './enrolment-events';
import { StudentAccessPolicy, StudentScope } from './student-access.policy';
import {
  EnrolmentView,
  GuardianView,
  StudentProfile,
  StudentSummary,
  StudentViews,
  guardianCell,
  studentCell,
} from './student-view';
import { AdmissionNumberTakenError } from './students.errors';
import {
  EnrolmentsRepository,
  GuardiansRepository,
  StudentGuardiansRepository,
  StudentListFilter,
  StudentSort,
  StudentsRepository,
} from './students.repository';

export interface GuardianInput {
  fullName: string;
  relationship: Relationship;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  isPrimary?: boolean;
}

export interface StudentInput {
  admissionNo: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: Gender;
  admissionDate: string;
  status?: StudentStatus;
  nationalId?: string | null;
  medicalNotes?: string | null;
  address?: string | null;
  sectionId?: string | null;
  rollNo?: number | null;
  guardians?: GuardianInput[];
}

export interface StudentListQuery {
  q?: string;
  admissionNo?: string;
  classId?: string;
  sectionId?: string;
  status?: StudentStatus;
  sort?: StudentSort;
  limit?: number;
  cursor?: string;
}

const ENCRYPTED: Record<'nationalId' | 'medicalNotes' | 'address', string> = {
  nationalId: 'national_id_enc',
  medicalNotes: 'medical_notes_enc',
  address: 'address_enc',
};

export function nameSearchOf(first: string, last: string): string {
  return `${first} ${last}`.trim().toLowerCase().slice(0, 201);
}

/** Student records: create, edit, list and search within the caller's scope, reveal and export. */
@Injectable()
export class StudentsService {
  constructor(
    private readonly db: Database,
    private readonly crypto: FieldCrypto,
    private readonly students: StudentsRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly guardians: GuardiansRepository,
    private readonly links: StudentGuardiansRepository,
    private readonly academics: AcademicsService,
    private readonly policy: StudentAccessPolicy,
    private readonly views: StudentViews,
    private readonly audit: AuditService,
    private readonly enrolmentEvents: EnrolmentEvents,
  ) {}

  /** Section and class names for enrolment views, read once per call. */
  async sectionDirectory(): Promise<
    Map<string, { sectionName: string; classId: string; className: string }>
  > {
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

  private enrolmentView(
    dir: Map<string, { sectionName: string; classId: string; className: string }>,
    yearId: string | null,
    e: { sectionId: string; rollNo: number | null } | null,
  ): EnrolmentView | null {
    if (!e || !yearId) return null;
    const d = dir.get(e.sectionId);
    return d ? { academicYearId: yearId, sectionId: e.sectionId, rollNo: e.rollNo, ...d } : null;
  }

  private filterFor(
    scope: StudentScope,
    yearId: string | null,
  ): Pick<StudentListFilter, 'onlySectionIds' | 'onlyStudentIds' | 'currentYearId'> {
    if (scope.kind === 'sections') return { onlySectionIds: scope.sectionIds, currentYearId: yearId };
    if (scope.kind === 'students') return { onlyStudentIds: scope.studentIds, currentYearId: yearId };
    return { currentYearId: yearId };
  }

  async list(query: StudentListQuery): Promise<{ items: StudentSummary[]; nextCursor: string | null }> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const sort = query.sort ?? 'name';
    const [scope, year, dir] = await Promise.all([
      this.policy.scope(),
      this.academics.findCurrentYear(),
      this.sectionDirectory(),
    ]);
    const classSectionIds = query.classId
      ? [...dir].filter(([, d]) => d.classId === query.classId).map(([id]) => id)
      : undefined;
    let after: { key: string; id: string } | undefined;
    if (query.cursor) {
      try {
        after = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as {
          key: string;
          id: string;
        };
        if (typeof after.key !== 'string' || typeof after.id !== 'string') throw new Error('shape');
      } catch {
        throw new ValidationFailedError([{ field: 'cursor', message: 'is not one this API issued' }]);
      }
    }
    const rows = await this.students.page(
      {
        q: query.q,
        admissionNo: query.admissionNo,
        status: query.status,
        sectionId: query.sectionId,
        classSectionIds,
        ...this.filterFor(scope, year?.id ?? null),
      },
      sort,
      limit + 1,
      after,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) =>
        this.views.summary(r.student, this.enrolmentView(dir, year?.id ?? null, r.enrolment)),
      ),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(
              JSON.stringify({
                key: sort === 'name' ? last.student.nameSearch : last.student.admissionNo,
                id: last.student.id,
              }),
            ).toString('base64url')
          : null,
    };
  }

  /** The student if the caller may see them; otherwise not found (AZ-03, TEN-04). */
  async visible(id: string): Promise<Student> {
    const student = await this.students.byId(id);
    if (!student) throw new NotFoundError('The student');
    const scope = await this.policy.scope();
    if (scope.kind === 'students' && !scope.studentIds.includes(id)) throw new NotFoundError('The student');
    if (scope.kind === 'sections') {
      const year = await this.academics.findCurrentYear();
      const enrolment = year ? await this.enrolments.inYear(year.id, id) : null;
      if (!enrolment || enrolment.status !== 'active' || !scope.sectionIds.includes(enrolment.sectionId))
        throw new NotFoundError('The student');
    }
    return student;
  }

  private async guardianViews(studentId: string, reveal: boolean): Promise<GuardianView[]> {
    const links = await this.links.ofStudent(studentId);
    const guardians = await this.guardians.byIds(links.map((l) => l.guardianId));
    const byId = new Map(guardians.map((g) => [g.id, g]));
    const views = await Promise.all(
      links.map((l) => this.views.guardian(byId.get(l.guardianId)!, l, reveal)),
    );
    return views.sort(
      (a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.fullName.localeCompare(b.fullName),
    );
  }

  private async profileOf(student: Student, reveal: boolean): Promise<StudentProfile> {
    const [year, dir] = await Promise.all([this.academics.findCurrentYear(), this.sectionDirectory()]);
    const enrolment = year ? await this.enrolments.inYear(year.id, student.id) : null;
    const view = this.enrolmentView(
      dir,
      year?.id ?? null,
      enrolment && enrolment.status === 'active' ? enrolment : null,
    );
    return this.views.profile(student, view, await this.guardianViews(student.id, reveal), reveal);
  }

  async get(id: string): Promise<StudentProfile> {
    return this.profileOf(await this.visible(id), false);
  }

  /** Shows the highly sensitive fields in clear; every reveal is audited (students.sensitive.reveal). */
  async reveal(id: string): Promise<StudentProfile> {
    const student = await this.visible(id);
    await this.audit.record({
      action: 'students.reveal',
      targetType: 'student',
      targetId: id,
      details: { fields: ['nationalId', 'medicalNotes', 'address', 'guardians.phone', 'guardians.email'] },
    });
    return this.profileOf(student, true);
  }

  private async checkSection(sectionId: string | null | undefined): Promise<void> {
    if (sectionId)
      await this.academics.section(sectionId).catch(() => {
        throw new ValidationFailedError([
          { field: 'sectionId', message: 'no section of this institution has that id' },
        ]);
      });
  }

  /** Encrypts a guardian's contacts and finds an existing guardian with the same phone (siblings). */
  async prepareGuardian(
    input: GuardianInput,
  ): Promise<{ existing: Guardian | null; row: Omit<Guardian, 'tenantId'> }> {
    const phoneBidx = this.crypto.blindIndex('phone', input.phone);
    const existing = phoneBidx ? ((await this.guardians.byPhoneIndexes([phoneBidx]))[0] ?? null) : null;
    const id = existing?.id ?? uuidv7();
    return {
      existing,
      row: {
        id,
        fullName: input.fullName.trim(),
        phoneEnc: await this.crypto.encrypt(guardianCell(id, 'phone_enc'), input.phone),
        phoneBidx,
        emailEnc: await this.crypto.encrypt(guardianCell(id, 'email_enc'), input.email?.trim().toLowerCase()),
        emailBidx: this.crypto.blindIndex('email', input.email),
        addressEnc: await this.crypto.encrypt(guardianCell(id, 'address_enc'), input.address),
        userId: existing?.userId ?? null,
      },
    };
  }

  async create(input: StudentInput): Promise<StudentProfile> {
    await this.checkSection(input.sectionId);
    await this.crypto.ready();
    const student = await this.db.transaction(async () => {
      if (await this.students.byAdmissionNo(input.admissionNo))
        throw new AdmissionNumberTakenError(input.admissionNo);
      const id = uuidv7();
      const row = {
        id,
        admissionNo: input.admissionNo,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        nameSearch: nameSearchOf(input.firstName, input.lastName),
        dateOfBirth: input.dateOfBirth,
        gender: input.gender,
        admissionDate: input.admissionDate,
        status: input.status ?? 'active',
        nationalIdEnc: await this.crypto.encrypt(studentCell(id, ENCRYPTED.nationalId), input.nationalId),
        nationalIdBidx: this.crypto.blindIndex('national_id', input.nationalId),
        medicalNotesEnc: await this.crypto.encrypt(
          studentCell(id, ENCRYPTED.medicalNotes),
          input.medicalNotes,
        ),
        addressEnc: await this.crypto.encrypt(studentCell(id, ENCRYPTED.address), input.address),
        userId: null,
      };
      await this.students.add([row]);
      if (input.sectionId) {
        const year = await this.academics.currentYear();
        await this.enrolments.add([
          {
            id: uuidv7(),
            studentId: id,
            academicYearId: year.id,
            sectionId: input.sectionId,
            rollNo: input.rollNo ?? null,
            status: 'active',
          },
        ]);
        await this.enrolmentEvents.enrolled([
          { studentId: id, academicYearId: year.id, sectionId: input.sectionId },
        ]);
      }
      for (const [i, g] of (input.guardians ?? []).entries()) await this.addGuardianInTx(id, g, i === 0);
      await this.audit.record({
        action: 'students.create',
        targetType: 'student',
        targetId: id,
        details: {
          admissionNo: input.admissionNo,
          sectionId: input.sectionId ?? null,
          guardians: (input.guardians ?? []).length,
        },
      });
      return (await this.students.byId(id))!;
    });
    return this.profileOf(student, false);
  }

  private async addGuardianInTx(
    studentId: string,
    input: GuardianInput,
    primaryByDefault: boolean,
  ): Promise<string> {
    const { existing, row } = await this.prepareGuardian(input);
    if (!existing) await this.guardians.add([row]);
    if (!(await this.links.exists_(studentId, row.id))) {
      await this.links.link({
        studentId,
        guardianId: row.id,
        relationship: input.relationship,
        isPrimary: input.isPrimary ?? primaryByDefault,
      });
    }
    return row.id;
  }

  async addGuardian(studentId: string, input: GuardianInput): Promise<GuardianView[]> {
    await this.visible(studentId);
    await this.crypto.ready();
    await this.db.transaction(async () => {
      const guardianId = await this.addGuardianInTx(studentId, input, false);
      await this.audit.record({
        action: 'students.guardian_add',
        targetType: 'student',
        targetId: studentId,
        details: { guardianId, relationship: input.relationship },
      });
    });
    return this.guardianViews(studentId, false);
  }

  async update(id: string, patch: Partial<StudentInput>): Promise<StudentProfile> {
    const before = await this.visible(id);
    await this.checkSection(patch.sectionId);
    await this.crypto.ready();
    await this.db.transaction(async () => {
      if (
        patch.admissionNo &&
        patch.admissionNo !== before.admissionNo &&
        (await this.students.byAdmissionNo(patch.admissionNo))
      ) {
        throw new AdmissionNumberTakenError(patch.admissionNo);
      }
      const changes: Record<string, unknown> = {};
      const set: Partial<Student> = {};
      for (const key of [
        'admissionNo',
        'firstName',
        'lastName',
        'dateOfBirth',
        'gender',
        'admissionDate',
        'status',
      ] as const) {
        if (patch[key] !== undefined && patch[key] !== before[key]) {
          changes[key] = { from: before[key], to: patch[key] };
          (set as Record<string, unknown>)[key] = patch[key];
        }
      }
      if (set.firstName !== undefined || set.lastName !== undefined)
        set.nameSearch = nameSearchOf(set.firstName ?? before.firstName, set.lastName ?? before.lastName);
      for (const [field, column] of Object.entries(ENCRYPTED) as [keyof typeof ENCRYPTED, string][]) {
        if (patch[field] === undefined) continue;
        const value = patch[field];
        (set as Record<string, unknown>)[`${field}Enc`] = await this.crypto.encrypt(
          studentCell(id, column),
          value,
        );
        if (field === 'nationalId') set.nationalIdBidx = this.crypto.blindIndex('national_id', value);
        changes[field] = { changed: true };
      }
      if (Object.keys(set).length) await this.students.patch(id, set);
      if (patch.sectionId !== undefined && patch.sectionId !== null) {
        const year = await this.academics.currentYear();
        const enrolment = await this.enrolments.inYear(year.id, id);
        if (enrolment)
          await this.enrolments.move(enrolment.id, patch.sectionId, patch.rollNo ?? enrolment.rollNo);
        else
          await this.enrolments.add([
            {
              id: uuidv7(),
              studentId: id,
              academicYearId: year.id,
              sectionId: patch.sectionId,
              rollNo: patch.rollNo ?? null,
              status: 'active',
            },
          ]);
        if (!enrolment || enrolment.status === 'active')
          await this.enrolmentEvents.enrolled([
            { studentId: id, academicYearId: year.id, sectionId: patch.sectionId },
          ]);
        changes.sectionId = { from: enrolment?.sectionId ?? null, to: patch.sectionId };
      }
      if (patch.status && patch.status !== 'active' && patch.status !== before.status) {
        const year = await this.academics.findCurrentYear();
        const enrolment = year ? await this.enrolments.inYear(year.id, id) : null;
        if (enrolment && enrolment.status === 'active') await this.enrolments.setStatus(enrolment.id, 'left');
      }
      await this.audit.record({
        action: 'students.update',
        targetType: 'student',
        targetId: id,
        details: changes,
      });
    });
    return this.profileOf((await this.students.byId(id))!, false);
  }

  /** Exact search on the national ID through its blind index (DAT-03), within the caller's scope. */
  async findByNationalId(nationalId: string): Promise<StudentSummary[]> {
    const bidx = this.crypto.blindIndex('national_id', nationalId);
    if (!bidx) return [];
    const matches = await this.students.byNationalIdIndex(bidx);
    const visible: Student[] = [];
    for (const s of matches)
      if (
        await this.visible(s.id).then(
          () => true,
          () => false,
        )
      )
        visible.push(s);
    const [year, dir] = await Promise.all([this.academics.findCurrentYear(), this.sectionDirectory()]);
    const enrolments = year
      ? await this.enrolments.inYearForStudents(
          year.id,
          visible.map((s) => s.id),
        )
      : [];
    return visible.map((s) =>
      this.views.summary(
        s,
        this.enrolmentView(
          dir,
          year?.id ?? null,
          enrolments.find((e) => e.studentId === s.id && e.status === 'active') ?? null,
        ),
      ),
    );
  }

  /** Students whose guardian has this phone or email (blind index), within scope. */
  async findByGuardianContact(kind: 'phone' | 'email', value: string): Promise<StudentSummary[]> {
    const bidx = this.crypto.blindIndex(kind, value);
    if (!bidx) return [];
    const guardians =
      kind === 'phone'
        ? await this.guardians.byPhoneIndexes([bidx])
        : await this.guardians.byEmailIndex(bidx);
    const studentIds = [
      ...new Set((await this.links.ofGuardians(guardians.map((g) => g.id))).map((l) => l.studentId)),
    ];
    const result: StudentSummary[] = [];
    const [year, dir] = await Promise.all([this.academics.findCurrentYear(), this.sectionDirectory()]);
    for (const id of studentIds) {
      const s = await this.visible(id).catch(() => null);
      if (!s) continue;
      const e = year ? await this.enrolments.inYear(year.id, id) : null;
      result.push(
        this.views.summary(
          s,
          this.enrolmentView(dir, year?.id ?? null, e && e.status === 'active' ? e : null),
        ),
      );
    }
    return result;
  }

  /** Students actively enrolled this year in a section, by roll number: a register's rows. */
  async roster(
    sectionId: string,
  ): Promise<{ studentId: string; fullName: string; admissionNo: string; rollNo: number | null }[]> {
    const year = await this.academics.findCurrentYear();
    if (!year) return [];
    const enrolments = await this.enrolments.activeInSections(year.id, [sectionId]);
    const students = new Map(
      (await this.students.byIds(enrolments.map((e) => e.studentId))).map((s) => [s.id, s]),
    );
    return enrolments
      .filter((e) => students.has(e.studentId))
      .map((e) => {
        const s = students.get(e.studentId)!;
        return {
          studentId: s.id,
          fullName: `${s.firstName} ${s.lastName}`.trim(),
          admissionNo: s.admissionNo,
          rollNo: e.rollNo,
        };
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
    const out = new Map<string, string>();
    for (let i = 0; i < studentIds.length; i += 500)
      for (const s of await this.students.namesByIds(studentIds.slice(i, i + 500)))
        out.set(s.id, `${s.firstName} ${s.lastName}`.trim());
    return out;
  }

  /** Names and current sections of students, for reports. */
  async directory(
    studentIds: string[],
  ): Promise<Map<string, { fullName: string; admissionNo: string; sectionId: string | null }>> {
    const year = await this.academics.findCurrentYear();
    const out = new Map<string, { fullName: string; admissionNo: string; sectionId: string | null }>();
    for (let i = 0; i < studentIds.length; i += 500) {
      const chunk = studentIds.slice(i, i + 500);
      const [students, enrolments] = await Promise.all([
        this.students.byIds(chunk),
        year ? this.enrolments.inYearForStudents(year.id, chunk) : [],
      ]);
      for (const s of students) {
        const e = enrolments.find((x) => x.studentId === s.id && x.status === 'active');
        out.set(s.id, {
          fullName: `${s.firstName} ${s.lastName}`.trim(),
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
    for (let i = 0; i < studentIds.length; i += 500) {
      const links = await this.links.ofStudents(studentIds.slice(i, i + 500));
      for (const l of links) out.set(l.studentId, [...(out.get(l.studentId) ?? []), l.guardianId]);
    }
    return out;
  }

  /** The guardian with this phone (blind index), for linking accounts. */
  async guardianIdByPhone(phone: string): Promise<string | null> {
    const bidx = this.crypto.blindIndex('phone', phone);
    return bidx ? ((await this.guardians.byPhoneIndexes([bidx]))[0]?.id ?? null) : null;
  }

  /**
   * Names and decrypted contacts of guardians, for messages to families (the notifications module);
   * `userId` is the parent account linked to the guardian. Unknown ids are left out.
   */
  async guardianContacts(guardianIds: string[]): Promise<
    {
      guardianId: string;
      fullName: string;
      phone: string | null;
      email: string | null;
      userId: string | null;
    }[]
  > {
    const rows: Guardian[] = [];
    const ids = [...new Set(guardianIds)];
    for (let i = 0; i < ids.length; i += 500)
      rows.push(...(await this.guardians.byIds(ids.slice(i, i + 500))));
    return Promise.all(
      rows.map(async (g) => ({
        guardianId: g.id,
        fullName: g.fullName,
        phone: await this.crypto.decrypt(guardianCell(g.id, 'phone_enc'), g.phoneEnc),
        email: await this.crypto.decrypt(guardianCell(g.id, 'email_enc'), g.emailEnc),
        userId: g.userId,
      })),
    );
  }

  async studentIdByAdmissionNo(admissionNo: string): Promise<string | null> {
    return (await this.students.byAdmissionNo(admissionNo))?.id ?? null;
  }

  /** Links a parent user account to a guardian: the parent then sees that guardian's children. */
  async linkParentAccount(guardianId: string, userId: string | null): Promise<void> {
    await this.db.transaction(async () => {
      const guardian = await this.guardians.byId(guardianId);
      if (!guardian) throw new NotFoundError('The guardian');
      if (userId) {
        const other = await this.guardians.byUserId(userId);
        if (other && other.id !== guardianId)
          throw new ValidationFailedError([
            { field: 'userId', message: 'that account is already linked to another guardian' },
          ]);
      }
      await this.guardians.patch(guardianId, { userId });
      await this.audit.record({
        action: 'students.guardian_account',
        targetType: 'guardian',
        targetId: guardianId,
        details: { userId: { from: guardian.userId, to: userId } },
      });
    });
  }

  async linkStudentAccount(studentId: string, userId: string | null): Promise<void> {
    await this.db.transaction(async () => {
      const student = await this.students.byId(studentId);
      if (!student) throw new NotFoundError('The student');
      await this.students.patch(studentId, { userId });
      await this.audit.record({
        action: 'students.student_account',
        targetType: 'student',
        targetId: studentId,
        details: { userId: { from: student.userId, to: userId } },
      });
    });
  }
}
