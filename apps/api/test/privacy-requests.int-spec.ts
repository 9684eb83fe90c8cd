import {
  DefaultRole,
  type PrivacyArchiveView,
  type PrivacyRequestView,
  type RecordsOfProcessingView,
  type SubProcessorsView,
} from '@shala/contracts';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurrentInstitution } from '../src/modules/institutions/current-institution';
import { GuardianNotifier } from '../src/modules/notifications/guardian-notifier.service';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { PrivacyReminders } from '../src/modules/privacy/privacy-reminders';
import { ARCHIVE_EXCLUDED, ARCHIVE_SOURCES } from '../src/modules/privacy/archive-sources';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo, demoParentPhone } from '../src/seed/school-data';
import { Signed, account, signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;
const NATIONAL_ID = 'PRIV 4821 7730';
const ADDRESS = '12 Lake Road, Bengaluru';
const PARENT_EMAIL = 'parent.demo1@example.com';

type Files = Record<string, string>;

describe(`privacy: data-subject requests and access archives (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let admin2: Signed;
  let rsAdmin: Signed;
  let parent: Signed;
  let teacher: Signed;
  let child: string; // the demo parent's child (admission no GR0001-ish)
  let childAdmissionNo: string;
  let otherStudent: string; // not the parent's
  let parentGuardian: string;
  let otherGuardian: string;
  const clock = () => t.app.get(Clock);

  const call = (a: Signed, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    t.request({ method, url, headers: a.auth, ...(payload ? { payload } : {}) });
  const create = (a: Signed, body: object, mine = false) =>
    call(a, 'POST', `/api/v1/privacy/${mine ? 'my-requests' : 'requests'}`, body);
  const transition = (a: Signed, id: string, body: object) =>
    call(a, 'POST', `/api/v1/privacy/requests/${id}/transitions`, body);
  const auditActions = async (targetId: string) =>
    (await call(admin, 'GET', `/api/v1/audit/events?targetId=${targetId}&limit=100`))
      .json<{ items: { action: string }[] }>()
      .items.map((e) => e.action);

  /** Waits for the archive job, then answers its view. */
  async function ready(a: Signed, id: string, mine = false): Promise<PrivacyArchiveView> {
    const url = `/api/v1/privacy/${mine ? 'my-requests' : 'requests'}/${id}/archive`;
    for (let i = 0; i < 200; i++) {
      const view = (await call(a, 'GET', url)).json<PrivacyArchiveView>();
      if (view.status !== 'running') return view;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('archive never finished');
  }

  async function download(a: Signed, id: string, mine = false): Promise<Files> {
    const res = await call(
      a,
      'GET',
      `/api/v1/privacy/${mine ? 'my-requests' : 'requests'}/${id}/archive/download`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    return Object.fromEntries(Object.entries(files).map(([n, b]) => [n, Buffer.from(b).toString('utf8')]));
  }

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.71.0.1', -1);
    const second = await account(t, gw.institution, 'admin2@greenwood.test', [DefaultRole.SchoolAdmin], true);
    admin2 = await signIn(t, second, '10.71.0.2', -1);
    rsAdmin = await signIn(t, rs.admin, '10.71.0.3', -1);
    parent = await signIn(t, gw.parent, '10.71.0.4');
    teacher = await signIn(t, gw.teacher, '10.71.0.5');
    const directory = t.app.get(StudentDirectory);
    await t.context.runAsTenant(gw.institution.id, async () => {
      childAdmissionNo = admissionNo(gw.prefix, 1);
      child = (await directory.studentIdByAdmissionNo(childAdmissionNo))!;
      otherStudent = (await directory.studentIdByAdmissionNo(admissionNo(gw.prefix, 3)))!;
      parentGuardian = (await directory.guardianIdByPhone(demoParentPhone(1)))!;
      otherGuardian = (await directory.guardianIdsOf([otherStudent])).get(otherStudent)![0]!;
    });
    // Sensitive fields to find decrypted in the archive.
    const patched = await call(admin, 'PATCH', `/api/v1/students/${child}`, {
      nationalId: NATIONAL_ID,
      address: ADDRESS,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // A message sent to the child's guardian (with consent), whose address the archive must mask.
    const consent = await call(admin, 'PUT', `/api/v1/notifications/guardians/${parentGuardian}/consents`, {
      source: 'paper_form',
      changes: [{ channel: 'email', purpose: 'absence_alerts', granted: true }],
    });
    expect(consent.statusCode, consent.body).toBe(200);
    const sent = await t.context.runAsTenant(gw.institution.id, () =>
      t.db.transaction(() =>
        t.app.get(GuardianNotifier).notify({
          guardianIds: [parentGuardian],
          purpose: 'absence_alerts',
          template: 'absence_alert',
          variables: { student: 'the child', date: '2026-07-10' },
          idempotencyKey: `absence:${child}:2026-07-10`,
        }),
      ),
    );
    expect(sent.enqueued).toBe(1);
  }, 120_000);

  afterAll(async () => {
    clock().setForTests(null);
    await t?.close();
  });

  it('[PRV-02] records a staff access request about a student, due 30 days after receipt, and audits it', async () => {
    const res = await create(admin, { type: 'access', subjectType: 'student', subjectId: child });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<PrivacyRequestView>();
    expect(view).toMatchObject({ status: 'open', type: 'access', raisedBy: 'staff', overdue: false });
    expect(new Date(view.dueAt).getTime() - new Date(view.receivedAt).getTime()).toBe(30 * DAY_MS);
    expect(Math.abs(new Date(view.receivedAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect(view.subjectName).toBeTruthy();
    expect(await auditActions(view.id)).toContain('privacy.requests.create');
  });

  it('[PRV-02] names the bad field of a request, and answers 404 for a subject of another school', async () => {
    const bad = await create(admin, { type: 'export', subjectType: 'student', subjectId: 'x' });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['type', 'subjectId']));
    const rsStudent = await t.context.runAsTenant(rs.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(rs.prefix, 1)),
    );
    expect(
      (await create(admin, { type: 'access', subjectType: 'student', subjectId: rsStudent })).statusCode,
    ).toBe(404);
  });

  it('[PRV-02] moves open -> in_progress -> completed, refuses a skipped step, needs a reason to refuse, audits each step', async () => {
    const id = (
      await create(admin, { type: 'correction', subjectType: 'guardian', subjectId: otherGuardian })
    ).json<PrivacyRequestView>().id;
    expect((await transition(admin, id, { status: 'completed' })).statusCode).toBe(409);
    const started = await transition(admin, id, { status: 'in_progress' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json<PrivacyRequestView>().status).toBe('in_progress');
    const done = await transition(admin, id, { status: 'completed' });
    expect(done.json<PrivacyRequestView>()).toMatchObject({ status: 'completed' });
    expect(done.json<PrivacyRequestView>().closedAt).not.toBeNull();
    expect((await transition(admin, id, { status: 'refused', reason: 'late' })).statusCode).toBe(409);

    const other = (
      await create(admin, { type: 'erasure', subjectType: 'staff', subjectId: gw.teacher.id })
    ).json<PrivacyRequestView>().id;
    const noReason = await transition(admin, other, { status: 'refused' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ error: { details: { field: string }[] } }>().error.details[0]!.field).toBe(
      'reason',
    );
    const blank = await transition(admin, other, { status: 'refused', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    const refused = await transition(admin, other, { status: 'refused', reason: 'statutory records' });
    expect(refused.json<PrivacyRequestView>()).toMatchObject({
      status: 'refused',
      refusalReason: 'statutory records',
    });
    expect((await auditActions(id)).filter((a) => a === 'privacy.requests.transition')).toHaveLength(2);
    expect(await auditActions(other)).toContain('privacy.requests.transition');
  });

  it('[PRV-02] lists overdue requests: open or in progress past their due date, not closed ones', async () => {
    const open = (
      await create(admin, { type: 'restriction', subjectType: 'student', subjectId: otherStudent })
    ).json<PrivacyRequestView>().id;
    const closed = (
      await create(admin, { type: 'correction', subjectType: 'student', subjectId: otherStudent })
    ).json<PrivacyRequestView>().id;
    await transition(admin, closed, { status: 'refused', reason: 'already correct' });
    const overdueIds = async () =>
      (await call(admin, 'GET', '/api/v1/privacy/requests?overdue=true'))
        .json<{ items: PrivacyRequestView[] }>()
        .items.map((r) => r.id);
    expect(await overdueIds()).not.toContain(open);
    clock().setForTests(new Date(Date.now() + 31 * DAY_MS));
    try {
      const ids = await overdueIds();
      expect(ids).toContain(open);
      expect(ids).not.toContain(closed);
      const one = (await call(admin, 'GET', `/api/v1/privacy/requests/${open}`)).json<PrivacyRequestView>();
      expect(one.overdue).toBe(true);
      const refusedOnly = (await call(admin, 'GET', '/api/v1/privacy/requests?status=refused'))
        .json<{ items: PrivacyRequestView[] }>()
        .items.map((r) => r.status);
      expect(new Set(refusedOnly)).toEqual(new Set(['refused']));
    } finally {
      clock().setForTests(null);
    }
  });

  it('[TEN-04] answers 404 to another school for every route of a request', async () => {
    const id = (
      await create(admin, { type: 'access', subjectType: 'student', subjectId: child })
    ).json<PrivacyRequestView>().id;
    await ready(admin, id);
    expect((await call(rsAdmin, 'GET', `/api/v1/privacy/requests/${id}`)).statusCode).toBe(404);
    expect((await transition(rsAdmin, id, { status: 'in_progress' })).statusCode).toBe(404);
    expect((await call(rsAdmin, 'GET', `/api/v1/privacy/requests/${id}/archive`)).statusCode).toBe(404);
    expect((await call(rsAdmin, 'GET', `/api/v1/privacy/requests/${id}/archive/download`)).statusCode).toBe(
      404,
    );
    const list = (await call(rsAdmin, 'GET', '/api/v1/privacy/requests')).json<{
      items: PrivacyRequestView[];
    }>();
    expect(list.items.map((r) => r.id)).not.toContain(id);
  });

  it("[PRV-02] reminds the school's privacy contact once a day of requests due within 7 days", async () => {
    const remind = () =>
      t.context.runAsTenant(rs.institution.id, () => t.app.get(PrivacyReminders).runDaily());
    const message = (key: string) =>
      t.context.runAsTenant(rs.institution.id, () => t.app.get(OutboxRepository).findByIdempotencyKey(key));
    expect(await remind()).toEqual({ sent: false, reason: 'nothing_due' });
    const rsStudent = await t.context.runAsTenant(rs.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(rs.prefix, 2)),
    );
    const created = await create(rsAdmin, { type: 'erasure', subjectType: 'student', subjectId: rsStudent });
    expect(created.statusCode).toBe(201);
    clock().setForTests(new Date(Date.now() + 25 * DAY_MS));
    try {
      expect(await remind()).toEqual({ sent: false, reason: 'no_contact' });
      const contact = await call(rsAdmin, 'PATCH', '/api/v1/institution/profile', {
        email: 'privacy@riverside.test',
      });
      expect(contact.statusCode, contact.body).toBe(200);
      expect(await remind()).toEqual({
        sent: true,
        count: 1,
        overdue: 0,
        grievances: 0,
        overdueGrievances: 0,
      });
      expect(await remind()).toEqual({ sent: false, reason: 'already_sent' });
      const today = await t.context.runAsTenant(rs.institution.id, () =>
        t.app.get(CurrentInstitution).today(),
      );
      const sent = await message(`privacy-due:${today}`);
      expect(sent).toMatchObject({
        channel: 'email',
        template: 'privacy_requests_due',
        recipient: 'privacy@riverside.test',
      });
      expect(JSON.parse(sent!.variables)).toMatchObject({ count: 1, overdue: 0 });
    } finally {
      clock().setForTests(null);
    }
  });

  it('[PRV-02] the archive holds the student across modules, decrypted for staff, addresses masked, no secrets', async () => {
    const id = (
      await create(admin, { type: 'access', subjectType: 'student', subjectId: child })
    ).json<PrivacyRequestView>().id;
    const view = await ready(admin, id);
    expect(view.status).toBe('done');
    expect(view.done).toBe(view.total);
    expect(new Date(view.expiresAt!).getTime() - Date.now()).toBeGreaterThan(6.9 * DAY_MS);
    const files = await download(admin, id);
    const students = JSON.parse(files['students.json']!) as Record<string, unknown>[];
    expect(students).toHaveLength(1);
    expect(students[0]).toMatchObject({
      id: child,
      admission_no: childAdmissionNo,
      national_id: NATIONAL_ID,
      address: ADDRESS,
    });
    expect(files['students.csv']).toContain(childAdmissionNo);
    expect(files['students.csv']).toContain(NATIONAL_ID);
    for (const [name, body] of Object.entries(files)) {
      expect(body, name).not.toMatch(/national_id_enc|national_id_bidx|password|mfa_secret|"f1\./);
      // messages' addresses are masked (only the guardian record itself holds the address)
      if (!name.startsWith('guardians.')) expect(body, name).not.toContain(PARENT_EMAIL);
    }
    const guardians = JSON.parse(files['guardians.json']!) as Record<string, unknown>[];
    expect(guardians.map((g) => g.id)).toContain(parentGuardian);
    expect(JSON.stringify(guardians)).toContain(demoParentPhone(1)); // the guardian record itself, decrypted
    const enrolments = JSON.parse(files['enrolments.json']!) as Record<string, unknown>[];
    expect(enrolments.length).toBeGreaterThan(0);
    const messages = JSON.parse(files['outbox_messages.json']!) as {
      recipient: string;
      recipient_enc?: string;
    }[];
    expect(messages).toHaveLength(1);
    expect(messages[0]!.recipient).toMatch(/\*/);
    expect(messages[0]).not.toHaveProperty('recipient_enc');
    const consents = JSON.parse(files['notification_consents.json']!) as unknown[];
    expect(consents.length).toBeGreaterThan(0);
    const audit = JSON.parse(files['audit_events.json']!) as { target_id: string }[];
    expect(audit.some((e) => e.target_id === child)).toBe(true);
    const manifest = JSON.parse(files['manifest.json']!) as { tables: Record<string, number> };
    expect(manifest.tables.students).toBe(1);
    // the download is audited
    expect(await auditActions(id)).toContain('privacy.archive.download');
  });

  it('[PRV-02] only the requester may see or download the archive', async () => {
    const id = (
      await create(admin, { type: 'access', subjectType: 'student', subjectId: child })
    ).json<PrivacyRequestView>().id;
    await ready(admin, id);
    expect((await call(admin2, 'GET', `/api/v1/privacy/requests/${id}`)).statusCode).toBe(200); // the request: yes
    expect((await call(admin2, 'GET', `/api/v1/privacy/requests/${id}/archive`)).statusCode).toBe(404);
    expect((await call(admin2, 'GET', `/api/v1/privacy/requests/${id}/archive/download`)).statusCode).toBe(
      404,
    );
    expect((await call(admin2, 'POST', `/api/v1/privacy/requests/${id}/archive`, {})).statusCode).toBe(404);
    expect((await call(parent, 'GET', `/api/v1/privacy/my-requests/${id}/archive/download`)).statusCode).toBe(
      404,
    );
    expect((await call(teacher, 'GET', `/api/v1/privacy/requests/${id}/archive/download`)).statusCode).toBe(
      403,
    );
  });

  it('[PRV-02] the archive expires 7 days after it was made, and can be made again', async () => {
    const id = (
      await create(admin, { type: 'access', subjectType: 'guardian', subjectId: otherGuardian })
    ).json<PrivacyRequestView>().id;
    expect((await ready(admin, id)).status).toBe('done');
    clock().setForTests(new Date(Date.now() + 7 * DAY_MS + 60_000));
    try {
      expect(
        (await call(admin, 'GET', `/api/v1/privacy/requests/${id}/archive`)).json<PrivacyArchiveView>()
          .status,
      ).toBe('expired');
      const gone = await call(admin, 'GET', `/api/v1/privacy/requests/${id}/archive/download`);
      expect(gone.statusCode).toBe(409);
      expect((await call(admin, 'POST', `/api/v1/privacy/requests/${id}/archive`, {})).statusCode).toBe(202);
      expect(await auditActions(id)).toContain('privacy.archive.start');
      expect((await ready(admin, id)).status).toBe('done');
      const files = await download(admin, id);
      expect(JSON.parse(files['guardians.json']!)).toHaveLength(1);
      expect(JSON.parse(files['students.json']!)).toHaveLength(0); // a guardian's archive is not their child's
    } finally {
      clock().setForTests(null);
    }
  });

  it('[PRV-02] a parent raises requests for their child and themselves only, sees only their own, downloads the archive', async () => {
    expect(
      (await create(parent, { type: 'access', subjectType: 'student', subjectId: otherStudent }, true))
        .statusCode,
    ).toBe(404);
    expect(
      (await create(parent, { type: 'access', subjectType: 'guardian', subjectId: otherGuardian }, true))
        .statusCode,
    ).toBe(404);
    expect(
      (await create(parent, { type: 'access', subjectType: 'staff', subjectId: gw.teacher.id }, true))
        .statusCode,
    ).toBe(404);
    expect(
      (await create(parent, { type: 'access', subjectType: 'student', subjectId: child })).statusCode,
    ).toBe(403);
    const mine = await create(parent, { type: 'access', subjectType: 'student', subjectId: child }, true);
    expect(mine.statusCode, mine.body).toBe(201);
    const id = mine.json<PrivacyRequestView>().id;
    expect(mine.json<PrivacyRequestView>().raisedBy).toBe('parent');
    const self = await create(
      parent,
      { type: 'correction', subjectType: 'guardian', subjectId: parentGuardian },
      true,
    );
    expect(self.statusCode).toBe(201);
    const list = (await call(parent, 'GET', '/api/v1/privacy/my-requests')).json<{
      items: PrivacyRequestView[];
    }>();
    expect(list.items.map((r) => r.id).sort()).toEqual([id, self.json<PrivacyRequestView>().id].sort());
    const staffRequest = (await call(admin, 'GET', '/api/v1/privacy/requests'))
      .json<{ items: PrivacyRequestView[] }>()
      .items.find((r) => r.raisedBy === 'staff')!.id;
    expect((await call(parent, 'GET', `/api/v1/privacy/my-requests/${staffRequest}`)).statusCode).toBe(404);
    expect((await ready(parent, id, true)).status).toBe('done');
    const files = await download(parent, id, true);
    expect(files['students.json']).toContain(childAdmissionNo);
    // the staff see the parent's request, but its archive is the parent's
    expect((await call(admin, 'GET', `/api/v1/privacy/requests/${id}`)).statusCode).toBe(200);
    expect((await call(admin, 'GET', `/api/v1/privacy/requests/${id}/archive/download`)).statusCode).toBe(
      404,
    );
  });

  it('[PRV-05] lists the sub-processors and the records of processing for a school admin', async () => {
    const subs = await call(admin, 'GET', '/api/v1/privacy/sub-processors');
    expect(subs.statusCode, subs.body).toBe(200);
    const items = subs.json<SubProcessorsView>().items;
    expect(items.map((i) => i.service)).toEqual(['hosting', 'email', 'sms', 'whatsapp', 'payment_gateway']);
    // the test profile configures no SMS gateway and no Razorpay account: they receive nothing
    expect(items.find((i) => i.service === 'sms')!.configured).toBe(false);
    expect(items.find((i) => i.service === 'payment_gateway')!.configured).toBe(false);
    expect(subs.body).not.toMatch(/password|:\/\/[^/]*@/); // never a credential of a provider URL
    const rop = await call(admin, 'GET', '/api/v1/privacy/records-of-processing');
    expect(rop.statusCode, rop.body).toBe(200);
    const view = rop.json<RecordsOfProcessingView>();
    expect(view.controller).toBe(gw.institution.name);
    const students = view.activities.find((a) => a.table === 'students')!;
    expect(students).toMatchObject({ sensitive: true, subjects: ['students'] });
    expect(students.dataCategories).toContain('national_id');
    expect(view.activities.every((a) => a.purpose && a.retention)).toBe(true);
    expect((await call(teacher, 'GET', '/api/v1/privacy/records-of-processing')).statusCode).toBe(403);
  });

  it('[PRV-02] every tenant table that references a student is in the archive (or excluded with a reason)', async () => {
    const referencing = t.dataSource.entityMetadatas
      .filter((m) => m.columns.some((c) => c.databaseName === 'tenant_id'))
      .filter((m) => m.columns.some((c) => c.databaseName === 'student_id'))
      .map((m) => m.tableName);
    // and from the database: foreign keys pointing at students
    const fkTables = t.dataSource.entityMetadatas
      .filter((m) => m.foreignKeys.some((fk) => fk.referencedTablePath === 'students'))
      .map((m) => m.tableName);
    const archived = new Set(ARCHIVE_SOURCES.map((s) => s.table));
    const forgotten = [...new Set([...referencing, ...fkTables, 'students'])].filter(
      (table) => !archived.has(table) && !(table in ARCHIVE_EXCLUDED),
    );
    expect(forgotten).toEqual([]);
    expect(referencing.length).toBeGreaterThan(10);

    // and each archived table really is a file of an archive
    const id = (
      await create(admin, { type: 'access', subjectType: 'student', subjectId: child })
    ).json<PrivacyRequestView>().id;
    await ready(admin, id);
    const files = await download(admin, id);
    for (const table of archived) {
      expect(files, table).toHaveProperty(`${table}.json`);
      expect(files, table).toHaveProperty(`${table}.csv`);
    }
  });
});
