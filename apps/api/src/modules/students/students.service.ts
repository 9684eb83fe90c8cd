import { Injectable } from '@nestjs/common';
import { PAGE_LIMIT_DEFAULT, type StudentProfile, type StudentSummary } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { DomainEvents } from '../../platform/events/domain-events';
import type { Page } from '../../platform/http/page-query';
import type { CsvFile } from '../../platform/http/send-csv';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { Enrolment, Gender, Student, StudentStatus } from './entities/student.entities';
import { GuardianInput, GuardiansService } from './guardians.service';
import { SchoolUsers } from './school-users';
import { StudentConsentGate } from './student-consents';
import { StudentDirectory } from './student-directory';
import { StudentViews, enrolmentView } from './student-view';
import { STUDENT_SEALED, StudentsCrypto } from './students.crypto';
import { AdmissionNumberTakenError } from './students.errors';
import { nameSearchOf, searchKeyOf } from './student-search-key';
import {
  EnrolmentsRepository,
  StudentListFilter,
  StudentSort,
  StudentsRepository,
} from './students.repository';

export type { GuardianInput } from './guardians.service';

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

const EXPORT_COLUMNS = [
  'admission_no',
  'first_name',
  'last_name',
  'date_of_birth',
  'gender',
  'admission_date',
  'status',
  'class',
  'section',
  'roll_no',
];

/** Student records: create, edit, list within the caller's scope, reveal, enrolment changes. */
@Injectable()
export class StudentsService {
  constructor(
    private readonly db: Database,
    private readonly crypto: StudentsCrypto,
    private readonly students: StudentsRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly academics: AcademicsService,
    private readonly directory: StudentDirectory,
    private readonly guardians: GuardiansService,
    private readonly views: StudentViews,
    private readonly audit: AuditService,
    private readonly consentGate: StudentConsentGate,
    private readonly events: DomainEvents,
    private readonly users: SchoolUsers,
  ) {}

  /**
   * The filtered list (every page, within the caller scope) as a CSV file. DAT-04: exports carry sensitive
   * fields only; highly sensitive ones (national ID, medical, address, contacts) never. The rows are read
   * here, inside the request's context (tenant and caller scope), before anything is sent.
   */
  async exportCsv(query: Omit<StudentListQuery, 'limit' | 'cursor'>): Promise<CsvFile> {
    const rows: unknown[][] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...query, limit: 200, cursor });
      // PRV-02: a student whose processing is restricted is left out of exports.
      const restricted = await this.students.restrictedAmong(page.items.map((s) => s.id));
      for (const s of page.items) {
        if (restricted.has(s.id)) continue;
        rows.push([
          s.admissionNo,
          s.firstName,
          s.lastName,
          s.dateOfBirth,
          s.gender,
          s.admissionDate,
          s.status,
          s.enrolment?.className,
          s.enrolment?.sectionName,
          s.enrolment?.rollNo,
        ]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return {
      filename: `students-${new Date().toISOString().slice(0, 10)}.csv`,
      header: EXPORT_COLUMNS,
      rows,
      noStore: true,
    };
  }

  async list(query: StudentListQuery): Promise<Page<StudentSummary>> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const sort = query.sort ?? 'name';
    const [scope, year, dir] = await Promise.all([
      this.directory.scope(),
      this.academics.findCurrentYear(),
      this.directory.sectionDirectory(),
    ]);
    const classSectionIds = query.classId
      ? [...dir].filter(([, d]) => d.classId === query.classId).map(([id]) => id)
      : undefined;
    const yearId = year?.id ?? null;
    const scoped: Pick<StudentListFilter, 'onlySectionIds' | 'onlyStudentIds' | 'currentYearId'> =
      scope.kind === 'sections'
        ? { onlySectionIds: scope.sectionIds, currentYearId: yearId }
        : scope.kind === 'students'
          ? { onlyStudentIds: scope.studentIds, currentYearId: yearId }
          : { currentYearId: yearId };
    const { q, admissionNo, status, sectionId } = query;
    const filter = { q, admissionNo, status, sectionId, classSectionIds, ...scoped };
    const rows = await this.students.page(filter, sort, limit + 1, decodeCursor(query.cursor));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.views.summary(r.student, enrolmentView(dir, yearId, r.enrolment))),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(
              sort === 'name' ? last.student.nameSearch : last.student.admissionNo,
              last.student.id,
            )
          : null,
    };
  }

  private async profileOf(student: Student, reveal: boolean): Promise<StudentProfile> {
    const view = (await this.directory.currentEnrolmentViews([student.id]))(student.id);
    return this.views.profile(student, view, await this.guardians.viewsOf(student.id, reveal), reveal);
  }

  /** A student's profile: two statements (student with enrolment, guardians with links) once caches are warm. */
  async get(id: string): Promise<StudentProfile> {
    const { student, enrolment } = await this.directory.visibleProfile(id);
    return this.views.profile(student, enrolment, await this.guardians.viewsOf(id, false), false);
  }

  /** Shows the highly sensitive fields in clear; every reveal is audited (students.sensitive.reveal). */
  async reveal(id: string): Promise<StudentProfile> {
    const { student, enrolment } = await this.directory.visibleProfile(id);
    await this.audit.record({
      action: 'students.reveal',
      targetType: 'student',
      targetId: id,
      details: { fields: ['nationalId', 'medicalNotes', 'address', 'guardians.phone', 'guardians.email'] },
    });
    return this.views.profile(student, enrolment, await this.guardians.viewsOf(id, true), true);
  }

  private async checkSection(sectionId: string | null | undefined): Promise<void> {
    if (sectionId)
      await this.academics.section(sectionId).catch(() => {
        throw new ValidationFailedError([
          { field: 'sectionId', message: 'no section of this institution has that id' },
        ]);
      });
  }

  async create(input: StudentInput): Promise<StudentProfile> {
    await this.checkSection(input.sectionId);
    await this.crypto.ready();
    const student = await this.db.transaction(async () => {
      if (await this.students.byAdmissionNo(input.admissionNo))
        throw new AdmissionNumberTakenError(input.admissionNo);
      const id = uuidv7();
      await this.students.add([
        {
          id,
          admissionNo: input.admissionNo,
          firstName: input.firstName.trim(),
          lastName: input.lastName.trim(),
          nameSearch: nameSearchOf(input.firstName, input.lastName),
          searchKey: searchKeyOf(input.firstName, input.lastName, input.admissionNo),
          dateOfBirth: input.dateOfBirth,
          gender: input.gender,
          admissionDate: input.admissionDate,
          status: input.status ?? 'active',
          ...(await this.crypto.sealWholeStudent(id, input)),
          userId: null,
        },
      ]);
      if (input.sectionId) {
        const year = await this.academics.currentYear();
        await this.enrol(year.id, id, input.sectionId, input.rollNo ?? null, null);
      }
      for (const [i, g] of (input.guardians ?? []).entries()) await this.guardians.addInTx(id, g, i === 0);
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

  /** Enrols the student this year in the section, or moves this year's enrolment there; publishes it. */
  private async enrol(
    academicYearId: string,
    studentId: string,
    sectionId: string,
    rollNo: number | null,
    current: Enrolment | null,
  ): Promise<void> {
    if (current) await this.enrolments.move(current.id, sectionId, rollNo);
    else
      await this.enrolments.add([
        { id: uuidv7(), studentId, academicYearId, sectionId, rollNo, status: 'active' },
      ]);
    if (!current || current.status === 'active')
      await this.events.publish('students.enrolled', [{ studentId, academicYearId, sectionId }]);
  }

  async update(id: string, patch: Partial<StudentInput>): Promise<StudentProfile> {
    const before = await this.directory.visible(id);
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
      if (set.firstName !== undefined || set.lastName !== undefined || set.admissionNo !== undefined) {
        const [first, last] = [set.firstName ?? before.firstName, set.lastName ?? before.lastName];
        set.nameSearch = nameSearchOf(first, last);
        set.searchKey = searchKeyOf(first, last, set.admissionNo ?? before.admissionNo);
      }
      Object.assign(set, await this.crypto.sealStudent(id, patch));
      for (const field of Object.keys(STUDENT_SEALED) as (keyof typeof STUDENT_SEALED)[])
        if (patch[field] !== undefined) changes[field] = { changed: true };
      if (Object.keys(set).length) await this.students.patch(id, set);
      if (patch.sectionId !== undefined && patch.sectionId !== null) {
        const year = await this.academics.currentYear();
        const enrolment = await this.enrolments.inYear(year.id, id);
        await this.enrol(year.id, id, patch.sectionId, patch.rollNo ?? enrolment?.rollNo ?? null, enrolment);
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

  async linkStudentAccount(studentId: string, userId: string | null): Promise<void> {
    await this.db.transaction(async () => {
      const student = await this.students.byId(studentId);
      if (!student) throw new NotFoundError('The student');
      if (userId) await this.users.require(userId);
      if (userId) await this.consentGate.requireAccountConsent(student);
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

function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify({ key, id })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { key: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const after = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      key: string;
      id: string;
    };
    if (typeof after.key !== 'string' || typeof after.id !== 'string') throw new Error('shape');
    return after;
  } catch {
    throw new ValidationFailedError([{ field: 'cursor', message: 'is not one this API issued' }]);
  }
}
