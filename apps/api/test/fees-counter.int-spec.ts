import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo, demoParentPhone } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { enableSms } from './support/fake-providers-harness';
import { Auth, generate, givenAccountants, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Payment = {
  id: string;
  method: string;
  reference: string | null;
  instrument: { number: string; bank: string; date: string } | null;
  paidOn: string;
  allocations: { invoiceId: string; amount: number }[];
};
type Problem = { error: { code: string; details?: { field: string; message: string }[] } };
type Defaulter = {
  studentId: string;
  admissionNo: string;
  guardianPhoneMasked: string | null;
  remindedToday: boolean;
};

/** Friday 2026-11-20, 10:30 in Kolkata; the academic year 2026-27 opened on 2026-04-01. */
const NOW = new Date('2026-11-20T05:00:00Z');
const PER_SECTION = 3;

describe(`fees at the counter on ${TEST_DB}: methods, backdating, defaulters' reminders, CSV`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let accountant: Auth;
  let parent: Auth;
  let teacher: Auth;
  let rsAccountant: Auth;
  const ids: Record<string, string> = {};
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params)) as Promise<
      Record<string, unknown>[]
    >;
  const studentId = async (school: School, n: number) =>
    (await t.context.runAsTenant(school.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(school.prefix, n)),
    ))!;
  const pay = (student: string, payload: Record<string, unknown>, a: Auth = accountant) =>
    t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${student}/payments`,
      headers: a.auth,
      payload: { amount: 100_00, ...payload },
    });
  const fieldsOf = (body: Problem) => (body.error.details ?? []).map((d) => d.field).sort();
  const remind = (student: string, a: Auth = accountant) =>
    t.request({ method: 'POST', url: `/api/v1/fees/students/${student}/remind`, headers: a.auth });
  const defaulters = async () => {
    const res = await t.request({ url: '/api/v1/fees/reports/defaulters', headers: accountant.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(NOW);
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, PER_SECTION);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    const [gwAccountant, rsAcc] = await givenAccountants(t, gw, rs);
    admin = await signIn(t, gw.admin, '10.71.0.1');
    accountant = await signIn(t, gwAccountant, '10.71.0.2');
    parent = await signIn(t, gw.parent, '10.71.0.3');
    teacher = await signIn(t, gw.teacher, '10.71.0.4');
    rsAccountant = await signIn(t, rsAcc, '10.71.0.5');
    const fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    await generate(t, admin, fees.structures['Class 6']!);
    for (let n = 1; n <= 4 * PER_SECTION; n++) ids[`gw${n}`] = await studentId(gw, n);
    ids.rs1 = await studentId(rs, 1);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('refuses a cheque or demand draft without its number, bank and date, naming each field', async () => {
    for (const method of ['cheque', 'demand_draft']) {
      const res = await pay(ids.gw2!, { method });
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldsOf(res.json<Problem>())).toEqual(['instrumentBank', 'instrumentDate', 'instrumentNo']);
    }
    const postDated = await pay(ids.gw2!, {
      method: 'cheque',
      instrumentNo: '000123',
      instrumentBank: 'State Bank of India',
      instrumentDate: '2026-11-25',
    });
    expect(postDated.statusCode).toBe(400);
    expect(fieldsOf(postDated.json<Problem>())).toEqual(['instrumentDate']);
    const stale = await pay(ids.gw2!, {
      method: 'cheque',
      instrumentNo: '000123',
      instrumentBank: 'State Bank of India',
      instrumentDate: '2026-07-01',
    });
    expect(stale.statusCode).toBe(400);
    expect(fieldsOf(stale.json<Problem>())).toEqual(['instrumentDate']);
  });

  it('requires a bank transfer UTR, keeps instrument fields to cheques and drafts, and refuses online at the counter', async () => {
    const noUtr = await pay(ids.gw2!, { method: 'bank_transfer' });
    expect(noUtr.statusCode).toBe(400);
    expect(fieldsOf(noUtr.json<Problem>())).toEqual(['reference']);
    const cashWithCheque = await pay(ids.gw2!, { method: 'cash', instrumentNo: '12' });
    expect(cashWithCheque.statusCode).toBe(400);
    expect(fieldsOf(cashWithCheque.json<Problem>())).toEqual(['instrumentNo']);
    const online = await pay(ids.gw2!, { method: 'online' });
    expect(online.statusCode).toBe(400);
    expect(fieldsOf(online.json<Problem>())).toEqual(['method']);
  });

  it('records UPI (reference optional), card, demand draft and cheque payments with their instrument on the view and the register', async () => {
    const upi = await pay(ids.gw2!, { method: 'upi' });
    expect(upi.statusCode, upi.body).toBe(201);
    const upiRef = await pay(ids.gw2!, { method: 'upi', reference: '431234567890' });
    expect(upiRef.json<Payment>().reference).toBe('431234567890');
    const card = await pay(ids.gw2!, { method: 'card', reference: 'TXN-77' });
    expect(card.statusCode, card.body).toBe(201);
    const dd = await pay(ids.gw2!, {
      method: 'demand_draft',
      instrumentNo: 'DD-5521',
      instrumentBank: 'Canara Bank',
      instrumentDate: '2026-11-18',
    });
    expect(dd.statusCode, dd.body).toBe(201);
    const cheque = await pay(ids.gw2!, {
      method: 'cheque',
      instrumentNo: '000123',
      instrumentBank: 'State Bank of India',
      instrumentDate: '2026-11-20',
    });
    expect(cheque.statusCode, cheque.body).toBe(201);
    const chequeId = cheque.json<Payment>().id;
    const detail = await t.request({ url: `/api/v1/fees/payments/${chequeId}`, headers: accountant.auth });
    expect(detail.json<Payment>()).toMatchObject({
      method: 'cheque',
      instrument: { number: '000123', bank: 'State Bank of India', date: '2026-11-20' },
    });
    const register = await t.request({
      url: `/api/v1/fees/payments?studentId=${ids.gw2}`,
      headers: accountant.auth,
    });
    const rows = register.json<{ items: Payment[] }>().items;
    expect(rows.find((p) => p.id === chequeId)?.instrument?.number).toBe('000123');
    expect(rows.find((p) => p.id === upi.json<Payment>().id)?.instrument).toBeNull();
    expect(rows.map((p) => p.method).sort()).toEqual(['card', 'cheque', 'demand_draft', 'upi', 'upi']);
  });

  it('backdates a counter payment within the open period only, booking the ledger on the payment date', async () => {
    const future = await pay(ids.gw3!, { method: 'cash', paidOn: '2026-11-21' });
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future.json<Problem>())).toEqual(['paidOn']);
    const lastYear = await pay(ids.gw3!, { method: 'cash', paidOn: '2026-03-31' });
    expect(lastYear.statusCode).toBe(400);
    expect(fieldsOf(lastYear.json<Problem>())).toEqual(['paidOn']);
    const bad = await pay(ids.gw3!, { method: 'cash', paidOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);

    const today = await pay(ids.gw3!, { method: 'cash' });
    expect(today.json<Payment>().paidOn).toBe('2026-11-20');
    const firstDay = await pay(ids.gw3!, { method: 'cash', paidOn: '2026-04-01' });
    expect(firstDay.statusCode, firstDay.body).toBe(201);
    const backdated = await pay(ids.gw3!, { method: 'cash', paidOn: '2026-11-05' });
    expect(backdated.statusCode, backdated.body).toBe(201);
    const payment = backdated.json<Payment>();
    expect(payment.paidOn).toBe('2026-11-05');
    const entries = await raw(
      "SELECT entry_date FROM fee_ledger_entries WHERE tenant_id = ? AND payment_id = ? AND kind = 'payment'",
      [gw.institution.id, payment.id],
    );
    expect(entries.map((e) => e.entry_date)).toEqual(['2026-11-05']);
    const events = (
      await t.request({ url: '/api/v1/audit/events?action=fees.payment.record', headers: admin.auth })
    ).json<{ items: { targetId: string; details: Record<string, unknown> }[] }>().items;
    const audited = events.find((e) => e.targetId === payment.id)!;
    expect(audited.details).toMatchObject({ paidOn: '2026-11-05', backdated: true });
    expect(audited.details.enteredAt).toBe(NOW.toISOString());
    expect(events.find((e) => e.targetId === today.json<Payment>().id)!.details).toMatchObject({
      paidOn: '2026-11-20',
      backdated: false,
    });
  });

  it("shows each defaulter's guardian phone masked, never the full number, in the report and its CSV", async () => {
    const res = await defaulters();
    const items = res.json<{ items: Defaulter[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    for (const row of items) expect(row.guardianPhoneMasked).toMatch(/^\d{2}•{6}\d{2}$/);
    const sibling = items.find((i) => i.studentId === ids.gw1)!;
    const national = demoParentPhone(1).slice(-10);
    expect(sibling.guardianPhoneMasked).toBe(`${national.slice(0, 2)}••••••${national.slice(-2)}`);
    expect(res.body).not.toContain(national);
    expect(res.body).not.toContain(national.slice(2, 8));
    const paged = await t.request({ url: '/api/v1/fees/defaulters?limit=5', headers: accountant.auth });
    expect(paged.body).not.toContain(national);
    const csv = await t.request({ url: '/api/v1/fees/reports/defaulters/export', headers: accountant.auth });
    expect(csv.body).not.toContain(national);
  });

  it('queues a fee reminder once per student per day, only to guardians who opted in, and says when it already went', async () => {
    await enableSms(t, gw.institution);
    const guardianId = (await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).guardianIdByPhone(demoParentPhone(1)),
    ))!;
    const consent = await t.request({
      method: 'PUT',
      url: `/api/v1/notifications/my-consents/${guardianId}`,
      headers: parent.auth,
      payload: { changes: [{ channel: 'sms', purpose: 'fee_reminders', granted: true }] },
    });
    expect(consent.statusCode, consent.body).toBe(200);
    const outbox = async () =>
      (
        await raw('SELECT idempotency_key, guardian_id FROM outbox_messages WHERE idempotency_key LIKE ?', [
          'fee-reminder-manual:%',
        ])
      ).map((r) => [r.idempotency_key as string, r.guardian_id as string]);

    const first = await remind(ids.gw1!);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ outcome: 'queued', enqueued: 1, sentOn: '2026-11-20' });
    expect(await outbox()).toEqual([
      [`fee-reminder-manual:${ids.gw1}:2026-11-20:${guardianId}:sms`, guardianId],
    ]);
    const second = await remind(ids.gw1!);
    expect(second.json()).toEqual({ outcome: 'already_sent', enqueued: 0, sentOn: '2026-11-20' });
    expect(await outbox()).toHaveLength(1);

    // gw2's guardian never opted in: the reminder is recorded, nothing is queued to them.
    const notOptedIn = await remind(ids.gw2!);
    expect(notOptedIn.json()).toEqual({ outcome: 'queued', enqueued: 0, sentOn: '2026-11-20' });
    expect(await outbox()).toHaveLength(1);

    const rows = (await defaulters()).json<{ items: Defaulter[] }>().items;
    expect(rows.find((r) => r.studentId === ids.gw1)?.remindedToday).toBe(true);
    expect(rows.find((r) => r.studentId === ids.gw4)?.remindedToday).toBe(false);

    t.app.get(Clock).setForTests(new Date('2026-11-21T05:00:00Z'));
    try {
      const nextDay = await remind(ids.gw1!);
      expect(nextDay.json()).toMatchObject({ outcome: 'queued', enqueued: 1, sentOn: '2026-11-21' });
    } finally {
      t.app.get(Clock).setForTests(NOW);
    }
    expect(await outbox()).toHaveLength(2);
    expect(takeSqlGuardViolations()).toEqual([]);
  });

  it('lets only fee collectors of the school send reminders: 403 for parents and teachers, 404 across tenants', async () => {
    expect((await remind(ids.gw4!, parent)).statusCode).toBe(403);
    expect((await remind(ids.gw4!, teacher)).statusCode).toBe(403);
    expect((await remind(ids.gw4!, rsAccountant)).statusCode).toBe(404);
    expect((await remind(ids.rs1!, accountant)).statusCode).toBe(404);
    expect((await remind('00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await remind(ids.gw4!, admin)).json()).toMatchObject({ outcome: 'queued' });
  });

  it('exports defaulters and collections in rupees with two decimals and names, ids last', async () => {
    const csv = await t.request({ url: '/api/v1/fees/reports/defaulters/export', headers: accountant.auth });
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body.trim().split(/\r?\n/);
    expect(header).toBe(
      'admission_no,name,class_section,guardian_phone,outstanding,currency,oldest_due,days_overdue,student_id',
    );
    const report = (await defaulters()).json<{ items: (Defaulter & { outstanding: number })[] }>().items;
    const first = report[0]!;
    const line = lines.find((l) => l.startsWith(first.admissionNo))!;
    const cells = line.split(',');
    expect(cells[2]).toMatch(/^Class \d-[AB]$/);
    expect(cells[4]).toBe((first.outstanding / 100).toFixed(2));
    expect(cells[8]).toBe(first.studentId);

    const byHead = await t.request({
      url: '/api/v1/fees/reports/collections/export?from=2026-04-01&to=2026-11-30&groupBy=head',
      headers: accountant.auth,
    });
    const [headHeader, ...headLines] = byHead.body.trim().split(/\r?\n/);
    expect(headHeader).toBe('head,amount,currency,head_key');
    expect(headLines.map((l) => l.split(',')[0])).toContain('Tuition');
    for (const l of headLines) expect(l.split(',')[1]).toMatch(/^-?\d+\.\d{2}$/);
    const byClass = await t.request({
      url: '/api/v1/fees/reports/collections/export?from=2026-04-01&to=2026-11-30&groupBy=class',
      headers: accountant.auth,
    });
    expect(byClass.body.split(/\r?\n/)[1]).toMatch(/^Class \d,\d+\.\d{2},INR,/);
  });
});
