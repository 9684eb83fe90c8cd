import type { StudentProfile } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo, demoParentPhone } from '../src/seed/school-data';
import { Signed, signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { StatementCounter } from './support/statements';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/**
 * Issue 18 item 2: a student by id is read in two statements once the per-process caches are warm (the
 * student with their current enrolment, the guardians through their links), with the same answer and the
 * same access rules (AZ-03: teachers their sections, parents their children, students themselves).
 */
describe(`statements per student read on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let admin: Signed;
  let teacher: Signed;
  let parent: Signed;
  let studentUser: Signed;
  let rsAdmin: Signed;
  let child: string; // Class 5 A, the parent's child and the student account
  let sibling: string; // Class 5 B, the parent's other child
  let classmate: string; // Class 5 A, someone else's child
  let rsStudent: string;
  // Background work (the in-process outbox worker) is not the route's.
  const statements = new StatementCounter(/\b(outbox_messages|notification_\w+)\b/i);

  const get = (id: string, who: Signed, reveal = false) =>
    t.request({
      method: reveal ? 'POST' : 'GET',
      url: `/api/v1/students/${id}${reveal ? '/reveal' : ''}`,
      headers: who.auth,
    });

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    const rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.81.0.1');
    teacher = await signIn(t, gw.teacher, '10.81.0.2');
    parent = await signIn(t, gw.parent, '10.81.0.3');
    studentUser = await signIn(t, gw.student, '10.81.0.4');
    rsAdmin = await signIn(t, rs.admin, '10.81.0.5');
    const directory = t.app.get(StudentDirectory);
    await t.context.runAsTenant(gw.institution.id, async () => {
      child = (await directory.studentIdByAdmissionNo(admissionNo(gw.prefix, 1)))!;
      const a = await directory.rosterIds(gw.sections['Class 5 A']!);
      const b = await directory.rosterIds(gw.sections['Class 5 B']!);
      const parentGuardian = (await directory.guardianIdByPhone(demoParentPhone(1)))!;
      const guardians = await directory.guardianIdsOf([...a, ...b]);
      sibling = b.find((id) => guardians.get(id)?.includes(parentGuardian))!;
      classmate = a.find((id) => id !== child && !guardians.get(id)?.includes(parentGuardian))!;
    });
    rsStudent = (await t.context.runAsTenant(rs.institution.id, () =>
      directory.studentIdByAdmissionNo(admissionNo(rs.prefix, 1)),
    ))!;
    statements.install(t.dataSource);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('answers the profile with its enrolment, masked fields and guardians', async () => {
    const res = await get(child, admin);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<StudentProfile>();
    expect(p.id).toBe(child);
    expect(p.masked).toBe(true);
    expect(p.hasAccount).toBe(true);
    expect(p.enrolment).toMatchObject({
      sectionId: gw.sections['Class 5 A'],
      sectionName: 'A',
      className: 'Class 5',
    });
    expect(p.guardians.length).toBeGreaterThan(0);
    expect(p.guardians.some((g) => g.hasAccount)).toBe(true);
    for (const g of p.guardians) {
      expect(g.masked).toBe(true);
      expect(typeof g.isPrimary).toBe('boolean');
      if (g.phone) expect(g.phone).toMatch(/\*/);
    }
    const sorted = [...p.guardians].sort(
      (a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.fullName.localeCompare(b.fullName),
    );
    expect(p.guardians.map((g) => g.id)).toEqual(sorted.map((g) => g.id));

    const revealed = await get(child, admin, true);
    expect(revealed.statusCode, revealed.body).toBe(200);
    const r = revealed.json<StudentProfile>();
    expect(r.masked).toBe(false);
    expect(r.guardians.map((g) => g.id)).toEqual(p.guardians.map((g) => g.id));
    expect(r.guardians.every((g) => !g.masked)).toBe(true);
    expect(r.guardians.some((g) => g.phone && !g.phone.includes('*'))).toBe(true);
    expect({
      ...r,
      nationalId: null,
      medicalNotes: null,
      address: null,
      masked: true,
      guardians: [],
    }).toEqual({
      ...p,
      nationalId: null,
      medicalNotes: null,
      address: null,
      guardians: [],
    });
  });

  it('keeps the access rules: teachers their sections, parents their children, students themselves', async () => {
    expect((await get(child, teacher)).statusCode).toBe(200);
    expect((await get(classmate, teacher)).statusCode).toBe(200);
    expect((await get(sibling, teacher)).statusCode).toBe(404); // Class 5 B is not the teacher's
    expect((await get(child, parent)).statusCode).toBe(200);
    expect((await get(sibling, parent)).statusCode).toBe(200);
    expect((await get(classmate, parent)).statusCode).toBe(404);
    expect((await get(child, studentUser)).statusCode).toBe(200);
    expect((await get(sibling, studentUser)).statusCode).toBe(404);
    expect((await get(sibling, teacher, true)).statusCode).toBe(403); // reveal is a staff permission
  });

  it('answers another institution’s student as not found', async () => {
    expect((await get(rsStudent, admin)).statusCode).toBe(404);
    expect((await get(rsStudent, admin, true)).statusCode).toBe(404);
    expect((await get(child, rsAdmin)).statusCode).toBe(404);
    expect((await get(rsStudent, rsAdmin)).statusCode).toBe(200);
  });

  it('reads a student by id in at most two statements, warm', async () => {
    const counted = async (id: string, who: Signed) => {
      await get(id, who); // warm the per-process caches (session, grants, year, sections)
      const [res, sent] = await statements.count(() => get(id, who));
      expect(res.statusCode, res.body).toBe(200);
      if (process.env.SHOW_STATEMENTS) console.info(sent.join('\n'));
      return sent;
    };
    const byAdmin = await counted(classmate, admin);
    const byTeacher = await counted(classmate, teacher);
    const byParent = await counted(child, parent);
    console.info(
      `[statements] student by id on ${TEST_DB}: admin ${byAdmin.length}, teacher ${byTeacher.length}, ` +
        `parent ${byParent.length}`,
    );
    expect(byAdmin.length).toBeLessThanOrEqual(2);
    expect(byTeacher.length).toBeLessThanOrEqual(2);
    expect(byParent.length).toBeLessThanOrEqual(3);
  });
});
