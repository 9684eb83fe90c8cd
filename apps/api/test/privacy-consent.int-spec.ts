import { DefaultRole, type StudentConsentsView } from '@shala/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StudentConsentGate } from '../src/modules/students/student-consents';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { UsersService } from '../src/modules/users/users.service';
import { localDate } from '../src/platform/time/local-time';
import { admissionNo, demoParentPhone } from '../src/seed/school-data';
import { Signed, account, signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** Issue 13 item 7: verifiable parental consent for a minor's account, photo use and biometric attendance. */
describe(`privacy: verifiable parental consent (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let parent: Signed;
  let child: string; // the demo parent's child, whose account the fixture linked with paper consent
  let other: string; // a minor who is not the parent's child, no consent
  let otherGuardian: string;
  let adultStudent: string;
  let n = 0;

  const call = (a: Signed, method: 'GET' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    t.request({ method, url, headers: a.auth, ...(payload ? { payload } : {}) });
  const newStudentUser = () =>
    account(t, gw.institution, `student${++n}@greenwood.test`, [DefaultRole.Student]);
  const link = (studentId: string, userId: string | null) =>
    call(admin, 'PUT', `/api/v1/students/${studentId}/account`, { userId });
  const staffView = async (studentId: string) => {
    const res = await call(admin, 'GET', `/api/v1/privacy/students/${studentId}/consents`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<StudentConsentsView>();
  };
  const paper = (studentId: string, body: object, a = admin) =>
    call(a, 'PUT', `/api/v1/privacy/students/${studentId}/consents`, body);
  const mine = (studentId: string, body: object) =>
    call(parent, 'PUT', `/api/v1/privacy/my-student-consents/${studentId}`, body);
  const granted = (v: StudentConsentsView, purpose: string) =>
    v.consents.find((c) => c.purpose === purpose)!.granted;
  const userStatus = (id: string) =>
    t.context.runAsTenant(gw.institution.id, async () => (await t.app.get(UsersService).get(id)).status);

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.72.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.72.0.2', -1);
    parent = await signIn(t, gw.parent, '10.72.0.3');
    const directory = t.app.get(StudentDirectory);
    await t.context.runAsTenant(gw.institution.id, async () => {
      child = (await directory.studentIdByAdmissionNo(admissionNo(gw.prefix, 1)))!;
      other = (await directory.studentIdByAdmissionNo(admissionNo(gw.prefix, 3)))!;
      adultStudent = (await directory.studentIdByAdmissionNo(admissionNo(gw.prefix, 4)))!;
      otherGuardian = (await directory.guardianIdsOf([other])).get(other)![0]!;
      const parentGuardian = (await directory.guardianIdByPhone(demoParentPhone(1)))!;
      expect((await directory.guardianIdsOf([other])).get(other)).not.toContain(parentGuardian);
    });
  }, 120_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
  });

  describe('[PRV-01] the account gate', () => {
    it('refuses a minor’s account without guardian consent, naming the missing consent', async () => {
      const user = await newStudentUser();
      const res = await link(other, user.id);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({
        error: { code: 'CONSENT_REQUIRED', details: [{ field: 'consent', message: 'student_account' }] },
      });
      const view = await staffView(other);
      expect(view).toMatchObject({ adult: false, accountAllowed: false, hasAccount: false });
    });

    it('with the gate switched off the same request links: the refusal above is the gate’s', async () => {
      const gate = t.app.get(StudentConsentGate);
      const spy = vi.spyOn(gate, 'requireAccountConsent').mockResolvedValue(undefined);
      try {
        const user = await newStudentUser();
        expect((await link(other, user.id)).statusCode).toBe(200);
      } finally {
        spy.mockRestore();
        expect((await link(other, null)).statusCode).toBe(200); // unlinking needs no consent
      }
    });

    it('allows the account after staff record a paper consent with its document reference', async () => {
      const res = await paper(other, {
        purpose: 'student_account',
        granted: true,
        guardianId: otherGuardian,
        documentRef: 'FORM-2026-017',
      });
      expect(res.statusCode, res.body).toBe(200);
      const view = res.json<StudentConsentsView>();
      expect(view.accountAllowed).toBe(true);
      expect(view.consents.find((c) => c.purpose === 'student_account')).toMatchObject({
        granted: true,
        source: 'paper_form',
        guardianId: otherGuardian,
        documentRef: 'FORM-2026-017',
        recordedByUserId: gw.admin.id,
      });
      const user = await newStudentUser();
      expect((await link(other, user.id)).statusCode).toBe(200);
    });

    it('refuses a paper form from someone who is not the student’s guardian (422) and a blank reference (400)', async () => {
      const notTheirs = (await staffView(child)).guardians[0]!.guardianId;
      const res = await paper(other, {
        purpose: 'photo_use',
        granted: true,
        guardianId: notTheirs,
        documentRef: 'FORM-X',
      });
      expect(res.statusCode, res.body).toBe(422);
      const blank = await paper(other, {
        purpose: 'photo_use',
        granted: true,
        guardianId: otherGuardian,
        documentRef: '   ',
      });
      expect(blank.statusCode, blank.body).toBe(400);
    });

    it('allows a student aged 18 or more without guardian consent (date of birth, school time zone)', async () => {
      const tz = gw.institution.timeZone;
      const today = localDate(tz, new Date());
      const [y, m, d] = today.split('-');
      const eighteenToday = `${Number(y) - 18}-${m}-${d}`;
      const patched = await call(admin, 'PATCH', `/api/v1/students/${adultStudent}`, {
        dateOfBirth: eighteenToday,
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(await staffView(adultStudent)).toMatchObject({ adult: true, accountAllowed: true });
      const user = await newStudentUser();
      expect((await link(adultStudent, user.id)).statusCode).toBe(200);
    });
  });

  describe('[PRV-01] parents consent in the app', () => {
    it('lists the parent’s own children with every optional purpose and its history', async () => {
      const res = await call(parent, 'GET', '/api/v1/privacy/my-student-consents');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json<{ items: StudentConsentsView[] }>().items;
      expect(items.map((i) => i.studentId)).toContain(child);
      expect(items.map((i) => i.studentId)).not.toContain(other);
      const mineView = items.find((i) => i.studentId === child)!;
      expect(mineView.consents.map((c) => c.purpose)).toEqual([
        'student_account',
        'photo_use',
        'biometric_attendance',
      ]);
      expect(granted(mineView, 'student_account')).toBe(true); // the fixture's paper form
    });

    it('withdrawing the account consent disables the child’s sign-in but keeps the account', async () => {
      const studentSession = await signIn(t, gw.student, '10.72.0.9');
      expect((await call(studentSession, 'GET', '/api/v1/me')).statusCode).toBe(200);
      const res = await mine(child, { purpose: 'student_account', granted: false });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<StudentConsentsView>()).toMatchObject({ accountAllowed: false, hasAccount: true });
      expect(await userStatus(gw.student.id)).toBe('disabled');
      expect((await call(studentSession, 'GET', '/api/v1/me')).statusCode).toBe(401);
      const profile = await call(admin, 'GET', `/api/v1/students/${child}`);
      expect(profile.json<{ hasAccount: boolean }>().hasAccount).toBe(true);
      // no new account while consent is withdrawn
      const user = await newStudentUser();
      expect((await link(child, user.id)).statusCode).toBe(409);
    });

    it('allows the account again after the parent consents in the app', async () => {
      const res = await mine(child, { purpose: 'student_account', granted: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<StudentConsentsView>().consents[0]).toMatchObject({
        granted: true,
        source: 'parent_app',
        recordedByUserId: gw.parent.id,
      });
      const user = await newStudentUser();
      expect((await link(child, user.id)).statusCode).toBe(200);
    });

    it('answers 404 for someone else’s child or an unknown student, and records nothing', async () => {
      for (const id of [other, randomUUID()]) {
        const res = await mine(id, { purpose: 'photo_use', granted: true });
        expect(res.statusCode, res.body).toBe(404);
      }
      expect(granted(await staffView(other), 'photo_use')).toBe(false);
    });

    it('lists the history oldest first with how each was given, and audits each change', async () => {
      const view = await staffView(child);
      const account = view.history.filter((e) => e.purpose === 'student_account');
      expect(account.map((e) => [e.granted, e.source])).toEqual([
        [true, 'paper_form'],
        [false, 'parent_app'],
        [true, 'parent_app'],
      ]);
      expect(account[1]!.guardianName).toBeTruthy();
      const audit = await call(admin, 'GET', `/api/v1/audit/events?targetId=${child}&limit=100`);
      const actions = audit.json<{ items: { action: string }[] }>().items.map((e) => e.action);
      expect(actions.filter((a) => a === 'privacy.consent_withdraw')).toHaveLength(1);
      expect(actions.filter((a) => a === 'privacy.consent_grant')).toHaveLength(1);
    });
  });

  describe('[PRV-01] biometric attendance', () => {
    const setBiometric = (enabled: boolean) =>
      call(admin, 'PUT', `/api/v1/privacy/students/${other}/biometric-attendance`, { enabled });

    it('is off by default and refused without the guardian’s consent', async () => {
      expect((await staffView(other)).biometricAttendance).toBe(false);
      const res = await setBiometric(true);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({
        error: { code: 'CONSENT_REQUIRED', details: [{ message: 'biometric_attendance' }] },
      });
      expect((await staffView(other)).biometricAttendance).toBe(false);
    });

    it('switches on with consent and off when the consent is withdrawn', async () => {
      const form = { purpose: 'biometric_attendance', guardianId: otherGuardian, documentRef: 'BIO-1' };
      expect((await paper(other, { ...form, granted: true })).statusCode).toBe(200);
      const on = await setBiometric(true);
      expect(on.statusCode, on.body).toBe(200);
      expect(on.json<StudentConsentsView>().biometricAttendance).toBe(true);
      const withdrawn = await paper(other, { ...form, granted: false, documentRef: 'BIO-1-W' });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(withdrawn.json<StudentConsentsView>().biometricAttendance).toBe(false);
      expect((await setBiometric(true)).statusCode).toBe(409);
    });
  });

  describe('tenancy', () => {
    it('answers 404 to another school for every consent route', async () => {
      expect((await call(rsAdmin, 'GET', `/api/v1/privacy/students/${other}/consents`)).statusCode).toBe(404);
      const form = { purpose: 'photo_use', granted: true, guardianId: otherGuardian, documentRef: 'X' };
      expect((await paper(other, form, rsAdmin)).statusCode).toBe(404);
      const bio = await call(rsAdmin, 'PUT', `/api/v1/privacy/students/${other}/biometric-attendance`, {
        enabled: false,
      });
      expect(bio.statusCode).toBe(404);
      expect(granted(await staffView(other), 'photo_use')).toBe(false);
    });
  });
});
