import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo, demoParentPhone } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { enableSms } from './support/fake-providers-harness';
import { Auth, FeeSetup, generate, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Run = {
  asOf: string;
  invoices: number;
  lateFees: { invoices: number; amount: number };
  reminders: { sent: number; enqueued: number };
};

/** Late-fee rules and reminders, run by the daily job (idempotent). Terms fall due 06-10, 10-10, 01-10. */
describe(`fee rules and reminders on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let admin: Auth;
  let parent: Auth;
  let fees: FeeSetup;
  let child: string;
  let lateHead: string;
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params)) as Promise<
      Record<string, unknown>[]
    >;
  const run = async (asOf: string) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/fees/jobs/daily',
      headers: admin.auth,
      payload: { asOf },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Run>();
  };
  const fines = async (student: string) =>
    Number(
      (
        await raw(
          "SELECT COALESCE(SUM(amount), 0) AS s FROM fee_ledger_entries WHERE student_id = ? AND kind = 'fine'",
          [student],
        )
      )[0]!.s,
    );

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    admin = await signIn(t, gw.admin, '10.73.0.1');
    parent = await signIn(t, gw.parent, '10.73.0.2');
    fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    child = (await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 1)),
    ))!;
    const head = await t.request({
      method: 'POST',
      url: '/api/v1/fees/heads',
      headers: admin.auth,
      payload: { name: 'Late fee' },
    });
    lateHead = head.json<{ id: string }>().id;
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('applies the class structure to students enrolled since the last run, with their optional heads', async () => {
    // Class 6 was never invoiced by hand: the daily job invoices it, with a Class 6 student's transport.
    const class6Student = (await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 5)),
    ))!;
    const optional = await t.request({
      method: 'PUT',
      url: `/api/v1/fees/students/${class6Student}/optional-heads`,
      headers: admin.auth,
      payload: { heads: [{ headId: fees.heads.transport, amountPerInstalment: 800_00 }] },
    });
    expect(optional.statusCode, optional.body).toBe(200);
    const wrong = await t.request({
      method: 'PUT',
      url: `/api/v1/fees/students/${class6Student}/optional-heads`,
      headers: admin.auth,
      payload: { heads: [{ headId: fees.heads.tuition, amountPerInstalment: 1 }] },
    });
    expect(wrong.statusCode).toBe(400);
    const first = await run('2026-06-01');
    expect(first.invoices).toBe(4 * 3);
    expect((await run('2026-06-01')).invoices).toBe(0);
    const dues = (
      await t.request({ url: `/api/v1/fees/students/${class6Student}/dues`, headers: admin.auth })
    ).json<{ outstanding: number; invoices: { lines: { headName: string; charged: number }[] }[] }>();
    expect(dues.invoices).toHaveLength(3);
    expect(dues.invoices[0]!.lines.find((l) => l.headName === 'Transport')!.charged).toBe(800_00);
    expect(dues.outstanding).toBe(fees.termTotals.reduce((a, b) => a + b, 0) + 3 * 800_00);
  });

  it('[APP-06] books per-day late fees after the grace period, capped, once however often the job runs', async () => {
    const rule = await t.request({
      method: 'POST',
      url: '/api/v1/fees/late-fee-rules',
      headers: admin.auth,
      payload: {
        name: 'Late fee',
        kind: 'per_day',
        amount: 10_00,
        graceDays: 5,
        cap: 200_00,
        headId: lateHead,
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    // 2026-10-20, all 8 students: term 1 is 132 days late (capped at 200), term 2 is 10 days overdue, 5 past
    // grace (50).
    const first = await run('2026-10-20');
    expect(first.lateFees.amount).toBe(8 * (200_00 + 50_00));
    expect(await fines(child)).toBe(250_00);
    const [again, concurrent] = await Promise.all([run('2026-10-20'), run('2026-10-20')]);
    expect(again.lateFees.amount + concurrent.lateFees.amount).toBe(0);
    expect(await fines(child)).toBe(250_00);
    // Two days later term 2 has grown by 20; term 1 stays at its cap.
    expect((await run('2026-10-22')).lateFees.amount).toBe(8 * 20_00);
    expect(await fines(child)).toBe(270_00);
    const dues = (
      await t.request({ url: `/api/v1/fees/students/${child}/dues`, headers: parent.auth })
    ).json<{ invoices: { lines: { headName: string; fine: number }[] }[] }>();
    expect(dues.invoices[0]!.lines.find((l) => l.headName === 'Late fee')!.fine).toBe(200_00);
  });

  it('stops a late fee from accruing once the invoice is paid', async () => {
    const d = (await t.request({ url: `/api/v1/fees/students/${child}/dues`, headers: admin.auth })).json<{
      invoices: { outstanding: number }[];
    }>();
    const firstTwo = d.invoices[0]!.outstanding + d.invoices[1]!.outstanding;
    const pay = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${child}/payments`,
      headers: admin.auth, // the school admin may collect too
      payload: { amount: firstTwo, method: 'bank_transfer', reference: 'NEFT-1' },
    });
    expect(pay.statusCode, pay.body).toBe(201);
    const before = await fines(child);
    await run('2026-10-30');
    expect(await fines(child)).toBe(before);
  });

  it('writes each reminder once per rule, invoice and occurrence, only to guardians who opted in', async () => {
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
    for (const payload of [
      { kind: 'before_due', days: 7 },
      { kind: 'on_due' },
      { kind: 'overdue_every', days: 7 },
    ]) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/fees/reminder-rules',
        headers: admin.auth,
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const reminders = async () =>
      (
        await raw("SELECT idempotency_key FROM outbox_messages WHERE idempotency_key LIKE 'fee-reminder:%'")
      ).map((r) => r.idempotency_key as string);
    // 2027-01-03: term 3 (due 01-10) is 7 days away for every student of Class 5.
    const first = await run('2027-01-03');
    expect(first.reminders.sent).toBeGreaterThanOrEqual(4);
    const mine = await reminders();
    // Only the opted-in guardian (the demo parent, of two children) gets messages.
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(first.reminders.sent);
    const again = await run('2027-01-03');
    expect(again.reminders.sent).toBe(0);
    expect(await reminders()).toEqual(mine);
    // Overdue every 7 days: the sibling's term 1 is overdue; a new occurrence each week, once.
    const weekLater = await run('2027-01-10');
    expect(weekLater.reminders.sent).toBeGreaterThan(0);
    expect((await run('2027-01-10')).reminders.sent).toBe(0);
    const keys = await reminders();
    expect(new Set(keys).size).toBe(keys.length);
    expect(takeSqlGuardViolations()).toEqual([]);
  });

  it('writes a receipt message once per payment to guardians who opted in to receipts', async () => {
    const guardianId = (await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).guardianIdByPhone(demoParentPhone(1)),
    ))!;
    await t.request({
      method: 'PUT',
      url: `/api/v1/notifications/my-consents/${guardianId}`,
      headers: parent.auth,
      payload: { changes: [{ channel: 'sms', purpose: 'receipts', granted: true }] },
    });
    const send = () =>
      t.request({
        method: 'POST',
        url: `/api/v1/fees/students/${child}/payments`,
        headers: { ...admin.auth, 'idempotency-key': 'receipt-message-1' },
        payload: { amount: 100_00, method: 'cash' },
      });
    const payment = (await send()).json<{ id: string }>();
    await send();
    const rows = await raw('SELECT idempotency_key FROM outbox_messages WHERE idempotency_key LIKE ?', [
      `fee-receipt:${payment.id}:%`,
    ]);
    expect(rows).toHaveLength(1);
  });
});
