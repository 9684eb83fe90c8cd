import { AUDIT_EXPORT_COLUMNS, type AuditEventDto } from '@shala/contracts';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../src/modules/audit/audit.service';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { signIn } from './support/accounts';
import { generate, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { StatementCounter } from './support/statements';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

type Auth = { auth: Record<string, string> };

/** occurredAt (UTC) on Asia/Kolkata's wall clock (UTC+05:30, no daylight saving), 'YYYY-MM-DD HH:MM:SS'. */
const inKolkata = (iso: string) =>
  new Date(Date.parse(iso) + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');

describe(`audit log in words on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let admin: Auth;
  const statements = new StatementCounter();
  const events = async (query: string) => {
    const res = await t.request({ url: `/api/v1/audit/events?${query}`, headers: admin.auth });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: AuditEventDto[] }>().items;
  };
  const record = (fields: Parameters<AuditService['record']>[0]) =>
    t.context.runAsTenant(gw.institution.id, () => t.app.get(AuditService).record(fields));
  const studentId = (no: string) =>
    t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(no),
    ) as Promise<string>;

  beforeAll(async () => {
    t = await bootTestApp();
    statements.install(t.dataSource);
    gw = await givenSchool(t, await t.given.institution('greenwood', 'Greenwood High'), 1, 3);
    admin = await signIn(t, gw.admin, '10.52.0.1', -1);
  });
  afterAll(async () => {
    await t.close();
  });

  it('says who changed the attendance of which section for which day', async () => {
    await record({
      action: 'attendance.mark',
      actorUserId: gw.teacher.id,
      targetType: 'section',
      targetId: gw.sections['Class 5 A'],
      details: { date: '2026-12-06', period: 0, created: 0, changed: 2 },
    });
    const [event] = await events('action=attendance.mark&limit=1');
    expect(event).toMatchObject({
      actorUserId: gw.teacher.id,
      actorName: 'teacher',
      targetType: 'section',
      targetId: gw.sections['Class 5 A'],
      targetName: 'Class 5 A',
      summary: 'teacher changed attendance of Class 5 A for 6 Dec 2026',
    });
  });

  it('names the student a change was about, and the actor who made it', async () => {
    const id = await studentId(`${gw.prefix}-0002`);
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/students/${id}`,
      headers: admin.auth,
      payload: { lastName: 'Renamed' },
    });
    expect(res.statusCode).toBe(200);
    const [event] = await events(`action=students.update&targetId=${id}&limit=1`);
    const first = res.json<{ firstName: string }>().firstName;
    expect(event).toMatchObject({
      actorUserId: gw.admin.id,
      actorName: 'admin',
      targetName: `${first} Renamed (${gw.prefix}-0002)`,
      summary: `admin changed the record of ${first} Renamed (${gw.prefix}-0002)`,
    });
  });

  it('names a fee payment by its receipt and student, and a fee structure by its name', async () => {
    const fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    const id = await studentId(`${gw.prefix}-0003`);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${id}/payments`,
      headers: admin.auth,
      payload: { amount: 500_00, method: 'cash' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const receiptNo = res.json<{ receiptNo: string }>().receiptNo;
    const student = await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).namesOf([id]),
    );
    const [payment] = await events('action=fees.payment.record&limit=1');
    expect(payment!.summary).toBe(
      `admin recorded the fee payment receipt ${receiptNo} of ${student.get(id)}`,
    );
    const [structure] = await events('action=fees.structure.create&limit=1');
    expect(structure!.summary).toMatch(/^admin created the fee structure Class \d+ /);
  });

  it('still reads an event whose target is gone or whose type has no describer', async () => {
    await record({
      action: 'test.new_action',
      actorUserId: null,
      targetType: 'fee_invoice',
      targetId: '0193abcd-0000-7000-8000-000000000000',
    });
    await record({ action: 'students.reveal', targetType: 'student', targetId: 'no-such-student' });
    const [fee] = await events('action=test.new_action&limit=1');
    expect(fee).toMatchObject({
      actorName: null,
      targetName: null,
      summary: 'The system: test new action (fee invoice 0193abcd)',
    });
    const [reveal] = await events('action=students.reveal&limit=1');
    expect(reveal!.summary).toBe('The system viewed the sensitive details of student no-such-');
  });

  it('looks names up once per target type per page, not once per event', async () => {
    for (const n of [1, 3, 4, 5, 6, 7])
      await record({
        action: 'students.reveal',
        actorUserId: gw.admin.id,
        targetType: 'student',
        targetId: await studentId(`${gw.prefix}-${String(n).padStart(4, '0')}`),
      });
    const [few, small] = await statements.count(() => events('action=students.reveal&limit=2'));
    const [many, large] = await statements.count(() => events('action=students.reveal&limit=7'));
    expect(few).toHaveLength(2);
    expect(many).toHaveLength(7);
    expect(many.filter((e) => e.targetName).length).toBe(6);
    expect(large.length).toBe(small.length);
  });

  it('exports CSV with the school-time, the sentence and the names first, and the raw ids kept', async () => {
    const res = await t.request({
      url: '/api/v1/audit/export?format=csv&action=attendance.mark',
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = parse(res.body) as string[][];
    expect(header).toEqual([...AUDIT_EXPORT_COLUMNS]);
    expect(header!.slice(0, 9)).toEqual([
      'seq',
      'localTime',
      'timeZone',
      'summary',
      'actorName',
      'action',
      'outcome',
      'targetType',
      'targetName',
    ]);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(row).toMatchObject({
      timeZone: 'Asia/Kolkata',
      summary: 'teacher changed attendance of Class 5 A for 6 Dec 2026',
      actorName: 'teacher',
      targetName: 'Class 5 A',
      actorUserId: gw.teacher.id,
      targetId: gw.sections['Class 5 A'],
    });
    expect(row.localTime).toBe(inKolkata(row.occurredAt!));
    expect(row.occurredAt).toMatch(/Z$/);
  });

  it('exports JSON with the names and sentence beside the stored fields', async () => {
    const res = await t.request({
      url: '/api/v1/audit/export?format=json&action=attendance.mark',
      headers: admin.auth,
    });
    const [event] = res.json<AuditEventDto[]>();
    expect(event).toMatchObject({
      actorName: 'teacher',
      targetName: 'Class 5 A',
      actorUserId: gw.teacher.id,
    });
  });

  it("writes the sentences in the reader's saved language, in the list and the CSV; names and ids stay", async () => {
    const setLocale = async (locale: string) => {
      const res = await t.request({
        method: 'PUT',
        url: '/api/v1/me/locale',
        headers: admin.auth,
        payload: { locale },
      });
      expect(res.statusCode).toBe(204);
    };
    const hindi = 'teacher ने 6 दिस॰ 2026 के लिए Class 5 A की उपस्थिति बदली';
    await setLocale('hi');
    try {
      const [event] = await events('action=attendance.mark&limit=1');
      expect(event).toMatchObject({
        action: 'attendance.mark',
        actorName: 'teacher',
        targetName: 'Class 5 A',
        actorUserId: gw.teacher.id,
        targetId: gw.sections['Class 5 A'],
        summary: hindi,
      });
      await record({ action: 'test.denied_thing', outcome: 'denied', actorUserId: gw.admin.id });
      const [failed] = await events('action=test.denied_thing&limit=1');
      expect(failed!.summary).toBe('admin: test denied thing — अस्वीकृत');

      const csv = await t.request({
        url: '/api/v1/audit/export?format=csv&action=attendance.mark',
        headers: admin.auth,
      });
      expect(csv.statusCode).toBe(200);
      const [header, ...rows] = parse(csv.body) as string[][];
      const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
      expect(row).toMatchObject({
        summary: hindi,
        actorName: 'teacher',
        targetName: 'Class 5 A',
        action: 'attendance.mark',
        actorUserId: gw.teacher.id,
        targetId: gw.sections['Class 5 A'],
      });

      const json = await t.request({
        url: '/api/v1/audit/export?format=json&action=attendance.mark',
        headers: admin.auth,
      });
      expect(json.json<AuditEventDto[]>()[0]).toMatchObject({ summary: hindi, targetName: 'Class 5 A' });
    } finally {
      await setLocale('en');
    }
    const [english] = await events('action=attendance.mark&limit=1');
    expect(english!.summary).toBe('teacher changed attendance of Class 5 A for 6 Dec 2026');
  });

  it('[AUD-03] keeps the chain verifiable: names are read, never written into the events', async () => {
    const res = await t.request({ url: '/api/v1/audit/verify', headers: admin.auth });
    expect(res.json()).toMatchObject({ ok: true });
  });
});
