import { DefaultRole, InstitutionKind, PLATFORM_SLUG } from '@shala/contracts';
import { AccessService } from '../../src/modules/access/access.service';
import { InstitutionsService } from '../../src/modules/institutions/institutions.service';
import { AcademicsService } from '../../src/modules/academics/academics.service';
import type { Institution } from '../../src/modules/institutions/entities/institution.entity';
import { StudentImportService } from '../../src/modules/students/student-import.service';
import { StudentsService } from '../../src/modules/students/students.service';
import { StudentDirectory } from '../../src/modules/students/student-directory';
import { GuardiansService } from '../../src/modules/students/guardians.service';
import { FieldCrypto } from '../../src/platform/security/field-crypto';
import {
  DEMO_CLASSES,
  DEMO_SECTIONS,
  DEMO_SUBJECTS,
  DEMO_YEAR,
  admissionNo,
  demoParentPhone,
  demoStudentsCsv,
} from '../../src/seed/school-data';
import { StudentConsentsDemo } from '../../src/modules/students/student-consents-demo';
import { Account, account } from './accounts';
import type { TestApp } from './test-app';

export interface School {
  institution: Institution;
  prefix: string;
  sections: Record<string, string>;
  admin: Account;
  teacher: Account;
  parent: Account;
  student: Account;
}

/** A school like the demo: 2 classes x 2 sections x `perSection` students; teacher of Class 5 A; parent of two siblings. */
export async function givenSchool(
  t: TestApp,
  institution: Institution,
  index: number,
  perSection = 5,
): Promise<School> {
  const prefix = institution.slug.slice(0, 2).toUpperCase();
  const academics = t.app.get(AcademicsService);
  const importer = t.app.get(StudentImportService);
  const students = t.app.get(StudentsService);
  const directory = t.app.get(StudentDirectory);
  const guardians = t.app.get(GuardiansService);
  const domain = `${institution.slug}.test`;
  const admin = await account(t, institution, `admin@${domain}`, [DefaultRole.SchoolAdmin], true);
  const teacher = await account(t, institution, `teacher@${domain}`, [DefaultRole.Teacher]);
  const parent = await account(t, institution, `parent@${domain}`, [DefaultRole.Parent]);
  const student = await account(t, institution, `student@${domain}`, [DefaultRole.Student]);
  const sections: Record<string, string> = {};
  await t.context.runAsTenant(institution.id, async () => {
    await t.app.get(FieldCrypto).ready();
    await academics.createYear({ ...DEMO_YEAR, current: true });
    for (const c of DEMO_CLASSES) {
      const created = await academics.createClass(c);
      for (const name of DEMO_SECTIONS)
        sections[`${c.name} ${name}`] = (await academics.createSection({ classId: created.id, name })).id;
    }
    for (const s of DEMO_SUBJECTS) await academics.createSubject(s);
    await importer.run(demoStudentsCsv(prefix, index, DEMO_CLASSES, DEMO_SECTIONS, perSection), false);
    await academics.updateSection(sections['Class 5 A']!, { classTeacherUserId: teacher.id });
    await guardians.linkParentAccount(
      (await directory.guardianIdByPhone(demoParentPhone(index)))!,
      parent.id,
    );
    const firstStudent = (await directory.studentIdByAdmissionNo(admissionNo(prefix, 1)))!;
    await t.app.get(StudentConsentsDemo).giveAccountConsent(firstStudent); // a minor's account needs it
    await students.linkStudentAccount(firstStudent, student.id);
  });
  return { institution, prefix, sections, admin, teacher, parent, student };
}

/** The platform institution the operator signs in to, with its default roles. */
export async function givenPlatform(t: TestApp): Promise<Institution> {
  const platform = await t.context.runWithoutTenant(() =>
    t.app
      .get(InstitutionsService)
      .create({ slug: PLATFORM_SLUG, name: 'Shala Platform', kind: InstitutionKind.Platform }),
  );
  await t.context.runAsTenant(platform.id, () =>
    t.app.get(AccessService).installDefaultRoles(InstitutionKind.Platform),
  );
  return platform;
}
