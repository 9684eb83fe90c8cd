import { Injectable } from '@nestjs/common';
import { Brackets, In } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Enrolment, Guardian, Student, StudentGuardian, StudentStatus } from './entities/student.entities';
import { likeContains, likeStartsWith, normaliseSearchText } from './student-search-key';
import { placeholders } from '../../platform/database/placeholders';

export interface StudentListFilter {
  q?: string;
  admissionNo?: string;
  classSectionIds?: string[];
  sectionId?: string;
  status?: StudentStatus;
  /** Only these students (ownership: parent, student) */
  onlyStudentIds?: string[];
  /** Only students enrolled this year in these sections (ownership: teacher) */
  onlySectionIds?: string[];
  currentYearId: string | null;
}

export type StudentSort = 'name' | 'admissionNo';

/** What a list row needs of a student: no encrypted column is read for a list. */
export type StudentListItem = Pick<
  Student,
  | 'id'
  | 'admissionNo'
  | 'firstName'
  | 'lastName'
  | 'nameSearch'
  | 'dateOfBirth'
  | 'gender'
  | 'admissionDate'
  | 'status'
>;

export interface StudentRow {
  student: StudentListItem;
  enrolment: { sectionId: string; rollNo: number | null } | null;
}

/** What a student's profile needs of the student row (no search keys or timestamps). */
export type StudentProfileItem = StudentListItem &
  Pick<Student, 'nationalIdEnc' | 'medicalNotesEnc' | 'addressEnc' | 'userId'>;

/** A guardian's profile columns and the link that ties them to one student. */
export interface LinkedGuardianRow {
  guardian: Pick<Guardian, 'id' | 'fullName' | 'phoneEnc' | 'emailEnc' | 'userId'>;
  link: Pick<StudentGuardian, 'relationship' | 'isPrimary'>;
}

interface StudentProfileRecord extends StudentListRecord {
  national_id_enc: string | null;
  medical_notes_enc: string | null;
  address_enc: string | null;
  user_id: string | null;
}

interface StudentListRecord {
  id: string;
  admission_no: string;
  first_name: string;
  last_name: string;
  name_search: string;
  date_of_birth: string;
  gender: Student['gender'];
  admission_date: string;
  status: StudentStatus;
  section_id: string | null;
  roll_no: number | string | null;
}

const listItemOf = (r: StudentListRecord): StudentListItem => ({
  id: r.id,
  admissionNo: r.admission_no,
  firstName: r.first_name,
  lastName: r.last_name,
  nameSearch: r.name_search,
  dateOfBirth: r.date_of_birth,
  gender: r.gender,
  admissionDate: r.admission_date,
  status: r.status,
});

const enrolmentOf = (r: StudentListRecord): StudentRow['enrolment'] =>
  r.section_id ? { sectionId: r.section_id, rollNo: r.roll_no === null ? null : Number(r.roll_no) } : null;

@Injectable()
export class StudentsRepository extends TenantScopedRepository<Student> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Student);
  }

  byId(id: string): Promise<Student | null> {
    return this.findOneBy({ id });
  }

  byIds(ids: string[]): Promise<Student[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** How many of the tenant's students have a status (a dashboard card; ix_students_status). */
  countWithStatus(status: Student['status']): Promise<number> {
    return this.count({ status });
  }

  /** Just the names of students (no sensitive columns read or decrypted). */
  async namesByIds(ids: string[]): Promise<{ id: string; firstName: string; lastName: string }[]> {
    if (!ids.length) return [];
    const rows = await this.sql<{ id: string; first_name: string; last_name: string }[]>(
      `SELECT id, first_name, last_name FROM students WHERE tenant_id = ? AND id IN (${placeholders(ids.length)})`,
      ids,
    );
    return rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name }));
  }

  /** Names and admission numbers of students (the audit log's labels); nothing sensitive is read. */
  async labelsByIds(
    ids: string[],
  ): Promise<{ id: string; firstName: string; lastName: string; admissionNo: string }[]> {
    if (!ids.length) return [];
    const rows = await this.sql<
      { id: string; first_name: string; last_name: string; admission_no: string }[]
    >(
      `SELECT id, first_name, last_name, admission_no FROM students WHERE tenant_id = ? AND id IN (${placeholders(ids.length)})`,
      ids,
    );
    return rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      admissionNo: r.admission_no,
    }));
  }

  byAdmissionNo(admissionNo: string): Promise<Student | null> {
    return this.findOneBy({ admissionNo });
  }

  /** Sets or lifts the restriction of processing (the privacy module); answers whether the student exists. */
  async setProcessingRestricted(id: string, restricted: boolean): Promise<boolean> {
    return (await this.update({ id }, { processingRestricted: restricted })) === 1;
  }

  /** The ids among `ids` whose processing is restricted (left out of exports). */
  async restrictedAmong(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.sql<{ id: string }[]>(
      `SELECT id FROM students WHERE tenant_id = ? AND processing_restricted = 1 AND id IN (${placeholders(ids.length)})`,
      ids,
    );
    return new Set(rows.map((r) => r.id));
  }

  byAdmissionNos(nos: string[]): Promise<Student[]> {
    return nos.length ? this.find({ where: { admissionNo: In(nos) } }) : Promise.resolve([]);
  }

  byUserId(userId: string): Promise<Student[]> {
    return this.find({ where: { userId } });
  }

  byNationalIdIndex(bidx: string): Promise<Student[]> {
    return this.find({ where: { nationalIdBidx: bidx } });
  }

  async add(rows: Insertable<Student>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.insert(rows.slice(i, i + 200));
  }

  patch(id: string, patch: Partial<Omit<Student, 'tenantId' | 'id' | 'createdAt'>>): Promise<number> {
    return this.update({ id }, { ...patch, updatedAt: new Date() });
  }

  /**
   * Rows for one page: filters, ownership and keyset pagination on (sort key, id). The hot read of the
   * student list, so one hand-written statement of the listed columns, not an entity query: TypeORM's
   * query building and hydration of every column (ciphertexts included) cost more than the query.
   */
  async page(
    filter: StudentListFilter,
    sort: StudentSort,
    limit: number,
    after?: { key: string; id: string },
  ): Promise<StudentRow[]> {
    const sortColumn = sort === 'name' ? 's.name_search' : 's.admission_no';
    // The first placeholder is the join's tenant, which sql() supplies; the WHERE names it again.
    const where: string[] = ['s.tenant_id = ?'];
    const params: unknown[] = [filter.currentYearId ?? '-', this.tenantId];
    // Any part of a first, last or full name or of an admission number, accents and case ignored; the
    // query's own %, _ and ! are literal (ESCAPE '!').
    const q = filter.q ? normaliseSearchText(filter.q) : '';
    if (q) {
      where.push("s.search_key LIKE ? ESCAPE '!'");
      params.push(likeContains(q));
    }
    if (filter.admissionNo) {
      where.push("s.admission_no LIKE ? ESCAPE '!'");
      params.push(likeStartsWith(filter.admissionNo));
    }
    if (filter.status) {
      where.push('s.status = ?');
      params.push(filter.status);
    }
    if (filter.sectionId) {
      where.push('e.section_id = ?');
      params.push(filter.sectionId);
    }
    const within = (column: string, ids: string[] | undefined) => {
      if (!ids) return;
      const list = ids.length ? ids : ['-'];
      where.push(`${column} IN (${placeholders(list.length)})`);
      params.push(...list);
    };
    within('e.section_id', filter.classSectionIds);
    within('s.id', filter.onlyStudentIds);
    within('e.section_id', filter.onlySectionIds);
    if (after) {
      where.push(`(${sortColumn} > ? OR (${sortColumn} = ? AND s.id > ?))`);
      params.push(after.key, after.key, after.id);
    }
    params.push(limit);
    const rows = await this.sql<StudentListRecord[]>(
      `SELECT s.id, s.admission_no, s.first_name, s.last_name, s.name_search, s.date_of_birth, s.gender,
              s.admission_date, s.status, e.section_id, e.roll_no
         FROM students s
         LEFT JOIN enrolments e ON e.tenant_id = ? AND e.academic_year_id = ? AND e.student_id = s.id
              AND e.status = 'active'
        WHERE ${where.join(' AND ')}
        ORDER BY ${sortColumn} ASC, s.id ASC
        LIMIT ?`,
      params,
    );
    return rows.map((r) => ({ student: listItemOf(r), enrolment: enrolmentOf(r) }));
  }

  /**
   * One student's profile columns and their active enrolment in `yearId`, in one statement (the hot read
   * of a student by id); null when the tenant has no such student.
   */
  async profileRow(
    id: string,
    yearId: string | null,
  ): Promise<{ student: StudentProfileItem; enrolment: StudentRow['enrolment'] } | null> {
    // The first placeholder is the join's tenant, which sql() supplies; the WHERE names it again.
    const rows = await this.sql<StudentProfileRecord[]>(
      `SELECT s.id, s.admission_no, s.first_name, s.last_name, s.name_search, s.date_of_birth, s.gender,
              s.admission_date, s.status, s.national_id_enc, s.medical_notes_enc, s.address_enc, s.user_id,
              e.section_id, e.roll_no
         FROM students s
         LEFT JOIN enrolments e ON e.tenant_id = ? AND e.academic_year_id = ? AND e.student_id = s.id
              AND e.status = 'active'
        WHERE s.tenant_id = ? AND s.id = ?
        ORDER BY e.id ASC
        LIMIT 1`,
      [yearId ?? '-', this.tenantId, id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      student: {
        ...listItemOf(r),
        nationalIdEnc: r.national_id_enc,
        medicalNotesEnc: r.medical_notes_enc,
        addressEnc: r.address_enc,
        userId: r.user_id,
      },
      enrolment: enrolmentOf(r),
    };
  }

  /** Rows whose encrypted columns are under an older key version, for rotation. */
  encryptedUnder(version: number, limit: number): Promise<Student[]> {
    const prefix = `f1.${version}.%`;
    return this.query('s')
      .andWhere(
        new Brackets((b) =>
          b
            .where('s.nationalIdEnc LIKE :p', { p: prefix })
            .orWhere('s.medicalNotesEnc LIKE :p')
            .orWhere('s.addressEnc LIKE :p'),
        ),
      )
      .orderBy('s.id', 'ASC')
      .limit(limit)
      .getMany();
  }
}

@Injectable()
export class EnrolmentsRepository extends TenantScopedRepository<Enrolment> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Enrolment);
  }

  ofStudent(studentId: string): Promise<Enrolment[]> {
    return this.find({ where: { studentId } });
  }

  inYear(yearId: string, studentId: string): Promise<Enrolment | null> {
    return this.findOneBy({ academicYearId: yearId, studentId });
  }

  inYearForStudents(yearId: string, studentIds: string[]): Promise<Enrolment[]> {
    return studentIds.length
      ? this.find({ where: { academicYearId: yearId, studentId: In(studentIds) } })
      : Promise.resolve([]);
  }

  /** Ids of the students active in one section in a year: the hot read of every register save. */
  async activeStudentIds(yearId: string, sectionId: string): Promise<string[]> {
    const rows = await this.sql<{ student_id: string }[]>(
      "SELECT student_id FROM enrolments WHERE tenant_id = ? AND academic_year_id = ? AND section_id = ? AND status = 'active'",
      [yearId, sectionId],
    );
    return rows.map((r) => r.student_id);
  }

  activeInSections(yearId: string, sectionIds: string[]): Promise<Enrolment[]> {
    return sectionIds.length
      ? this.find({ where: { academicYearId: yearId, sectionId: In(sectionIds), status: 'active' } })
      : Promise.resolve([]);
  }

  /** A section's enrolments in its year that completed or are completing it there: active or promoted out. */
  ofSectionYear(yearId: string, sectionId: string): Promise<Enrolment[]> {
    return this.find({ where: { academicYearId: yearId, sectionId, status: In(['active', 'promoted']) } });
  }

  async add(rows: Omit<Enrolment, 'tenantId'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.insert(rows.slice(i, i + 200));
  }

  move(id: string, sectionId: string, rollNo: number | null): Promise<number> {
    return this.update({ id }, { sectionId, rollNo });
  }

  setStatus(id: string, status: Enrolment['status']): Promise<number> {
    return this.update({ id }, { status });
  }
}

@Injectable()
export class GuardiansRepository extends TenantScopedRepository<Guardian> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Guardian);
  }

  byId(id: string): Promise<Guardian | null> {
    return this.findOneBy({ id });
  }

  byIds(ids: string[]): Promise<Guardian[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** Sets or lifts the restriction of processing (the privacy module); answers whether the guardian exists. */
  async setProcessingRestricted(id: string, restricted: boolean): Promise<boolean> {
    return (await this.update({ id }, { processingRestricted: restricted })) === 1;
  }

  /** [id, full name] of guardians (the audit log's labels); no encrypted column is read. */
  async namesByIds(ids: string[]): Promise<[string, string][]> {
    if (!ids.length) return [];
    const rows = await this.sql<{ id: string; full_name: string }[]>(
      `SELECT id, full_name FROM guardians WHERE tenant_id = ? AND id IN (${placeholders(ids.length)})`,
      ids,
    );
    return rows.map((r) => [r.id, r.full_name]);
  }

  byPhoneIndexes(indexes: string[]): Promise<Guardian[]> {
    return indexes.length ? this.find({ where: { phoneBidx: In(indexes) } }) : Promise.resolve([]);
  }

  byEmailIndex(bidx: string): Promise<Guardian[]> {
    return this.find({ where: { emailBidx: bidx } });
  }

  byUserId(userId: string): Promise<Guardian | null> {
    return this.findOneBy({ userId });
  }

  async add(rows: Omit<Guardian, 'tenantId'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.insert(rows.slice(i, i + 200));
  }

  patch(id: string, patch: Partial<Omit<Guardian, 'tenantId' | 'id'>>): Promise<number> {
    return this.update({ id }, patch);
  }

  encryptedUnder(version: number, limit: number): Promise<Guardian[]> {
    const prefix = `f1.${version}.%`;
    return this.query('g')
      .andWhere(
        new Brackets((b) =>
          b
            .where('g.phoneEnc LIKE :p', { p: prefix })
            .orWhere('g.emailEnc LIKE :p')
            .orWhere('g.addressEnc LIKE :p'),
        ),
      )
      .orderBy('g.id', 'ASC')
      .limit(limit)
      .getMany();
  }
}

@Injectable()
export class StudentGuardiansRepository extends TenantScopedRepository<StudentGuardian> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, StudentGuardian);
  }

  /** A student's guardians with their links, in one statement (the guardians of a student's profile). */
  async guardiansOfStudent(studentId: string): Promise<LinkedGuardianRow[]> {
    // The first placeholder is the join's tenant, which sql() supplies; the WHERE names it again.
    const rows = await this.sql<
      {
        id: string;
        full_name: string;
        phone_enc: string | null;
        email_enc: string | null;
        user_id: string | null;
        relationship: StudentGuardian['relationship'];
        is_primary: number | boolean | string;
      }[]
    >(
      `SELECT g.id, g.full_name, g.phone_enc, g.email_enc, g.user_id, l.relationship, l.is_primary
         FROM student_guardians l
         JOIN guardians g ON g.tenant_id = ? AND g.id = l.guardian_id
        WHERE l.tenant_id = ? AND l.student_id = ?`,
      [this.tenantId, studentId],
    );
    return rows.map((r) => ({
      guardian: {
        id: r.id,
        fullName: r.full_name,
        phoneEnc: r.phone_enc,
        emailEnc: r.email_enc,
        userId: r.user_id,
      },
      link: { relationship: r.relationship, isPrimary: Number(r.is_primary) === 1 },
    }));
  }

  ofStudents(studentIds: string[]): Promise<StudentGuardian[]> {
    return studentIds.length ? this.find({ where: { studentId: In(studentIds) } }) : Promise.resolve([]);
  }

  /**
   * The names of students and their guardians' ids, in one statement (who an absence alert goes to and
   * whom it names); students without a guardian are left out.
   */
  async guardiansWithNamesOf(
    studentIds: string[],
  ): Promise<{ studentId: string; guardianId: string; firstName: string; lastName: string }[]> {
    if (!studentIds.length) return [];
    // The first placeholder is the join's tenant, which sql() supplies; the WHERE names it again.
    const rows = await this.sql<
      { student_id: string; guardian_id: string; first_name: string; last_name: string }[]
    >(
      `SELECT l.student_id, l.guardian_id, s.first_name, s.last_name
         FROM student_guardians l
         JOIN students s ON s.tenant_id = ? AND s.id = l.student_id
        WHERE l.tenant_id = ? AND l.student_id IN (${placeholders(studentIds.length)})
        ORDER BY l.student_id ASC, l.guardian_id ASC`,
      [this.tenantId, ...studentIds],
    );
    return rows.map((r) => ({
      studentId: r.student_id,
      guardianId: r.guardian_id,
      firstName: r.first_name,
      lastName: r.last_name,
    }));
  }

  /**
   * Ids of the students linked to the guardian whose parent account is `userId`, in one statement (a
   * parent's scope; an account is linked to at most one guardian, see GuardiansService.linkParentAccount).
   */
  async studentIdsOfParentAccount(userId: string): Promise<string[]> {
    // The first placeholder is the join's tenant, which sql() supplies; the WHERE names it again.
    const rows = await this.sql<{ student_id: string }[]>(
      `SELECT l.student_id
         FROM guardians g
         JOIN student_guardians l ON l.tenant_id = ? AND l.guardian_id = g.id
        WHERE g.tenant_id = ? AND g.user_id = ?`,
      [this.tenantId, userId],
    );
    return rows.map((r) => r.student_id);
  }

  ofGuardians(guardianIds: string[]): Promise<StudentGuardian[]> {
    return guardianIds.length ? this.find({ where: { guardianId: In(guardianIds) } }) : Promise.resolve([]);
  }

  link(row: Omit<StudentGuardian, 'tenantId'>): Promise<unknown> {
    return this.insert(row);
  }

  async linkMany(rows: Omit<StudentGuardian, 'tenantId'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.insert(rows.slice(i, i + 200));
  }

  exists_(studentId: string, guardianId: string): Promise<boolean> {
    return this.exists({ studentId, guardianId });
  }

  unlink(studentId: string, guardianId: string): Promise<number> {
    return this.delete({ studentId, guardianId });
  }
}
