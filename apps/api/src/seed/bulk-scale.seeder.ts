import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_ROLE_PERMISSIONS,
  DEMO_PASSWORD,
  DefaultRole,
  InstitutionKind,
  InstitutionStatus,
  ROLE_LABELS,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { GENESIS_HASH, headMac, linkHash } from '../modules/audit/audit-chain';
import { InstitutionsService } from '../modules/institutions/institutions.service';
import { CONSENT_PURPOSES } from '../modules/notifications/entities/consent.entity';
import {
  DEFAULT_LANGUAGE,
  DEFAULT_TEMPLATES,
  TEMPLATE_KINDS,
} from '../modules/notifications/template-catalogue';
import { GUARDIAN_SEALED, STUDENT_SEALED } from '../modules/students/students.crypto';
import { nameSearchOf, searchKeyOf } from '../modules/students/student-search-key';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { Database } from '../platform/database/database';
import { sqlTimestamp } from '../platform/database/transformers';
import { FieldCrypto } from '../platform/security/field-crypto';
import { PasswordHasher } from '../platform/security/password-hasher';
import { RequestContext } from '../platform/tenancy/request-context';
import { DemoRefusedError } from './demo.seeder';
import { DEMO_SECTIONS, DEMO_SUBJECTS, DEMO_YEAR, demoParentPhone, demoStudentRows } from './school-data';

/** Rows per INSERT statement. */
export const BULK_ROWS_PER_STATEMENT = 500;
/** Schools written per transaction. */
export const BULK_SCHOOLS_PER_TRANSACTION = 50;
/** Students per section, as in the scale seed. */
const PER_SECTION = 40;

/** The tables a bulk-seeded school has rows in, in the order their foreign keys need. */
const TABLES = {
  roles: ['tenant_id', 'id', 'role_key', 'name', 'is_system'],
  role_permissions: ['tenant_id', 'role_id', 'permission'],
  users: ['tenant_id', 'id', 'email', 'display_name', 'password_hash', 'status', 'password_changed_at'],
  user_roles: ['tenant_id', 'user_id', 'role_id'],
  academic_years: ['tenant_id', 'id', 'name', 'starts_on', 'ends_on', 'current_marker'],
  classes: ['tenant_id', 'id', 'name', 'ordinal'],
  sections: ['tenant_id', 'id', 'class_id', 'name', 'class_teacher_user_id'],
  subjects: ['tenant_id', 'id', 'code', 'name'],
  students: [
    'tenant_id',
    'id',
    'admission_no',
    'first_name',
    'last_name',
    'name_search',
    'search_key',
    'date_of_birth',
    'gender',
    'admission_date',
    'status',
    'national_id_enc',
    'national_id_bidx',
    'medical_notes_enc',
    'address_enc',
  ],
  enrolments: ['tenant_id', 'id', 'student_id', 'academic_year_id', 'section_id', 'roll_no', 'status'],
  guardians: [
    'tenant_id',
    'id',
    'full_name',
    'phone_enc',
    'phone_bidx',
    'email_enc',
    'email_bidx',
    'address_enc',
    'user_id',
  ],
  student_guardians: ['tenant_id', 'student_id', 'guardian_id', 'relationship', 'is_primary'],
  notification_templates: [
    'tenant_id',
    'id',
    'name',
    'language',
    'email_subject',
    'email_body',
    'sms_body',
    'sms_dlt_template_id',
    'sms_dlt_template',
    'whatsapp_template_name',
    'whatsapp_language_code',
    'whatsapp_parameters',
  ],
  notification_consents: [
    'tenant_id',
    'guardian_id',
    'channel',
    'purpose',
    'granted',
    'source',
    'recorded_by',
    'recorded_at',
  ],
  notification_consent_events: [
    'tenant_id',
    'id',
    'guardian_id',
    'channel',
    'purpose',
    'granted',
    'source',
    'recorded_by',
    'recorded_at',
    'note',
  ],
  attendance_settings: ['tenant_id', 'cutoff_time', 'weekly_off_days'],
  audit_events: [
    'tenant_id',
    'seq',
    'id',
    'occurred_at',
    'actor_user_id',
    'action',
    'target_type',
    'target_id',
    'outcome',
    'ip',
    'user_agent',
    'request_id',
    'details',
    'prev_hash',
    'hash',
  ],
  audit_chain_heads: ['tenant_id', 'last_seq', 'last_hash', 'head_mac'],
} as const;

type Table = keyof typeof TABLES;
const GUARDIAN_USER_COLUMN = TABLES.guardians.indexOf('user_id');
type Rows = { [T in Table]: unknown[][] };

const emptyRows = (): Rows => Object.fromEntries(Object.keys(TABLES).map((t) => [t, []])) as unknown as Rows;

const SCHOOL_ROLES = Object.values(DefaultRole).filter((r) => r !== DefaultRole.PlatformOperator);

/** What one school's audit chain says happened, in the order the scale seed's services would record it. */
interface PendingEvent {
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface BulkSeedReport {
  institutions: number;
  users: number;
  students: number;
  /** Multi-row INSERTs sent (each school's data key is made apart, by FieldCrypto.ready()). */
  statements: number;
}

/** The shape of one small scale school: how many classes, sections and students per section. */
export function scaleSchoolShape(students: number): {
  classes: { name: string; ordinal: number }[];
  sectionCount: number;
  perSection: number;
} {
  const sectionCount = Math.max(1, Math.ceil(students / PER_SECTION));
  const classes = Array.from({ length: Math.ceil(sectionCount / DEMO_SECTIONS.length) }, (_, c) => ({
    name: `Class ${c + 1}`,
    ordinal: c + 1,
  }));
  const perSection = Math.min(PER_SECTION, Math.ceil(students / (classes.length * DEMO_SECTIONS.length)));
  return { classes, sectionCount, perSection };
}

/**
 * The scale seed for many schools (issue 18 item 5): the same schools `DemoSeeder.seedScale` makes (roles
 * and grants, staff with one account per role, a year, classes, sections with class teachers, subjects,
 * students with sealed fields and blind indexes, guardians, enrolments, the demo family's parent account
 * and email opt-in, default message templates, attendance settings, and an audit chain that verifies),
 * written as multi-row INSERTs of up to 500 rows, `BULK_SCHOOLS_PER_TRANSACTION` schools per transaction,
 * instead of one service call (and one bcrypt hash) per row. Each role's password hash is computed once
 * and shared. Only `M` students per school are made (the service path rounds up to full sections of 40),
 * and no attendance history.
 *
 * It writes tables directly because one statement spans many schools; every row names its tenant, the
 * rows are built here from the same data (school-data.ts) and the same sealing, search-key and audit-chain
 * functions the services use, and the integration test checks the result through the API.
 */
@Injectable()
export class BulkScaleSeeder {
  private statements = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly crypto: FieldCrypto,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * `count` schools named scale-NNNN after the existing ones, each with `studentsPerSchool` students.
   * Refused outside demo mode, as DemoSeeder refuses; the caller makes the platform first (`seedScale(0)`).
   */
  async seed(
    count: number,
    studentsPerSchool: number,
    options: { schoolsPerTransaction?: number; progress?: (done: number) => void } = {},
  ): Promise<BulkSeedReport> {
    if (!this.config.demoMode || this.config.isProductionLike)
      throw new DemoRefusedError(`Scale data is refused in ${this.config.env} (DEMO_MODE is off).`);
    const perTransaction = options.schoolsPerTransaction ?? BULK_SCHOOLS_PER_TRANSACTION;
    this.statements = 0;
    // one bcrypt hash per role, shared by every account of that role (they all have the demo password)
    const hashes = new Map<DefaultRole, string>();
    for (const role of [
      DefaultRole.SchoolAdmin,
      DefaultRole.Accountant,
      DefaultRole.Teacher,
      DefaultRole.Parent,
    ])
      hashes.set(role, await this.hasher.hash(DEMO_PASSWORD));
    const existing = (await this.institutions.listSchools()).length;
    const report: BulkSeedReport = { institutions: 0, users: 0, students: 0, statements: 0 };
    for (let first = 1; first <= count; first += perTransaction) {
      const numbers = Array.from(
        { length: Math.min(perTransaction, count - first + 1) },
        (_, k) => existing + first + k,
      );
      const schools = numbers.map((n) => ({
        n,
        id: uuidv7(),
        slug: `scale-${String(n).padStart(4, '0')}`,
        name: `Scale School ${n}`,
      }));
      // The institutions first, then each one's data key in its own transaction (as FieldCrypto.ready()
      // requires: a key is never created inside a business transaction), then everything else at once.
      await this.db.transaction(async () => {
        for (const chunk of chunks(schools, BULK_ROWS_PER_STATEMENT))
          await this.insert(
            'institutions',
            ['id', 'slug', 'name', 'kind', 'time_zone', 'currency', 'status'],
            chunk.map((s) => [
              s.id,
              s.slug,
              s.name,
              InstitutionKind.School,
              'Asia/Kolkata',
              'INR',
              InstitutionStatus.Active,
            ]),
          );
      });
      for (const s of schools) await this.context.runAsTenant(s.id, () => this.crypto.ready());
      const rows = emptyRows();
      for (const s of schools) {
        const made = await this.context.runAsTenant(s.id, () =>
          this.schoolRows(rows, s, studentsPerSchool, hashes),
        );
        report.users += made.users;
        report.students += made.students;
      }
      await this.db.transaction(async () => {
        for (const table of Object.keys(TABLES) as Table[])
          for (const chunk of chunks(rows[table], BULK_ROWS_PER_STATEMENT))
            await this.insert(table, TABLES[table], chunk);
      });
      report.institutions += schools.length;
      options.progress?.(report.institutions);
    }
    report.statements = this.statements;
    return report;
  }

  /** One multi-row INSERT; every tenant table's rows carry their own tenant_id (the first column). */
  private async insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    const row = `(${columns.map(() => '?').join(', ')})`;
    await this.db.manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => row).join(', ')}`,
      rows.flat(),
    );
    this.statements++;
  }

  /** Adds one school's rows (run as that school's tenant, for its data key and blind-index key). */
  private async schoolRows(
    rows: Rows,
    school: { n: number; id: string; slug: string },
    studentCount: number,
    hashes: Map<DefaultRole, string>,
  ): Promise<{ users: number; students: number }> {
    const tenant = school.id;
    const now = new Date();
    const at = sqlTimestamp(now, this.db.dialect);
    const events: PendingEvent[] = [];
    const event = (
      action: string,
      targetType: string | null,
      targetId: string | null,
      details: Record<string, unknown>,
    ) => events.push({ action, targetType, targetId, details });

    // roles and their grants (AccessService.installDefaultRoles)
    const roleIds = new Map<DefaultRole, string>();
    for (const key of SCHOOL_ROLES) {
      const id = uuidv7();
      roleIds.set(key, id);
      rows.roles.push([tenant, id, key, ROLE_LABELS[key], 1]);
      for (const permission of DEFAULT_ROLE_PERMISSIONS[key])
        rows.role_permissions.push([tenant, id, permission]);
    }

    // staff (UserAccounts.create): admin, accountant, one class teacher per section
    const shape = scaleSchoolShape(studentCount);
    const user = (local: string, role: DefaultRole): string => {
      const id = uuidv7();
      rows.users.push([tenant, id, `${local}@${school.slug}.test`, local, hashes.get(role)!, 'active', at]);
      rows.user_roles.push([tenant, id, roleIds.get(role)!]);
      event('users.create', 'user', id, { roles: [role] });
      return id;
    };
    let users = 0;
    user('admin', DefaultRole.SchoolAdmin);
    user('accountant', DefaultRole.Accountant);
    const teacherIds = Array.from({ length: shape.sectionCount }, (_, t) =>
      user(`teacher${t + 1}`, DefaultRole.Teacher),
    );
    users += 2 + teacherIds.length;
    if (studentCount === 0) {
      this.chain(rows, tenant, now, events);
      return { users, students: 0 };
    }

    // the year, classes, sections and subjects (AcademicsService)
    const yearId = uuidv7();
    rows.academic_years.push([tenant, yearId, DEMO_YEAR.name, DEMO_YEAR.startsOn, DEMO_YEAR.endsOn, 1]);
    event('academics.year_create', 'academic_year', yearId, { ...DEMO_YEAR, current: true });
    const sectionIds = new Map<string, string>();
    const sectionOrder: { id: string; classId: string; name: string }[] = [];
    for (const c of shape.classes) {
      const classId = uuidv7();
      rows.classes.push([tenant, classId, c.name, c.ordinal]);
      event('academics.class_create', 'class', classId, { name: c.name, ordinal: c.ordinal });
      for (const name of DEMO_SECTIONS) {
        const id = uuidv7();
        sectionIds.set(`${c.name}|${name}`, id);
        sectionOrder.push({ id, classId, name });
        event('academics.section_create', 'section', id, { classId, name });
      }
    }
    for (const subject of DEMO_SUBJECTS) {
      const id = uuidv7();
      rows.subjects.push([tenant, id, subject.code, subject.name]);
      // the audit redacts keys that look secret, `code` among them
      event('academics.subject_create', 'subject', id, { code: '[redacted]', name: subject.name });
    }

    // students, enrolments and guardians (StudentImportService.write): siblings share their guardian
    const familyIndex = 50 + (school.n % 49);
    const students = demoStudentRows(
      `S${school.n}`,
      familyIndex,
      shape.classes,
      DEMO_SECTIONS,
      shape.perSection,
      studentCount,
    );
    const guardianByPhone = new Map<string, string>();
    const guardianRows = new Map<string, unknown[]>();
    for (const s of students) {
      const id = uuidv7();
      const sealed = {
        nationalId: await this.seal('students', STUDENT_SEALED.nationalId, id, s.nationalId),
        medicalNotes: await this.seal('students', STUDENT_SEALED.medicalNotes, id, s.medicalNotes),
        address: await this.seal('students', STUDENT_SEALED.address, id, s.address),
      };
      rows.students.push([
        tenant,
        id,
        s.admissionNo,
        s.firstName,
        s.lastName,
        nameSearchOf(s.firstName, s.lastName),
        searchKeyOf(s.firstName, s.lastName, s.admissionNo),
        s.dateOfBirth,
        s.gender,
        s.admissionDate,
        'active',
        sealed.nationalId,
        this.crypto.blindIndex('national_id', s.nationalId),
        sealed.medicalNotes,
        sealed.address,
      ]);
      rows.enrolments.push([
        tenant,
        uuidv7(),
        id,
        yearId,
        sectionIds.get(`${s.class}|${s.section}`)!,
        s.rollNo,
        'active',
      ]);
      const phoneIndex = this.crypto.blindIndex('phone', s.guardianPhone)!;
      let guardianId = guardianByPhone.get(phoneIndex);
      if (!guardianId) {
        guardianId = uuidv7();
        guardianByPhone.set(phoneIndex, guardianId);
        const email = s.guardianEmail.trim().toLowerCase();
        const row = [
          tenant,
          guardianId,
          s.guardianName,
          await this.seal('guardians', GUARDIAN_SEALED.phone, guardianId, s.guardianPhone),
          phoneIndex,
          await this.seal('guardians', GUARDIAN_SEALED.email, guardianId, email),
          this.crypto.blindIndex('email', s.guardianEmail),
          null,
          null,
        ];
        guardianRows.set(guardianId, row);
        rows.guardians.push(row);
      }
      rows.student_guardians.push([tenant, id, guardianId, s.guardianRelationship, 1]);
    }
    event('students.import', null, null, {
      rows: students.length,
      created: students.length,
      updated: 0,
      guardiansCreated: guardianByPhone.size,
    });

    // default templates, and the demo family's email opt-in (NotificationsSetup.seedSchool)
    for (const kind of TEMPLATE_KINDS) {
      const t = DEFAULT_TEMPLATES[kind.name]!;
      rows.notification_templates.push([
        tenant,
        uuidv7(),
        kind.name,
        DEFAULT_LANGUAGE,
        t.email?.subject ?? null,
        t.email?.body ?? null,
        t.sms?.body ?? null,
        t.sms?.dltTemplateId ?? null,
        t.sms?.dltTemplate ?? null,
        t.whatsapp?.templateName ?? null,
        t.whatsapp?.languageCode ?? null,
        t.whatsapp ? JSON.stringify(t.whatsapp.parameters) : null,
      ]);
    }
    const familyGuardianId = guardianByPhone.get(
      this.crypto.blindIndex('phone', demoParentPhone(familyIndex))!,
    );
    if (familyGuardianId) {
      const note = 'demo data: opted in at admission';
      const changes = CONSENT_PURPOSES.map((purpose) => ({ channel: 'email', purpose, granted: true }));
      for (const c of changes) {
        rows.notification_consents.push([
          tenant,
          familyGuardianId,
          c.channel,
          c.purpose,
          1,
          'school_office',
          null,
          at,
        ]);
        rows.notification_consent_events.push([
          tenant,
          uuidv7(),
          familyGuardianId,
          c.channel,
          c.purpose,
          1,
          'school_office',
          null,
          at,
          note,
        ]);
      }
      event('notifications.consent_change', 'guardian', familyGuardianId, {
        source: 'school_office',
        changes,
        cancelledMessages: 0,
        note,
      });
    }
    // parent@<slug>.test guards the school's two siblings (GuardiansService.linkParentAccount)
    const parentId = user('parent', DefaultRole.Parent);
    users++;
    if (familyGuardianId) {
      guardianRows.get(familyGuardianId)![GUARDIAN_USER_COLUMN] = parentId;
      event('students.guardian_account', 'guardian', familyGuardianId, {
        userId: { from: null, to: parentId },
      });
    }

    // a class teacher for each of the first sections, in class then section order
    for (const [k, section] of sectionOrder.entries()) {
      const teacherId = teacherIds[k] ?? null;
      rows.sections.push([tenant, section.id, section.classId, section.name, teacherId]);
      if (teacherId)
        event('academics.section_update', 'section', section.id, {
          classTeacherUserId: { from: null, to: teacherId },
        });
    }

    // scale schools mark every day and lock at 23:59 (SchoolCalendar.updateSettings)
    rows.attendance_settings.push([tenant, '23:59', '']);
    event('attendance.settings', null, null, {
      weeklyOffDays: { from: [0], to: [] },
      cutoffTime: { from: '17:00', to: '23:59' },
    });

    this.chain(rows, tenant, now, events);
    return { users, students: students.length };
  }

  private seal(table: string, column: string, rowId: string, value: string): Promise<string | null> {
    return this.crypto.encrypt({ table, column, rowId }, value);
  }

  /** The school's audit events as one hash chain from the genesis hash, and its signed head (AUD-03). */
  private chain(rows: Rows, tenantId: string, occurredAt: Date, events: PendingEvent[]): void {
    const key = this.config.secrets.AUDIT_HMAC_KEY;
    const at = sqlTimestamp(occurredAt, this.db.dialect);
    let prevHash = GENESIS_HASH;
    for (const [i, e] of events.entries()) {
      const fields = {
        tenantId,
        seq: i + 1,
        id: uuidv7(),
        occurredAt,
        actorUserId: null,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        outcome: 'success' as const,
        ip: null,
        userAgent: null,
        requestId: null,
        details: JSON.stringify(e.details),
      };
      const hash = linkHash(key, fields, prevHash);
      rows.audit_events.push([
        tenantId,
        fields.seq,
        fields.id,
        at,
        null,
        fields.action,
        fields.targetType,
        fields.targetId,
        fields.outcome,
        null,
        null,
        null,
        fields.details,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    rows.audit_chain_heads.push([
      tenantId,
      events.length,
      prevHash,
      headMac(key, tenantId, events.length, prevHash),
    ]);
  }
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
