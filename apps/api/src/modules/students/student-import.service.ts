import type { ImportProblem, ImportReport } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { isLocalDate } from '../../platform/http/validators';
import { DomainError, ValidationFailedError } from '../../platform/errors/domain-error';
import { DomainEvents } from '../../platform/events/domain-events';
import { DATE_RULE } from '../../platform/time/calendar-date';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { GENDERS, Gender, Guardian, RELATIONSHIPS, Relationship, Student } from './entities/student.entities';
import { StudentsCrypto } from './students.crypto';
import { nameSearchOf, searchKeyOf } from './student-search-key';
import type { Enrolled } from './students.events';
import {
  EnrolmentsRepository,
  GuardiansRepository,
  StudentGuardiansRepository,
  StudentsRepository,
} from './students.repository';

export const IMPORT_MAX_ROWS = 10_000;

export const IMPORT_COLUMNS = [
  'admission_no',
  'first_name',
  'last_name',
  'date_of_birth',
  'gender',
  'admission_date',
  'class',
  'section',
  'roll_no',
  'national_id',
  'medical_notes',
  'address',
  'guardian_name',
  'guardian_relationship',
  'guardian_phone',
  'guardian_email',
  'guardian2_name',
  'guardian2_relationship',
  'guardian2_phone',
  'guardian2_email',
] as const;
const REQUIRED = [
  'admission_no',
  'first_name',
  'last_name',
  'date_of_birth',
  'gender',
  'admission_date',
] as const;

type Column = (typeof IMPORT_COLUMNS)[number];
type Raw = Partial<Record<Column, string>>;

interface ParsedGuardian {
  fullName: string;
  relationship: Relationship;
  phone: string | null;
  email: string | null;
}

/** One guardian of one row, matched by phone to an existing guardian or to a new one (`newKey`). */
interface GuardianMatch {
  row: ParsedRow;
  index: number;
  guardian: ParsedGuardian;
  existing: Guardian | null;
  /** The new guardian this is: the phone's blind index (siblings share it), or the row's own. */
  newKey: string | null;
}

interface ParsedRow {
  line: number;
  admissionNo: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: Gender;
  admissionDate: string;
  sectionId: string | null;
  rollNo: number | null;
  nationalId: string | null;
  medicalNotes: string | null;
  address: string | null;
  guardians: ParsedGuardian[];
}

const GENDER_ALIASES: Record<string, Gender> = {
  f: 'female',
  m: 'male',
  female: 'female',
  male: 'male',
  other: 'other',
  o: 'other',
  undisclosed: 'undisclosed',
  '': 'undisclosed',
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const chunks = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/**
 * Bulk student import from CSV (APP-06): a dry run answers a row-by-row report (row, column, message); the
 * real run is one transaction, all or nothing, and idempotent on the admission number (a re-run updates
 * rather than duplicates). Guardians are matched by phone, so siblings share theirs.
 */
@Injectable()
export class StudentImportService {
  constructor(
    private readonly db: Database,
    private readonly crypto: StudentsCrypto,
    private readonly academics: AcademicsService,
    private readonly students: StudentsRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly guardians: GuardiansRepository,
    private readonly links: StudentGuardiansRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  private parseCsv(csv: string): { header: string[]; records: Raw[] } {
    let rows: string[][];
    try {
      rows = parse(csv.replace(/^\uFEFF/, ''), {
        // Any mix of line endings: a CRLF template with LF rows appended is what spreadsheets and editors
        // produce. (Left to itself, the parser takes the first line's ending for the whole file.)
        record_delimiter: ['\r\n', '\n', '\r'],
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
      }) as string[][];
    } catch (error) {
      throw new ValidationFailedError([
        { field: 'body', message: `not readable as CSV: ${(error as Error).message}` },
      ]);
    }
    if (rows.length === 0) throw new ValidationFailedError([{ field: 'body', message: 'the file is empty' }]);
    const header = rows[0]!.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
    const missing = REQUIRED.filter((c) => !header.includes(c));
    const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
    if (missing.length || unknown.length) {
      throw new ValidationFailedError([
        ...missing.map((c) => ({ field: c, message: 'required column is missing from the header' })),
        ...unknown.map((c) => ({
          field: c,
          message: `unknown column; expected: ${IMPORT_COLUMNS.join(', ')}`,
        })),
      ]);
    }
    if (rows.length - 1 > IMPORT_MAX_ROWS)
      throw new ValidationFailedError([
        { field: 'body', message: `at most ${IMPORT_MAX_ROWS} rows per import` },
      ]);
    // A leading apostrophe is how spreadsheets (and our own exports) keep "+91..." from being read as a formula.
    const unquote = (v: string) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);
    const records = rows
      .slice(1)
      .map((cells) => Object.fromEntries(header.map((h, i) => [h, unquote(cells[i] ?? '')])) as Raw);
    return { header, records };
  }

  private async validate(records: Raw[]): Promise<{ parsed: ParsedRow[]; errors: ImportProblem[] }> {
    const errors: ImportProblem[] = [];
    const [classes, sections] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSections(),
    ]);
    const classByName = new Map(classes.map((c) => [c.name.toLowerCase(), c]));
    const seen = new Map<string, number>();
    const parsed: ParsedRow[] = [];
    records.forEach((r, i) => {
      const line = i + 2; // the header is line 1
      const problem = (column: string, message: string) => errors.push({ row: line, column, message });
      const before = errors.length;
      for (const c of REQUIRED) if (!r[c]) problem(c, 'is required');
      const admissionNo = r.admission_no ?? '';
      if (admissionNo && !/^[A-Za-z0-9/_-]{1,40}$/.test(admissionNo))
        problem('admission_no', 'use up to 40 letters, digits, / _ or -');
      if (admissionNo && seen.has(admissionNo))
        problem('admission_no', `duplicates row ${seen.get(admissionNo)}`);
      else if (admissionNo) seen.set(admissionNo, line);
      for (const c of ['first_name', 'last_name'] as const)
        if ((r[c] ?? '').length > 100) problem(c, 'at most 100 characters');
      for (const c of ['date_of_birth', 'admission_date'] as const)
        if (r[c] && !isLocalDate(r[c]!)) problem(c, `must be ${DATE_RULE}`);
      const gender = GENDER_ALIASES[(r.gender ?? '').toLowerCase()];
      if (r.gender && !gender) problem('gender', `must be one of ${GENDERS.join(', ')}`);
      let sectionId: string | null = null;
      if (r.class || r.section) {
        const cls = classByName.get((r.class ?? '').toLowerCase());
        if (!cls) problem('class', `no class named "${r.class ?? ''}"`);
        else {
          const section = sections.find(
            (s) => s.classId === cls.id && s.name.toLowerCase() === (r.section ?? '').toLowerCase(),
          );
          if (!section) problem('section', `no section "${r.section ?? ''}" in ${cls.name}`);
          else sectionId = section.id;
        }
      }
      const rollNo = r.roll_no ? Number(r.roll_no) : null;
      if (r.roll_no && (!Number.isInteger(rollNo) || rollNo! < 1 || rollNo! > 9999))
        problem('roll_no', 'must be a whole number from 1 to 9999');
      if (r.national_id && !/^[A-Za-z0-9 -]{4,30}$/.test(r.national_id))
        problem('national_id', 'must be 4-30 letters, digits, spaces or hyphens');
      if ((r.medical_notes ?? '').length > 2000) problem('medical_notes', 'at most 2000 characters');
      const guardians: ParsedGuardian[] = [];
      for (const p of ['guardian', 'guardian2'] as const) {
        const name = r[`${p}_name`];
        const phone = r[`${p}_phone`];
        const email = r[`${p}_email`];
        const rel = (r[`${p}_relationship`] ?? '').toLowerCase() || 'guardian';
        if (!name && !phone && !email) continue;
        if (!name) problem(`${p}_name`, 'is required when a phone or email is given');
        if (!(RELATIONSHIPS as readonly string[]).includes(rel))
          problem(`${p}_relationship`, `must be one of ${RELATIONSHIPS.join(', ')}`);
        if (phone && !/^\+?[0-9][0-9 ()-]{8,18}$/.test(phone))
          problem(`${p}_phone`, 'must be a phone number such as +91 98xxxxxxxx');
        if (email && !EMAIL.test(email)) problem(`${p}_email`, 'must be an email address');
        guardians.push({
          fullName: name ?? '',
          relationship: rel as Relationship,
          phone: phone || null,
          email: email || null,
        });
      }
      if (errors.length > before) return;
      parsed.push({
        line,
        admissionNo,
        firstName: r.first_name!,
        lastName: r.last_name!,
        dateOfBirth: r.date_of_birth!,
        gender: gender!,
        admissionDate: r.admission_date!,
        sectionId,
        rollNo,
        nationalId: r.national_id || null,
        medicalNotes: r.medical_notes || null,
        address: r.address || null,
        guardians,
      });
    });
    return { parsed, errors };
  }

  async run(csv: string, dryRun: boolean): Promise<ImportReport> {
    const started = Date.now();
    const { records } = this.parseCsv(csv);
    const { parsed, errors } = await this.validate(records);
    const existing = new Map<string, Student>();
    for (const chunk of chunks(
      parsed.map((p) => p.admissionNo),
      500,
    ))
      for (const s of await this.students.byAdmissionNos(chunk)) existing.set(s.admissionNo, s);
    await this.crypto.ready();
    const guardians = await this.matchGuardians(parsed);
    // The dry run's counts are the plan the real run then carries out.
    const report: ImportReport = {
      dryRun,
      rows: records.length,
      created: parsed.filter((p) => !existing.has(p.admissionNo)).length,
      updated: parsed.filter((p) => existing.has(p.admissionNo)).length,
      guardiansCreated: new Set(guardians.map((g) => g.newKey).filter((k) => k !== null)).size,
      errors,
      durationMs: 0,
    };
    if (dryRun || errors.length) {
      report.durationMs = Date.now() - started;
      if (!dryRun)
        throw new DomainError(
          422,
          'IMPORT_REJECTED',
          `${errors.length} problem(s) in the file; nothing was imported. Fix them and import again.`,
          errors.map((e) => ({ field: e.column, ...e })),
        );
      return report;
    }
    const year = parsed.some((p) => p.sectionId) ? await this.academics.currentYear() : null;
    await this.db.transaction(async () => {
      report.guardiansCreated = await this.write(parsed, existing, guardians, year?.id ?? null);
      await this.audit.record({
        action: 'students.import',
        details: {
          rows: report.rows,
          created: report.created,
          updated: report.updated,
          guardiansCreated: report.guardiansCreated,
        },
      });
    });
    report.durationMs = Date.now() - started;
    return report;
  }

  /**
   * Each row's guardians, matched by phone: to a guardian already in the database, else to the first new
   * one in the file with that phone (siblings share theirs); a guardian without a phone is a new one.
   */
  private async matchGuardians(rows: ParsedRow[]): Promise<GuardianMatch[]> {
    const indexOf = (g: ParsedGuardian) => this.crypto.index('phone', g.phone);
    const phoneIndexes = [
      ...new Set(rows.flatMap((r) => r.guardians.map(indexOf)).filter((x): x is string => !!x)),
    ];
    const byPhone = new Map<string, Guardian>();
    for (const chunk of chunks(phoneIndexes, 500))
      for (const g of await this.guardians.byPhoneIndexes(chunk)) byPhone.set(g.phoneBidx!, g);
    return rows.flatMap((row) =>
      row.guardians.map((guardian, index) => {
        const bidx = indexOf(guardian);
        const existing = (bidx && byPhone.get(bidx)) || null;
        return {
          row,
          index,
          guardian,
          existing,
          newKey: existing ? null : (bidx ?? `row ${row.line} guardian ${index}`),
        };
      }),
    );
  }

  private async write(
    rows: ParsedRow[],
    existing: Map<string, Student>,
    guardianMatches: GuardianMatch[],
    yearId: string | null,
  ): Promise<number> {
    const newStudents: Omit<Student, 'tenantId' | 'createdAt' | 'updatedAt'>[] = [];
    const studentIdOf = new Map<string, string>();
    for (const r of rows) {
      const current = existing.get(r.admissionNo);
      const id = current?.id ?? uuidv7();
      studentIdOf.set(r.admissionNo, id);
      const fields = {
        firstName: r.firstName,
        lastName: r.lastName,
        nameSearch: nameSearchOf(r.firstName, r.lastName),
        searchKey: searchKeyOf(r.firstName, r.lastName, r.admissionNo),
        dateOfBirth: r.dateOfBirth,
        gender: r.gender,
        admissionDate: r.admissionDate,
        ...(await this.crypto.sealWholeStudent(id, r)),
      };
      if (current) await this.students.patch(id, fields);
      else newStudents.push({ id, admissionNo: r.admissionNo, status: 'active', userId: null, ...fields });
    }
    await this.students.add(newStudents);

    if (yearId) {
      const ids = [...studentIdOf.values()];
      const enrolled = new Map<
        string,
        { id: string; sectionId: string; rollNo: number | null; status: string }
      >();
      for (const chunk of chunks(ids, 500))
        for (const e of await this.enrolments.inYearForStudents(yearId, chunk)) enrolled.set(e.studentId, e);
      const fresh = [];
      const moved: Enrolled[] = [];
      for (const r of rows.filter((x) => x.sectionId)) {
        const studentId = studentIdOf.get(r.admissionNo)!;
        const e = enrolled.get(studentId);
        if (!e)
          fresh.push({
            id: uuidv7(),
            studentId,
            academicYearId: yearId,
            sectionId: r.sectionId!,
            rollNo: r.rollNo,
            status: 'active' as const,
          });
        else if (e.sectionId !== r.sectionId || e.rollNo !== r.rollNo) {
          await this.enrolments.move(e.id, r.sectionId!, r.rollNo);
          if (e.status === 'active' && e.sectionId !== r.sectionId)
            moved.push({ studentId, academicYearId: yearId, sectionId: r.sectionId! });
        }
      }
      await this.enrolments.add(fresh);
      const enrolledNow: Enrolled[] = [...fresh, ...moved];
      if (enrolledNow.length) await this.events.publish('students.enrolled', enrolledNow);
    }

    // Guardians: one per phone within the file and the database; siblings share theirs.
    const newGuardians: Omit<Guardian, 'tenantId'>[] = [];
    const createdByKey = new Map<string, string>();
    const wanted: {
      studentId: string;
      guardianId: string;
      relationship: Relationship;
      isPrimary: boolean;
    }[] = [];
    for (const m of guardianMatches) {
      let guardianId = m.existing?.id ?? createdByKey.get(m.newKey!);
      if (!guardianId) {
        guardianId = uuidv7();
        newGuardians.push({
          id: guardianId,
          fullName: m.guardian.fullName,
          ...(await this.crypto.sealGuardian(guardianId, m.guardian)),
          userId: null,
        });
        createdByKey.set(m.newKey!, guardianId);
      }
      wanted.push({
        studentId: studentIdOf.get(m.row.admissionNo)!,
        guardianId,
        relationship: m.guardian.relationship,
        isPrimary: m.index === 0,
      });
    }
    await this.guardians.add(newGuardians);
    const linked = new Set<string>();
    for (const chunk of chunks([...new Set(wanted.map((w) => w.guardianId))], 500))
      for (const l of await this.links.ofGuardians(chunk)) linked.add(`${l.studentId}|${l.guardianId}`);
    const freshLinks = wanted.filter((w) => {
      const key = `${w.studentId}|${w.guardianId}`;
      if (linked.has(key)) return false;
      linked.add(key);
      return true;
    });
    await this.links.linkMany(freshLinks);
    return newGuardians.length;
  }

  /** A template with the header and one example row. */
  template(): string {
    return `${IMPORT_COLUMNS.join(',')}\r\nGW-2026-001,Asha,Verma,2015-06-14,female,2026-04-01,Class 5,A,1,,Peanut allergy,,Meera Verma,mother,+919812345678,meera@example.com,,,,\r\n`;
  }
}
