import { DefaultRole } from '@shala/contracts';
import { createHmac, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeesOnlineService } from '../src/modules/fees/fees-online.service';
import { FeeOnlineOrdersRepository } from '../src/modules/fees/fees.repository';
import { SandboxGateway } from '../src/modules/fees/payments/sandbox.gateway';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { account, signIn } from './support/accounts';
import { Auth, generate, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Order = {
  id: string;
  status: string;
  provider: string;
  providerOrderId: string;
  paymentId: string | null;
  amount: number;
  checkout: Record<string, string | number>;
};

/** A school with fees invoiced, its admin and parent signed in, and the parent's first child. */
async function givenInvoicedSchool(t: TestApp) {
  // The fixed clock exists in the test profile only; the production profile runs on the real one.
  if (t.config.env === 'test') t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
  const gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
  await givenSchool(t, await t.given.institution('riverside'), 2, 2);
  const admin = await signIn(t, gw.admin, '10.72.0.1');
  const parent = await signIn(t, gw.parent, '10.72.0.2');
  await generate(t, admin, (await givenFees(t, gw, admin)).structures['Class 5']!);
  const child = await t.context.runAsTenant(
    gw.institution.id,
    async () => (await t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 1)))!,
  );
  return { gw, admin, parent, child };
}

function helpers(t: TestApp, parent: Auth) {
  return {
    outstanding: async (student: string) =>
      (await t.request({ url: `/api/v1/fees/students/${student}/dues`, headers: parent.auth })).json<{
        outstanding: number;
      }>().outstanding,
    checkout: (orderId: string, who: Auth) =>
      t.request({
        method: 'POST',
        url: `/api/v1/fees/online-orders/${orderId}/sandbox-checkout`,
        headers: who.auth,
      }),
    createOrder: (student: string, amount: number, who: Auth = parent) =>
      t.request({
        method: 'POST',
        url: `/api/v1/fees/students/${student}/online-orders`,
        headers: who.auth,
        payload: { amount },
      }),
  };
}

describe(`the payment sandbox in the test profile on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let parent: Auth;
  let otherGuardian: Auth;
  let child: string;

  beforeAll(async () => {
    t = await bootTestApp();
    const given = await givenInvoicedSchool(t);
    ({ gw, parent, child } = given);
    // The child's mother, with her own parent account: she sees the child and its orders.
    const added = await t.request({
      method: 'POST',
      url: `/api/v1/students/${child}/guardians`,
      headers: given.admin.auth,
      payload: { fullName: 'Meera Second', relationship: 'mother', phone: '+919876500017' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const mother = added
      .json<{ items: { id: string; fullName: string }[] }>()
      .items.find((g) => g.fullName === 'Meera Second')!;
    const motherAccount = await account(t, gw.institution, 'mother@greenwood.test', [DefaultRole.Parent]);
    const linked = await t.request({
      method: 'PUT',
      url: `/api/v1/students/guardians/${mother.id}/account`,
      headers: given.admin.auth,
      payload: { userId: motherAccount.id },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    otherGuardian = await signIn(t, motherAccount, '10.72.0.3');
  });

  afterAll(async () => {
    t?.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it("[APP-07] another parent of the same child cannot pay the payer's sandbox order", async () => {
    const h = helpers(t, parent);
    const before = await h.outstanding(child);
    const created = await h.createOrder(child, 1_000_00);
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json<Order>();
    expect(order.checkout.sandboxCheckout).toBe(`/api/v1/fees/online-orders/${order.id}/sandbox-checkout`);
    // She may see the order (the same child), but only its payer may complete it.
    const seen = await t.request({
      url: `/api/v1/fees/online-orders/${order.id}`,
      headers: otherGuardian.auth,
    });
    expect(seen.statusCode).toBe(200);
    const refused = await h.checkout(order.id, otherGuardian);
    expect(refused.statusCode, refused.body).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.outstanding(child)).toBe(before);
    expect(
      (await t.request({ url: `/api/v1/fees/online-orders/${order.id}`, headers: parent.auth })).json<Order>()
        .status,
    ).toBe('created');
    // The payer still can.
    const paid = await h.checkout(order.id, parent);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json<Order>().status).toBe('paid');
    expect(await h.outstanding(child)).toBe(before - 1_000_00);
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});

describe(`the payment sandbox in a production profile on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let parent: Auth;
  let child: string;
  const secret = () => randomBytes(32).toString('base64');

  beforeAll(async () => {
    t = await bootTestApp({
      APP_ENV: 'production',
      DEMO_MODE: 'false',
      PUBLIC_URL: 'https://erp.greenwood.example',
      JWT_SECRET: secret(),
      AUDIT_HMAC_KEY: secret(),
      PASSWORD_PEPPER: secret(),
      FIELD_ENCRYPTION_MASTER_KEY: secret(),
      // The test profile's guard, kept on here too.
      SQL_GUARD: 'true',
    });
    ({ gw, parent, child } = await givenInvoicedSchool(t));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 422 "not set up" instead of opening a sandbox order when the school has no gateway', async () => {
    const h = helpers(t, parent);
    const res = await h.createOrder(child, 1_000_00);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({
      error: {
        code: 'FEES_ONLINE_PAYMENTS_NOT_SET_UP',
        message: expect.stringMatching(/online payments are not set up for this school/i),
      },
    });
    const orders = await t.db.acrossTenants('test reads raw rows', () =>
      t.dataSource.query('SELECT COUNT(*) AS n FROM fee_online_orders'),
    );
    expect(Number((orders as { n: number | string }[])[0]!.n)).toBe(0);
  });

  it('[APP-07] refuses the sandbox checkout (404) and its webhook (401); the dues do not drop', async () => {
    const h = helpers(t, parent);
    const before = await h.outstanding(child);
    expect(before).toBeGreaterThanOrEqual(1_000_00);
    // A sandbox order left from before (as a restored development database would have), opened by the
    // parent themselves: still nothing can pay it here.
    const id = uuidv7();
    const providerOrderId = `order_sbx_${randomBytes(8).toString('hex')}`;
    await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(FeeOnlineOrdersRepository).add({
        id,
        studentId: child,
        amount: 1_000_00,
        currency: 'INR',
        provider: 'sandbox',
        providerOrderId,
        status: 'created',
        paymentId: null,
        createdBy: gw.parent.id,
      }),
    );
    const res = await h.checkout(id, parent);
    expect(res.statusCode, res.body).toBe(404);
    const view = await t.request({ url: `/api/v1/fees/online-orders/${id}`, headers: parent.auth });
    expect(view.json<Order>().checkout.sandboxCheckout).toBeUndefined();
    // The sandbox's webhook path is refused like an unknown provider's, even correctly signed.
    const body = SandboxGateway.capturedEvent(providerOrderId, 1_000_00, 'INR');
    const signature = createHmac(
      'sha256',
      t.app.get(FeesOnlineService).webhookSecret('sandbox', gw.institution.id),
    )
      .update(body)
      .digest('hex');
    const webhook = await t.request({
      method: 'POST',
      url: `/api/v1/fees/webhooks/sandbox/${gw.institution.id}`,
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': signature,
        'x-razorpay-event-id': 'evt_prod_sandbox',
      },
      payload: body,
    });
    expect(webhook.statusCode).toBe(401);
    expect(await h.outstanding(child)).toBe(before);
    expect(view.json<Order>().status).toBe('created');
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});
