import { createHmac, randomBytes } from 'node:crypto';
import { DefaultRole } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RazorpayTransport } from '../src/modules/fees/payments/razorpay-transport';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { KeyRotation } from '../src/platform/security/key-rotation';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { account, signIn } from './support/accounts';
import { Auth, generate, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Settings = {
  provider: string;
  enabled: boolean;
  ready: boolean;
  problems: string[];
  keyId: string | null;
  secrets: Record<'keySecret' | 'webhookSecret', { set: boolean }>;
  webhookUrl: string;
};
type Order = {
  id: string;
  provider: string;
  providerOrderId: string;
  status: string;
  amount: number;
  checkout: Record<string, string | number>;
};

const GW = {
  keyId: 'rzp_test_GreenwoodKey01',
  keySecret: 'gw-key-secret-9f2c1a',
  webhookSecret: 'gw-whsec-77aa31',
};
const RS = {
  keyId: 'rzp_test_RiversideKey2',
  keySecret: 'rs-key-secret-41d0be',
  webhookSecret: 'rs-whsec-0c9e52',
};

/** Razorpay's POST /v1/orders as a local stand-in: records each call and answers a created order. */
function fakeRazorpay() {
  const calls: { url: string; authorization: string; body: Record<string, unknown> }[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as { amount: number; currency: string };
    calls.push({
      url,
      authorization: (init.headers as Record<string, string>).authorization ?? '',
      body,
    });
    return new Response(
      JSON.stringify({
        id: `order_${randomBytes(7).toString('hex')}`,
        entity: 'order',
        amount: body.amount,
        currency: body.currency,
        status: 'created',
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

function capturedEvent(orderId: string, amount: number): Buffer {
  return Buffer.from(
    JSON.stringify({
      entity: 'event',
      account_id: 'acc_test',
      event: 'payment.captured',
      contains: ['payment'],
      payload: {
        payment: {
          entity: {
            id: `pay_${randomBytes(7).toString('hex')}`,
            entity: 'payment',
            amount,
            currency: 'INR',
            status: 'captured',
            order_id: orderId,
          },
        },
      },
      created_at: 1_790_000_000,
    }),
  );
}

describe(`per-institution Razorpay credentials on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let accountant: Auth;
  let teacher: Auth;
  let parent: Auth;
  let rsAdmin: Auth;
  let rsParent: Auth;
  let child: string;
  let rsChild: string;
  const razorpay = fakeRazorpay();
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params)) as Promise<
      Record<string, unknown>[]
    >;
  const put = (a: Auth, payload: object) =>
    t.request({ method: 'PUT', url: '/api/v1/fees/gateways/razorpay', headers: a.auth, payload });
  const get = (a: Auth) => t.request({ url: '/api/v1/fees/gateways/razorpay', headers: a.auth });
  const order = async (a: Auth, student: string, amount: number) => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${student}/online-orders`,
      headers: a.auth,
      payload: { amount },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Order>();
  };
  const webhook = (institutionId: string, body: Buffer, secret: string, eventId: string) =>
    t.request({
      method: 'POST',
      url: `/api/v1/fees/webhooks/razorpay/${institutionId}`,
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': createHmac('sha256', secret).update(body).digest('hex'),
        'x-razorpay-event-id': eventId,
      },
      payload: body,
    });
  const paymentsOf = async (institutionId: string) =>
    Number((await raw('SELECT COUNT(*) AS n FROM fee_payments WHERE tenant_id = ?', [institutionId]))[0]!.n);

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
    t.app.get(RazorpayTransport).setForTests({ baseUrl: 'https://razorpay.test', fetch: razorpay.fetchFn });
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.82.0.1');
    parent = await signIn(t, gw.parent, '10.82.0.2');
    teacher = await signIn(t, gw.teacher, '10.82.0.3');
    rsAdmin = await signIn(t, rs.admin, '10.82.0.4');
    rsParent = await signIn(t, rs.parent, '10.82.0.5');
    accountant = await signIn(
      t,
      await account(t, gw.institution, 'accountant@greenwood.test', [DefaultRole.Accountant], true),
      '10.82.0.6',
    );
    await generate(t, admin, (await givenFees(t, gw, admin)).structures['Class 5']!);
    await generate(t, rsAdmin, (await givenFees(t, rs, rsAdmin)).structures['Class 5']!);
    child = (await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 1)),
    ))!;
    rsChild = (await t.context.runAsTenant(rs.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(rs.prefix, 1)),
    ))!;
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    t.app.get(RazorpayTransport).setForTests(null);
    await t?.close();
  });

  it('[DAT-01] keeps the credentials encrypted, write-only, and out of responses, logs and audit', async () => {
    const empty = await get(admin);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json<Settings>()).toMatchObject({
      provider: 'razorpay',
      enabled: false,
      keyId: null,
      secrets: { keySecret: { set: false }, webhookSecret: { set: false } },
    });
    expect(empty.json<Settings>().webhookUrl).toMatch(
      new RegExp(`/api/v1/fees/webhooks/razorpay/${gw.institution.id}$`),
    );

    const incomplete = await put(admin, { enabled: true, keyId: GW.keyId, keySecret: GW.keySecret });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json<{ error: { details: { field: string }[] } }>().error.details).toEqual([
      { field: 'webhookSecret', message: 'is not set' },
    ]);
    const badKey = await put(admin, { enabled: false, keyId: 'sk_live_nope' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.body).toContain('keyId');

    const saved = await put(admin, { enabled: true, ...GW });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Settings>()).toMatchObject({
      enabled: true,
      ready: true,
      keyId: GW.keyId,
      secrets: { keySecret: { set: true }, webhookSecret: { set: true } },
    });
    for (const res of [saved, await get(admin)]) {
      expect(res.body).not.toContain(GW.keySecret);
      expect(res.body).not.toContain(GW.webhookSecret);
    }
    const row = (
      await raw('SELECT * FROM fee_gateway_settings WHERE tenant_id = ?', [gw.institution.id])
    )[0]!;
    expect(String(row.secrets_enc)).toMatch(/^f1\.\d+\./);
    const stored = JSON.stringify(await raw('SELECT * FROM fee_gateway_settings'));
    const auditRows = await raw("SELECT details FROM audit_events WHERE action = 'fees.gateway.update'");
    const audit = JSON.stringify(auditRows);
    // The audit names which credentials changed; the audit service redacts anything secret-shaped.
    expect(Object.keys(JSON.parse(String(auditRows.at(-1)!.details)).credentials as object)).toEqual([
      'keySecret',
      'webhookSecret',
    ]);
    for (const secret of [GW.keySecret, GW.webhookSecret]) {
      expect(stored).not.toContain(secret);
      expect(audit).not.toContain(secret);
      expect(JSON.stringify(t.logs)).not.toContain(secret);
    }

    // Absent keeps a credential; riverside's account is its own.
    expect((await put(admin, { enabled: true, keyId: GW.keyId })).json<Settings>().ready).toBe(true);
    expect((await put(rsAdmin, { enabled: true, ...RS })).statusCode).toBe(200);
    expect((await get(admin)).json<Settings>().keyId).toBe(GW.keyId);
    expect((await get(rsAdmin)).json<Settings>().keyId).toBe(RS.keyId);
  });

  it('is for fee setup only: parents, teachers and students get 403', async () => {
    for (const a of [parent, teacher]) {
      expect((await get(a)).statusCode).toBe(403);
      expect((await put(a, { enabled: false })).statusCode).toBe(403);
    }
    expect((await get(accountant)).statusCode).toBe(200);
  });

  it("[APP-07] opens each school's orders with its own Razorpay key", async () => {
    const before = razorpay.calls.length;
    const o = await order(parent, child, 1_000_00);
    expect(o.provider).toBe('razorpay');
    expect(o.checkout).toMatchObject({ provider: 'razorpay', key: GW.keyId, order_id: o.providerOrderId });
    const rsOrder = await order(rsParent, rsChild, 2_000_00);
    expect(rsOrder.checkout.key).toBe(RS.keyId);
    const [gwCall, rsCall] = razorpay.calls.slice(before);
    expect(gwCall!.url).toBe('https://razorpay.test/v1/orders');
    expect(gwCall!.authorization).toBe(
      `Basic ${Buffer.from(`${GW.keyId}:${GW.keySecret}`).toString('base64')}`,
    );
    expect(gwCall!.body).toMatchObject({ amount: 1_000_00, currency: 'INR' });
    expect(rsCall!.authorization).toBe(
      `Basic ${Buffer.from(`${RS.keyId}:${RS.keySecret}`).toString('base64')}`,
    );
    const reread = await t.request({ url: `/api/v1/fees/online-orders/${o.id}`, headers: parent.auth });
    expect(reread.json<Order>().checkout.key).toBe(GW.keyId);
  });

  it("[APP-07] a webhook signed with another school's secret credits nothing", async () => {
    const o = await order(rsParent, rsChild, 1_500_00);
    const body = capturedEvent(o.providerOrderId, o.amount);
    const gwPayments = await paymentsOf(gw.institution.id);
    const rsPayments = await paymentsOf(rs.institution.id);
    // Greenwood's secret on riverside's URL.
    expect((await webhook(rs.institution.id, body, GW.webhookSecret, 'evt_x_1')).statusCode).toBe(401);
    // Greenwood's secret on greenwood's URL: valid there, but riverside's order is not greenwood's.
    const elsewhere = await webhook(gw.institution.id, body, GW.webhookSecret, 'evt_x_2');
    expect(elsewhere.json()).toEqual({ outcome: 'ignored' });
    // The sandbox's secret scheme does not open the Razorpay URL either.
    expect((await webhook(rs.institution.id, body, 'not-the-secret', 'evt_x_3')).statusCode).toBe(401);
    expect(await paymentsOf(rs.institution.id)).toBe(rsPayments);
    expect(await paymentsOf(gw.institution.id)).toBe(gwPayments);
    const status = await t.request({ url: `/api/v1/fees/online-orders/${o.id}`, headers: rsParent.auth });
    expect(status.json<Order>().status).toBe('created');

    const credited = await webhook(rs.institution.id, body, RS.webhookSecret, 'evt_rs_ok');
    expect(credited.json()).toEqual({ outcome: 'credited' });
    expect((await webhook(rs.institution.id, body, RS.webhookSecret, 'evt_rs_ok')).json()).toEqual({
      outcome: 'duplicate',
    });
    expect(await paymentsOf(rs.institution.id)).toBe(rsPayments + 1);
    expect(await paymentsOf(gw.institution.id)).toBe(gwPayments);
  });

  it('refuses every Razorpay webhook for a school without a webhook secret, and turns back to the sandbox', async () => {
    const o = await order(parent, child, 300_00);
    const cleared = await put(admin, { enabled: false, webhookSecret: null });
    expect(cleared.json<Settings>().secrets.webhookSecret.set).toBe(false);
    const body = capturedEvent(o.providerOrderId, o.amount);
    for (const secret of [GW.webhookSecret, '', RS.webhookSecret])
      expect((await webhook(gw.institution.id, body, secret, `evt_none_${secret}`)).statusCode).toBe(401);
    expect((await order(parent, child, 100_00)).provider).toBe('sandbox');
    expect((await put(admin, { enabled: true, webhookSecret: GW.webhookSecret })).statusCode).toBe(200);
  });

  it('answers 503 and opens no order when Razorpay refuses it, without echoing its answer', async () => {
    const transport = t.app.get(RazorpayTransport);
    const refusing = (async () =>
      new Response(
        JSON.stringify({ error: { code: 'BAD_REQUEST_ERROR', description: 'acct_secret_detail' } }),
        {
          status: 401,
        },
      )) as unknown as typeof fetch;
    const orders = async () =>
      Number(
        (
          await raw('SELECT COUNT(*) AS n FROM fee_online_orders WHERE tenant_id = ?', [gw.institution.id])
        )[0]!.n,
      );
    const before = await orders();
    transport.setForTests({ baseUrl: 'https://razorpay.test', fetch: refusing });
    try {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/fees/students/${child}/online-orders`,
        headers: parent.auth,
        payload: { amount: 100_00 },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect(res.body).not.toContain('acct_secret_detail');
    } finally {
      transport.setForTests({ baseUrl: 'https://razorpay.test', fetch: razorpay.fetchFn });
    }
    expect(await orders()).toBe(before);
  });

  it('[DAT-02] moves the credentials to a new data key on rotation, still usable', async () => {
    const report = await t.context.runAsTenant(gw.institution.id, () => t.app.get(KeyRotation).rotate());
    expect(report.rows.fee_gateway_settings).toBe(1);
    const row = (
      await raw('SELECT secrets_enc FROM fee_gateway_settings WHERE tenant_id = ?', [gw.institution.id])
    )[0]!;
    expect(String(row.secrets_enc).startsWith(`f1.${report.newVersion}.`)).toBe(true);
    const o = await order(parent, child, 200_00);
    expect(o.checkout.key).toBe(GW.keyId);
    expect(
      (
        await webhook(
          gw.institution.id,
          capturedEvent(o.providerOrderId, o.amount),
          GW.webhookSecret,
          'evt_rot',
        )
      ).json(),
    ).toEqual({ outcome: 'credited' });
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});
