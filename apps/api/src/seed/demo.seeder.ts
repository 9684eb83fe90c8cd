import { Inject, Injectable } from '@nestjs/common';
import {
  DEMO_TOTP_SECRET,
  MFA_REQUIRED_ROLES,
  DEMO_INSTITUTIONS,
  DEMO_OPERATOR_EMAIL,
  DEMO_PASSWORD,
  DefaultRole,
  InstitutionKind,
  PLATFORM_SLUG,
} from '@shala/contracts';
import { AccessService } from '../modules/access/access.service';
import { AcademicsService } from '../modules/academics/academics.service';
import { StudentImportService } from '../modules/students/student-import.service';
import { StudentsService } from '../modules/students/students.service';
import { StudentDirectory } from '../modules/students/student-directory';
import { GuardiansService } from '../modules/students/guardians.service';
import { StudentConsentsDemo } from '../modules/students/student-consents-demo';
import { NotificationsSetup } from '../modules/notifications/notifications-setup.service';
import { FieldCrypto } from '../platform/security/field-crypto';
import { RegisterService } from '../modules/attendance/register.service';
import { SchoolCalendar } from '../modules/attendance/school-calendar';
import { FeesDemoSeeder } from '../modules/fees/fees-demo.seeder';
import { ExamsDemoSeeder } from '../modules/exams/exams-demo.seeder';
import { CircularsDemoSeeder } from '../modules/circulars/circulars-demo.seeder';
import { PrivacyDemoSeeder } from '../modules/privacy/privacy-demo.seeder';
import { CalendarDemoSeeder } from '../modules/calendar/calendar-demo.seeder';
import { TimetableDemoSeeder } from '../modules/timetable/timetable-demo.seeder';
import { addDays } from '../platform/time/local-time';
import { createHash } from 'node:crypto';
import {
  DEMO_CLASSES,
  DEMO_SECTIONS,
  DEMO_SUBJECTS,
  DEMO_YEAR,
  admissionNo,
  demoParentPhone,
  demoStudentsCsv,
} from './school-data';
import { MfaService } from '../modules/auth/mfa.service';
import { TotpService } from '../modules/auth/totp.service';
import { UserCredentials } from '../modules/users/user-credentials.service';
import { InstitutionsService } from '../modules/institutions/institutions.service';
import { InstitutionProfiles } from '../modules/institutions/institution-profiles.service';
import { crestPng } from './crest-png';
import { DEMO_PROFILES } from './school-profiles';
import { UsersService } from '../modules/users/users.service';
import { UserAccounts } from '../modules/access/user-accounts.service';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { RequestContext } from '../platform/tenancy/request-context';

export interface SeedReport {
  institutions: number;
  users: number;
  students: number;
  skipped?: string;
}

const SCHOOL_USERS: { local: string; name: string; role: DefaultRole }[] = [
  { local: 'admin', name: 'School Admin', role: DefaultRole.SchoolAdmin },
  { local: 'teacher', name: 'Class Teacher', role: DefaultRole.Teacher },
  { local: 'accountant', name: 'Accountant', role: DefaultRole.Accountant },
  { local: 'parent', name: 'Parent', role: DefaultRole.Parent },
  { local: 'student', name: 'Student', role: DefaultRole.Student },
];

export class DemoRefusedError extends Error {}

/**
 * Demo data (DEMO_MODE only; production refuses it, DAT-05) and the scale seed for benchmarks. Everything
 * goes through the domain services, so seeded rows obey the same rules as rows made through the API.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly accounts: UserAccounts,
    private readonly credentials: UserCredentials,
    private readonly mfa: MfaService,
    private readonly totp: TotpService,
    private readonly academics: AcademicsService,
    private readonly importer: StudentImportService,
    private readonly students: StudentsService,
    private readonly directory: StudentDirectory,
    private readonly guardians: GuardiansService,
    private readonly crypto: FieldCrypto,
    private readonly notifications: NotificationsSetup,
    private readonly calendar: SchoolCalendar,
    private readonly registers: RegisterService,
    private readonly feesDemo: FeesDemoSeeder,
    private readonly examsDemo: ExamsDemoSeeder,
    private readonly circularsDemo: CircularsDemoSeeder,
    private readonly privacyDemo: PrivacyDemoSeeder,
    private readonly calendarDemo: CalendarDemoSeeder,
    private readonly timetableDemo: TimetableDemoSeeder,
    private readonly profiles: InstitutionProfiles,
    private readonly studentConsentsDemo: StudentConsentsDemo,
  ) {}

  /**
   * Past registers for every section over the last `days` school days, deterministic: most students are
   * present, a few are late or absent, and every 13th student misses about a third of the days.
   */
  async seedAttendanceHistory(days: number): Promise<number> {
    const { today } = await this.calendar.localNow();
    const workingDays = (await this.calendar.workingDays(addDays(today, -days), addDays(today, -1))).slice(
      -days,
    );
    const sections = await this.academics.listSections();
    let marks = 0;
    for (const section of sections) {
      const roster = await this.directory.roster(section.id);
      const registers = workingDays.map((date) => ({
        sectionId: section.id,
        date,
        marks: roster.map((r, i) => {
          const roll = createHash('sha256').update(`${r.studentId}|${date}`).digest()[0]! / 255;
          const chronic = i % 13 === 5;
          const status =
            roll < (chronic ? 0.35 : 0.04)
              ? ('absent' as const)
              : roll > 0.97
                ? ('late' as const)
                : ('present' as const);
          return { studentId: r.studentId, status };
        }),
      }));
      marks += await this.registers.importHistory(registers);
    }
    return marks;
  }

  /**
   * A school's year, classes, sections and subjects, then students with guardians through the real CSV
   * import. Returns the number of students.
   */
  private async seedSchool(
    prefix: string,
    index: number,
    perSection: number,
    classes = DEMO_CLASSES,
  ): Promise<number> {
    await this.crypto.ready();
    await this.academics.createYear({ ...DEMO_YEAR, current: true });
    for (const c of classes) {
      const created = await this.academics.createClass(c);
      for (const name of DEMO_SECTIONS) await this.academics.createSection({ classId: created.id, name });
    }
    for (const subject of DEMO_SUBJECTS) await this.academics.createSubject(subject);
    const report = await this.importer.run(
      demoStudentsCsv(prefix, index, classes, DEMO_SECTIONS, perSection),
      false,
    );
    // Default message templates; the demo family (the siblings' guardian) opted into email (PRV-01).
    const demoGuardianId = await this.directory.guardianIdByPhone(demoParentPhone(index));
    await this.notifications.seedSchool({ optedInGuardianIds: demoGuardianId ? [demoGuardianId] : [] });
    return report.created;
  }

  /** The demo teacher teaches Class 5 A; the demo parent guards the two siblings; the demo student is one of them. */
  private async linkDemoAccounts(prefix: string, index: number, slug: string): Promise<void> {
    const teacher = await this.users.findByEmail(`teacher@${slug}.test`);
    const parent = await this.users.findByEmail(`parent@${slug}.test`);
    const student = await this.users.findByEmail(`student@${slug}.test`);
    const class5 = await this.academics.findClassByName('Class 5');
    const sectionA = class5 ? await this.academics.findSection(class5.id, 'A') : null;
    if (teacher && sectionA) {
      await this.academics.updateSection(sectionA.id, { classTeacherUserId: teacher.id });
      const maths = (await this.academics.listSubjects()).find((s) => s.code === 'MATH');
      if (maths)
        await this.academics.assignSubject({
          sectionId: sectionA.id,
          subjectId: maths.id,
          teacherUserId: teacher.id,
        });
    }
    const guardianId = await this.directory.guardianIdByPhone(demoParentPhone(index));
    if (parent && guardianId) await this.guardians.linkParentAccount(guardianId, parent.id);
    const firstStudentId = await this.directory.studentIdByAdmissionNo(admissionNo(prefix, 1));
    if (student && firstStudentId) {
      await this.studentConsentsDemo.giveAccountConsent(firstStudentId); // a minor's account needs it
      await this.students.linkStudentAccount(firstStudentId, student.id);
    }
  }

  /** Demo accounts whose role requires MFA are enrolled with the published demo TOTP secret. */
  private async createDemoUser(email: string, displayName: string, role: DefaultRole): Promise<void> {
    const user = await this.accounts.create({
      email,
      displayName,
      password: DEMO_PASSWORD,
      roleKeys: [role],
    });
    if ((MFA_REQUIRED_ROLES as readonly string[]).includes(role)) {
      await this.credentials.enableMfa(
        user.id,
        this.totp.seal(DEMO_TOTP_SECRET, this.context.tenantId, user.id),
        0,
      );
      await this.mfa.issueRecoveryCodes(user.id);
    }
  }

  private refuseOutsideDemo(): void {
    if (!this.config.demoMode || this.config.isProductionLike) {
      throw new DemoRefusedError(`Demo and scale data are refused in ${this.config.env} (DEMO_MODE is off).`);
    }
  }

  private async provision(
    slug: string,
    name: string,
    kind: InstitutionKind = InstitutionKind.School,
  ): Promise<string> {
    const institution = await this.context.runWithoutTenant(() =>
      this.institutions.create({ slug, name, kind }),
    );
    await this.context.runAsTenant(institution.id, () => this.access.installDefaultRoles(kind));
    return institution.id;
  }

  /**
   * The two demo schools and the users of API.md, plus the platform operator. Like new schools, the demo
   * has Sundays off; `openEveryDay` (the browser tests' `seed --demo --open-every-day`) opens every day, so
   * tests that mark today's register run on Sundays too.
   */
  async seedDemo(options: { ifEmpty: boolean; openEveryDay?: boolean }): Promise<SeedReport> {
    this.refuseOutsideDemo();
    if (options.ifEmpty && (await this.institutions.count()) > 0) {
      return { institutions: 0, users: 0, students: 0, skipped: 'the database already has institutions' };
    }
    let users = 0;
    const platformId = await this.provision(PLATFORM_SLUG, 'Shala Platform', InstitutionKind.Platform);
    await this.context.runAsTenant(platformId, async () => {
      await this.createDemoUser(DEMO_OPERATOR_EMAIL, 'Platform Operator', DefaultRole.PlatformOperator);
      users++;
    });
    for (const school of DEMO_INSTITUTIONS) {
      const tenantId = await this.provision(school.slug, school.name);
      await this.context.runAsTenant(tenantId, async () => {
        for (const u of SCHOOL_USERS) {
          await this.createDemoUser(`${u.local}@${school.slug}.test`, `${u.name} (${school.name})`, u.role);
          users++;
        }
      });
    }
    let students = 0;
    for (const [i, school] of DEMO_INSTITUTIONS.entries()) {
      const institution = (await this.institutions.findBySlug(school.slug))!;
      const prefix = school.slug.slice(0, 2).toUpperCase();
      await this.context.runAsTenant(institution.id, async () => {
        students += await this.seedSchool(prefix, i + 1, 25);
        await this.seedProfile(school.slug);
        await this.linkDemoAccounts(prefix, i + 1, school.slug);
        // Demo schools lock a day at 23:59, so the demo can be marked at any hour (real schools default to
        // 17:00); their history runs Monday to Saturday, and Sunday stays off unless asked otherwise.
        await this.calendar.updateSettings({ weeklyOffDays: [0], cutoffTime: '23:59' });
        // The year so far: report cards print a term's real attendance, and every month has its figures.
        await this.seedAttendanceHistory(366);
        if (options.openEveryDay) await this.calendar.updateSettings({ weeklyOffDays: [] });
        const accountant = await this.users.findByEmail(`accountant@${school.slug}.test`);
        await this.feesDemo.seed(accountant?.id ?? null);
        await this.examsDemo.seed();
        await this.calendarDemo.seed();
        await this.circularsDemo.seed();
        await this.timetableDemo.seed();
        await this.seedPrivacy(prefix, school.slug);
      });
    }
    return { institutions: 1 + DEMO_INSTITUTIONS.length, users, students };
  }

  /** A few data-subject requests: the demo family's correction, a completed access and an overdue erasure. */
  private async seedPrivacy(prefix: string, slug: string): Promise<void> {
    const admin = await this.users.findByEmail(`admin@${slug}.test`);
    const parent = await this.users.findByEmail(`parent@${slug}.test`);
    const childId = await this.directory.studentIdByAdmissionNo(admissionNo(prefix, 1));
    const otherStudentId = await this.directory.studentIdByAdmissionNo(admissionNo(prefix, 7));
    if (!admin || !childId || !otherStudentId) return;
    await this.privacyDemo.seed({
      adminUserId: admin.id,
      parentUserId: parent?.id ?? null,
      childId,
      otherStudentId,
    });
  }

  /** The school's address, contact, receipt footer and a crest drawn in code as its logo. */
  private async seedProfile(slug: string): Promise<void> {
    const demo = DEMO_PROFILES[slug];
    if (!demo) return;
    await this.profiles.update(demo.profile);
    await this.profiles.setLogo(crestPng(demo.initials, demo.colour, 96));
  }

  /**
   * `--institutions N --students M [--attendance-days D]`: N schools named scale-0001.., each with an admin,
   * an accountant, a parent (of the school's two siblings), and M students in sections of 40 (two per class), each section with its own class
   * teacher (teacher1, teacher2, ...); optionally D past school days of attendance for every section.
   * Scale schools take attendance every day and lock at 23:59, so benchmarks can mark "today". The platform
   * and its operator (operator@shala.test) are made too when the database has none.
   */
  async seedScale(
    institutionCount: number,
    studentsPerInstitution: number,
    attendanceDays = 0,
  ): Promise<SeedReport & { marks: number }> {
    this.refuseOutsideDemo();
    let users = 0;
    // the platform operator (operator dashboard bench), unless the demo already made the platform
    if (!(await this.institutions.findBySlug(PLATFORM_SLUG))) {
      const platformId = await this.provision(PLATFORM_SLUG, 'Shala Platform', InstitutionKind.Platform);
      await this.context.runAsTenant(platformId, async () => {
        await this.createDemoUser(DEMO_OPERATOR_EMAIL, 'Platform Operator', DefaultRole.PlatformOperator);
        users++;
      });
    }
    const existing = (await this.institutions.listSchools()).length;
    const perSection = 40;
    const sectionCount = Math.max(1, Math.ceil(studentsPerInstitution / perSection));
    let students = 0;
    let marks = 0;
    for (let i = 1; i <= institutionCount; i++) {
      const slug = `scale-${String(existing + i).padStart(4, '0')}`;
      const tenantId = await this.provision(slug, `Scale School ${existing + i}`);
      await this.context.runAsTenant(tenantId, async () => {
        const staff = [
          { local: 'admin', role: DefaultRole.SchoolAdmin },
          { local: 'accountant', role: DefaultRole.Accountant },
          ...Array.from({ length: sectionCount }, (_, t) => ({
            local: `teacher${t + 1}`,
            role: DefaultRole.Teacher,
          })),
        ];
        const teacherIds: string[] = [];
        for (const s of staff) {
          const user = await this.accounts.create({
            email: `${s.local}@${slug}.test`,
            displayName: s.local,
            password: DEMO_PASSWORD,
            roleKeys: [s.role],
          });
          if (s.role === DefaultRole.Teacher) teacherIds.push(user.id);
          users++;
        }
        if (studentsPerInstitution > 0) {
          const classes = Array.from({ length: Math.ceil(sectionCount / DEMO_SECTIONS.length) }, (_, c) => ({
            name: `Class ${c + 1}`,
            ordinal: c + 1,
          }));
          const familyIndex = 50 + ((existing + i) % 49);
          students += await this.seedSchool(`S${existing + i}`, familyIndex, perSection, classes);
          // parent@<slug>.test: the guardian of the school's two siblings, for the family dashboard bench
          const parent = await this.accounts.create({
            email: `parent@${slug}.test`,
            displayName: 'parent',
            password: DEMO_PASSWORD,
            roleKeys: [DefaultRole.Parent],
          });
          users++;
          const guardianId = await this.directory.guardianIdByPhone(demoParentPhone(familyIndex));
          if (guardianId) await this.guardians.linkParentAccount(guardianId, parent.id);
          const sections = [...(await this.academics.listSections())];
          const order = new Map(classes.map((c, k) => [c.name, k]));
          const classOf = new Map((await this.academics.listClasses()).map((c) => [c.id, c.name]));
          sections.sort(
            (a, b) =>
              (order.get(classOf.get(a.classId) ?? '') ?? 0) -
                (order.get(classOf.get(b.classId) ?? '') ?? 0) || a.name.localeCompare(b.name),
          );
          for (const [k, section] of sections.entries()) {
            if (teacherIds[k])
              await this.academics.updateSection(section.id, { classTeacherUserId: teacherIds[k] });
          }
          await this.calendar.updateSettings({ weeklyOffDays: [], cutoffTime: '23:59' });
          if (attendanceDays > 0) {
            // History runs Monday to Saturday like a real school, then every day is open for marking.
            await this.calendar.updateSettings({ weeklyOffDays: [0] });
            marks += await this.seedAttendanceHistory(attendanceDays);
            await this.calendar.updateSettings({ weeklyOffDays: [] });
          }
        }
      });
    }
    return { institutions: institutionCount, users, students, marks };
  }
}
