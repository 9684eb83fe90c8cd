import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeesOnlineService } from '../src/modules/fees/fees-online.service';
import { SandboxGateway } from '../src/modules/fees/payments/sandbox.gateway';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { Auth, generate, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Order = {
  id: string;
  status: string;
  providerOrderId: string;
  paymentId: string | null;
  amount: number;
};

describe(`online fee payments on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let parent: Auth;
  let rsParent: Auth;
  let child: string;
  let otherChild: string;
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params)) as Promise<
      Record<string, unknown>[]
    >;
  const outstanding = async (student: string) =>
    (await t.request({ url: `/api/v1/fees/students/${student}/dues`, headers: parent.auth })).json<{
      outstanding: number;
    }>().outstanding;
  const paymentsCount = async () =>
    Number(
      (await raw('SELECT COUNT(*) AS n FROM fee_payments WHERE tenant_id = ?', [gw.institution.id]))[0]!.n,
    );
  const order = async (student: string, amount: number) => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${student}/online-orders`,
      headers: parent.auth,
      payload: { amount },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Order>();
  };
  const webhook = (institutionId: string, body: Buffer, signature: string, eventId: string) =>
    t.request({
      method: 'POST',
      url: `/api/v1/fees/webhooks/sandbox/${institutionId}`,
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': signature,
        'x-razorpay-event-id': eventId,
      },
      payload: body,
    });
  const sign = (institutionId: string, body: Buffer) =>
    createHmac('sha256', t.app.get(FeesOnlineService).webhookSecret('sandbox', institutionId))
      .update(body)
      .digest('hex');

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    const admin = await signIn(t, gw.admin, '10.71.0.1');
    parent = await signIn(t, gw.parent, '10.71.0.2');
    rsParent = await signIn(t, rs.parent, '10.71.0.3');
    const fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    [child, otherChild] = await t.context.runAsTenant(gw.institution.id, async () => [
      (await t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 1)))!,
      (await t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 2)))!,
    ]);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('[APP-07] the parent pays in the sandbox: the signed webhook credits the order once', async () => {
    const before = await outstanding(child);
    const o = await order(child, 2_000_00);
    expect(o.status).toBe('created');
    const paid = await t.request({
      method: 'POST',
      url: `/api/v1/fees/online-orders/${o.id}/sandbox-checkout`,
      headers: parent.auth,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const after = paid.json<Order>();
    expect(after.status).toBe('paid');
    expect(await outstanding(child)).toBe(before - 2_000_00);
    const payment = await t.request({
      url: `/api/v1/fees/payments/${after.paymentId}`,
      headers: parent.auth,
    });
    expect(payment.json<{ method: string; amount: number }>()).toMatchObject({
      method: 'online',
      amount: 2_000_00,
    });
    const receipt = await t.request({
      url: `/api/v1/fees/payments/${after.paymentId}/receipt`,
      headers: parent.auth,
    });
    expect(receipt.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/fees/online-orders/${o.id}/sandbox-checkout`,
      headers: parent.auth,
    });
    expect(again.statusCode).toBe(422);
  });

  it('[APP-07] a forged, tampered or foreign-signed webhook credits nothing', async () => {
    const o = await order(child, 1_000_00);
    const body = SandboxGateway.capturedEvent(o.providerOrderId, o.amount, 'INR');
    const count = await paymentsCount();
    const forged = await webhook(gw.institution.id, body, 'a'.repeat(64), 'evt_forged_1');
    expect(forged.statusCode).toBe(401);
    expect((await webhook(gw.institution.id, body, '', 'evt_forged_2')).statusCode).toBe(401);
    const tampered = Buffer.from(body.toString('utf8').replace('"amount":100000', '"amount":100001'));
    expect(
      (await webhook(gw.institution.id, tampered, sign(gw.institution.id, body), 'evt_tampered')).statusCode,
    ).toBe(401);
    // Signed with riverside's secret, sent to greenwood's URL.
    expect(
      (await webhook(gw.institution.id, body, sign(rs.institution.id, body), 'evt_foreign')).statusCode,
    ).toBe(401);
    // Riverside's URL with its own valid signature cannot find greenwood's order.
    const foreign = await webhook(rs.institution.id, body, sign(rs.institution.id, body), 'evt_foreign_2');
    expect(foreign.json()).toEqual({ outcome: 'ignored' });
    expect(await paymentsCount()).toBe(count);
    const status = await t.request({ url: `/api/v1/fees/online-orders/${o.id}`, headers: parent.auth });
    expect(status.json<Order>().status).toBe('created');
  });

  it('[APP-07] a replayed webhook changes nothing: each event is processed once', async () => {
    const o = await order(child, 500_00);
    const body = SandboxGateway.capturedEvent(o.providerOrderId, o.amount, 'INR');
    const signature = sign(gw.institution.id, body);
    const before = await outstanding(child);
    const count = await paymentsCount();
    const first = await webhook(gw.institution.id, body, signature, 'evt_replay_1');
    expect(first.json()).toEqual({ outcome: 'credited' });
    const replays = await Promise.all([
      webhook(gw.institution.id, body, signature, 'evt_replay_1'),
      webhook(gw.institution.id, body, signature, 'evt_replay_1'),
    ]);
    expect(replays.map((r) => r.json<{ outcome: string }>().outcome)).toEqual(['duplicate', 'duplicate']);
    // The same capture re-sent under a new event id finds the order already paid.
    expect((await webhook(gw.institution.id, body, signature, 'evt_replay_2')).json()).toEqual({
      outcome: 'ignored',
    });
    expect(await paymentsCount()).toBe(count + 1);
    expect(await outstanding(child)).toBe(before - 500_00);
  });

  it('refuses orders for other families, other tenants, or beyond what is owed', async () => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${otherChild}/online-orders`,
      headers: parent.auth,
      payload: { amount: 100_00 },
    });
    expect(res.statusCode).toBe(404);
    const foreign = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${child}/online-orders`,
      headers: rsParent.auth,
      payload: { amount: 100_00 },
    });
    expect(foreign.statusCode).toBe(404);
    const tooMuch = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${child}/online-orders`,
      headers: parent.auth,
      payload: { amount: (await outstanding(child)) + 1 },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});
