import { DefaultRole, type GrievanceOfficerView, type GrievanceView } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurrentInstitution } from '../src/modules/institutions/current-institution';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { PrivacyReminders } from '../src/modules/privacy/privacy-reminders';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { Signed, account, signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;
type Page = { items: GrievanceView[] };
type ErrorBody = { error: { code: string; details?: { field: string }[] } };

describe(`privacy: grievances and the grievance officer (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let parent: Signed;
  let otherParent: Signed;
  let rsParent: Signed;
  let teacher: Signed;
  let child: string;
  let otherStudent: string;
  const clock = () => t.app.get(Clock);

  const call = (a: Signed, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    t.request({ method, url, headers: a.auth, ...(payload ? { payload } : {}) });
  const raise = (a: Signed, body: object) => call(a, 'POST', '/api/v1/privacy/my-grievances', body);
  const answer = (a: Signed, id: string, body: object) =>
    call(a, 'POST', `/api/v1/privacy/grievances/${id}/answer`, body);
  const setOfficer = (a: Signed, body: object) => call(a, 'PUT', '/api/v1/privacy/grievance-officer', body);
  const fieldsOf = (body: string) => (JSON.parse(body) as ErrorBody).error.details?.map((d) => d.field) ?? [];
  const auditActions = async (targetId: string) =>
    (await call(admin, 'GET', `/api/v1/audit/events?targetId=${targetId}&limit=100`))
      .json<{ items: { action: string }[] }>()
      .items.map((e) => e.action);
  const grievance = { category: 'consent', subject: 'Photos shared', text: 'My child was photographed.' };

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.72.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.72.0.2', -1);
    parent = await signIn(t, gw.parent, '10.72.0.3');
    const second = await account(t, gw.institution, 'parent2@greenwood.test', [DefaultRole.Parent]);
    otherParent = await signIn(t, second, '10.72.0.4');
    rsParent = await signIn(t, rs.parent, '10.72.0.5');
    teacher = await signIn(t, gw.teacher, '10.72.0.6');
    const directory = t.app.get(StudentDirectory);
    await t.context.runAsTenant(gw.institution.id, async () => {
      child = (await directory.studentIdByAdmissionNo(admissionNo(gw.prefix, 1)))!;
      otherStudent = (await directory.studentIdByAdmissionNo(admissionNo(gw.prefix, 3)))!;
    });
  }, 120_000);

  afterAll(async () => {
    clock().setForTests(null);
    await t?.close();
  });

  it('answers a 30-day default period and no officer before the school names one', async () => {
    const res = await call(admin, 'GET', '/api/v1/privacy/grievance-officer');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<GrievanceOfficerView>()).toEqual({
      name: null,
      email: null,
      phone: null,
      responseDays: 30,
      configured: false,
    });
  });

  it('validates the officer settings (responseDays 1..90, email) with a 400 naming each field', async () => {
    for (const responseDays of [0, 91, 1.5, '30']) {
      const bad = await setOfficer(admin, { name: 'A. Rao', email: 'dpo@greenwood.test', responseDays });
      expect(bad.statusCode, `${responseDays}`).toBe(400);
      expect(fieldsOf(bad.body)).toContain('responseDays');
    }
    const bad = await setOfficer(admin, { name: '  ', email: 'not-an-email', responseDays: 10 });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['name', 'email']));
    expect((await setOfficer(teacher, { name: 'x', email: 'x@y.in', responseDays: 5 })).statusCode).toBe(403);
  });

  it('saves the officer and period, shows them to parents, keeps them per school, and audits the change', async () => {
    const res = await setOfficer(admin, {
      name: 'Anita Rao',
      email: 'dpo@greenwood.test',
      phone: '+91 80 4000 1234',
      responseDays: 10,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<GrievanceOfficerView>()).toEqual({
      name: 'Anita Rao',
      email: 'dpo@greenwood.test',
      phone: '+91 80 4000 1234',
      responseDays: 10,
      configured: true,
    });
    const again = await setOfficer(admin, {
      name: 'Anita Rao',
      email: 'dpo@greenwood.test',
      responseDays: 12,
    });
    expect(again.json<GrievanceOfficerView>()).toMatchObject({ responseDays: 12, phone: null });
    const seen = await call(parent, 'GET', '/api/v1/privacy/my-grievances/officer');
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json<GrievanceOfficerView>()).toMatchObject({ name: 'Anita Rao', responseDays: 12 });
    const rsView = await call(rsAdmin, 'GET', '/api/v1/privacy/grievance-officer');
    expect(rsView.json<GrievanceOfficerView>()).toMatchObject({ configured: false, responseDays: 30 });
    const events = (
      await call(admin, 'GET', '/api/v1/audit/events?action=privacy.grievance_officer.update&limit=10')
    ).json<{ items: { action: string }[] }>().items;
    expect(events.map((e) => e.action)).toContain('privacy.grievance_officer.update');
  });

  it('[PRV-02] a parent raises a grievance about their child, due received + responseDays, and it is audited', async () => {
    const res = await raise(parent, { ...grievance, studentId: child });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<GrievanceView>();
    expect(view).toMatchObject({ status: 'open', studentId: child, overdue: false, answer: null });
    expect(view.studentName).toBeTruthy();
    expect(new Date(view.dueAt).getTime() - new Date(view.receivedAt).getTime()).toBe(12 * DAY_MS);
    expect(await auditActions(view.id)).toContain('privacy.grievances.create');
  });

  it('names each bad field of a grievance with a 400 (text at most 4000 characters)', async () => {
    const bad = await raise(parent, {
      category: 'spam',
      subject: '',
      text: 'x'.repeat(4001),
      studentId: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['category', 'subject', 'text', 'studentId']));
    const ok = await raise(parent, { ...grievance, text: 'y'.repeat(4000) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<GrievanceView>().studentId).toBeNull();
  });

  it("answers 404 when a parent names a student who is not their child, or another school's", async () => {
    expect((await raise(parent, { ...grievance, studentId: otherStudent })).statusCode).toBe(404);
    expect((await raise(otherParent, { ...grievance, studentId: child })).statusCode).toBe(404);
    const rsStudent = await t.context.runAsTenant(rs.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(rs.prefix, 1)),
    );
    expect((await raise(parent, { ...grievance, studentId: rsStudent })).statusCode).toBe(404);
  });

  it("a parent sees only their own grievances; another parent's list is empty", async () => {
    const mine = (await call(parent, 'GET', '/api/v1/privacy/my-grievances')).json<Page>().items;
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const otherRaised = (await raise(otherParent, grievance)).json<GrievanceView>();
    const theirs = (await call(otherParent, 'GET', '/api/v1/privacy/my-grievances')).json<Page>().items;
    expect(theirs.map((g) => g.id)).toEqual([otherRaised.id]);
    expect(mine.map((g) => g.id)).not.toContain(otherRaised.id);
    expect(mine.every((g) => g.raisedByUserId === mine[0]!.raisedByUserId)).toBe(true);
    const staff = (await call(admin, 'GET', '/api/v1/privacy/grievances')).json<Page>().items;
    expect(staff.map((g) => g.id)).toEqual(
      expect.arrayContaining([...mine.map((g) => g.id), otherRaised.id]),
    );
  });

  it('[TEN-04] answers 404 to another school for every route of a grievance, and lists none of it', async () => {
    const id = (await raise(parent, grievance)).json<GrievanceView>().id;
    expect((await call(rsAdmin, 'GET', `/api/v1/privacy/grievances/${id}`)).statusCode).toBe(404);
    expect((await answer(rsAdmin, id, { answer: 'not yours' })).statusCode).toBe(404);
    const rsList = (await call(rsAdmin, 'GET', '/api/v1/privacy/grievances')).json<Page>().items;
    expect(rsList.map((g) => g.id)).not.toContain(id);
    const rsMine = (await call(rsParent, 'GET', '/api/v1/privacy/my-grievances')).json<Page>().items;
    expect(rsMine).toEqual([]);
    expect((await call(admin, 'GET', `/api/v1/privacy/grievances/${id}`)).statusCode).toBe(200);
  });

  it('lists open grievances past their due date as overdue, and only those', async () => {
    const id = (await raise(parent, { ...grievance, subject: 'Overdue one' })).json<GrievanceView>().id;
    const before = (await call(admin, 'GET', '/api/v1/privacy/grievances?overdue=true')).json<Page>().items;
    expect(before.map((g) => g.id)).not.toContain(id);
    clock().setForTests(new Date(Date.now() + 13 * DAY_MS));
    try {
      const res = await call(admin, 'GET', '/api/v1/privacy/grievances?overdue=true');
      expect(res.statusCode, res.body).toBe(200);
      const overdue = res.json<Page>().items;
      expect(overdue.map((g) => g.id)).toContain(id);
      expect(overdue.every((g) => g.overdue && g.status === 'open')).toBe(true);
      expect(
        (await call(admin, 'GET', '/api/v1/privacy/grievances?status=answered&overdue=true')).json<Page>()
          .items,
      ).toEqual([]);
    } finally {
      clock().setForTests(null);
    }
  });

  it('[PRV-02] the officer answers: open -> answered, the parent sees it, no longer overdue, a second answer is 409, audited', async () => {
    const id = (await raise(parent, { ...grievance, subject: 'To answer' })).json<GrievanceView>().id;
    const blank = await answer(admin, id, { answer: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(fieldsOf(blank.body)).toContain('answer');
    const res = await answer(admin, id, { answer: 'We removed the photos.' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<GrievanceView>();
    expect(view).toMatchObject({ status: 'answered', answer: 'We removed the photos.', overdue: false });
    expect(view.answeredAt).not.toBeNull();
    expect(view.answeredByUserId).toBeTruthy();
    const again = await answer(admin, id, { answer: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('PRIVACY_GRIEVANCE_ALREADY_ANSWERED');
    const mine = (await call(parent, 'GET', '/api/v1/privacy/my-grievances')).json<Page>().items;
    expect(mine.find((g) => g.id === id)).toMatchObject({
      status: 'answered',
      answer: 'We removed the photos.',
    });
    clock().setForTests(new Date(Date.now() + 30 * DAY_MS));
    try {
      const overdue = (await call(admin, 'GET', '/api/v1/privacy/grievances?overdue=true')).json<Page>()
        .items;
      expect(overdue.map((g) => g.id)).not.toContain(id);
    } finally {
      clock().setForTests(null);
    }
    expect(await auditActions(id)).toEqual(
      expect.arrayContaining(['privacy.grievances.create', 'privacy.grievances.answer']),
    );
  });

  it('closes a grievance with its answer when asked, and filters by status', async () => {
    const id = (await raise(parent, { ...grievance, subject: 'To close' })).json<GrievanceView>().id;
    const res = await answer(admin, id, { answer: 'Resolved.', close: true });
    expect(res.json<GrievanceView>().status).toBe('closed');
    const closed = (await call(admin, 'GET', '/api/v1/privacy/grievances?status=closed')).json<Page>().items;
    expect(closed.map((g) => g.id)).toEqual([id]);
    expect((await call(admin, 'GET', '/api/v1/privacy/grievances?status=bogus')).statusCode).toBe(400);
  });

  it('keeps staff routes from parents and the raise route from staff without the parent permission', async () => {
    expect((await call(parent, 'GET', '/api/v1/privacy/grievances')).statusCode).toBe(403);
    expect((await call(teacher, 'GET', '/api/v1/privacy/grievances')).statusCode).toBe(403);
    expect((await raise(teacher, grievance)).statusCode).toBe(403);
  });

  it('[PRV-02] the daily privacy reminder counts open grievances due within 7 days and overdue ones, with no request due', async () => {
    const asRs = <T>(fn: () => Promise<T>) => t.context.runAsTenant(rs.institution.id, fn);
    const remind = () => asRs(() => t.app.get(PrivacyReminders).runDaily());
    const sentToday = async () => {
      const today = await asRs(() => t.app.get(CurrentInstitution).today());
      return asRs(() => t.app.get(OutboxRepository).findByIdempotencyKey(`privacy-due:${today}`));
    };
    expect(await remind()).toEqual({ sent: false, reason: 'nothing_due' });
    const contact = await call(rsAdmin, 'PATCH', '/api/v1/institution/profile', {
      email: 'office@riverside.test',
    });
    expect(contact.statusCode, contact.body).toBe(200);
    const raised = await raise(rsParent, { ...grievance, subject: 'Riverside photos' });
    expect(raised.statusCode, raised.body).toBe(201);
    expect(await remind()).toEqual({ sent: false, reason: 'nothing_due' }); // due in 30 days
    const start = Date.now();
    try {
      clock().setForTests(new Date(start + 25 * DAY_MS));
      expect(await remind()).toEqual({
        sent: true,
        count: 0,
        overdue: 0,
        grievances: 1,
        overdueGrievances: 0,
      });
      expect(JSON.parse((await sentToday())!.variables)).toMatchObject({
        count: 0,
        grievances: 1,
        overdueGrievances: 0,
      });
      clock().setForTests(new Date(start + 31 * DAY_MS));
      expect(await remind()).toEqual({
        sent: true,
        count: 0,
        overdue: 0,
        grievances: 1,
        overdueGrievances: 1,
      });
      expect(await remind()).toEqual({ sent: false, reason: 'already_sent' });
      const sent = await sentToday();
      expect(sent).toMatchObject({
        channel: 'email',
        template: 'privacy_requests_due',
        recipient: 'office@riverside.test',
      });
      expect(JSON.parse(sent!.variables)).toMatchObject({ grievances: 1, overdueGrievances: 1 });
      // an answered grievance is no longer due: nothing to remind of the next day
      expect(
        (await answer(rsAdmin, raised.json<GrievanceView>().id, { answer: 'Removed.' })).statusCode,
      ).toBe(200);
      clock().setForTests(new Date(start + 32 * DAY_MS));
      expect(await remind()).toEqual({ sent: false, reason: 'nothing_due' });
    } finally {
      clock().setForTests(null);
    }
  });
});
