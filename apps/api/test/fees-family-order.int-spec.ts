import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeesOnlineService } from '../src/modules/fees/fees-online.service';
import { SandboxGateway } from '../src/modules/fees/payments/sandbox.gateway';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { Auth, generate, givenAccountants, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Order = {
  id: string;
  status: string;
  amount: number;
  providerOrderId: string;
  paymentId: string | null;
  parts: { studentId: string; amount: number; paymentId: string | null }[];
};
type Payment = { id: string; studentId: string; amount: number; method: string; receiptNo: string };

const PER_SECTION = 3;

describe(`one online order for several siblings on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let parent: Auth;
  let rsParent: Auth;
  let accountant: Auth;
  let elder: string;
  let younger: string;
  let stranger: string;
  let rsChild: string;
  const id = async (school: School, n: number) =>
    (await t.context.runAsTenant(school.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(school.prefix, n)),
    ))!;
  const outstanding = async (student: string) =>
    (await t.request({ url: `/api/v1/fees/students/${student}/dues`, headers: parent.auth })).json<{
      outstanding: number;
    }>().outstanding;
  const familyOrder = (children: { studentId: string; amount: number }[], a: Auth = parent) =>
    t.request({
      method: 'POST',
      url: '/api/v1/fees/family/online-orders',
      headers: a.auth,
      payload: { children },
    });
  const checkout = (orderId: string, a: Auth = parent) =>
    t.request({
      method: 'POST',
      url: `/api/v1/fees/online-orders/${orderId}/sandbox-checkout`,
      headers: a.auth,
    });

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, PER_SECTION);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    const [gwAccountant] = await givenAccountants(t, gw, rs);
    const admin = await signIn(t, gw.admin, '10.72.0.1');
    parent = await signIn(t, gw.parent, '10.72.0.2');
    rsParent = await signIn(t, rs.parent, '10.72.0.3');
    accountant = await signIn(t, gwAccountant, '10.72.0.4');
    const rsAdmin = await signIn(t, rs.admin, '10.72.0.5');
    const fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    const rsFees = await givenFees(t, rs, rsAdmin);
    await generate(t, rsAdmin, rsFees.structures['Class 5']!);
    // The demo parent's two children: the first of Class 5 A and the first of Class 5 B.
    elder = await id(gw, 1);
    younger = await id(gw, PER_SECTION + 1);
    stranger = await id(gw, 2);
    rsChild = await id(rs, 1);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('pays two children in one gateway order: one payment and one receipt per child, each on its own dues', async () => {
    const [elderBefore, youngerBefore] = [await outstanding(elder), await outstanding(younger)];
    const res = await familyOrder([
      { studentId: elder, amount: 3_000_00 },
      { studentId: younger, amount: 1_500_00 },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json<Order>();
    expect(order).toMatchObject({ status: 'created', amount: 4_500_00 });
    expect(order.parts.map((p) => [p.studentId, p.amount]).sort()).toEqual(
      [
        [elder, 3_000_00],
        [younger, 1_500_00],
      ].sort(),
    );
    const paid = await checkout(order.id);
    expect(paid.statusCode, paid.body).toBe(200);
    const done = paid.json<Order>();
    expect(done.status).toBe('paid');
    expect(done.parts.every((p) => p.paymentId)).toBe(true);
    expect(await outstanding(elder)).toBe(elderBefore - 3_000_00);
    expect(await outstanding(younger)).toBe(youngerBefore - 1_500_00);
    const payments: Payment[] = [];
    for (const part of done.parts) {
      const p = await t.request({ url: `/api/v1/fees/payments/${part.paymentId}`, headers: parent.auth });
      expect(p.statusCode).toBe(200);
      payments.push(p.json<Payment>());
      const receipt = await t.request({
        url: `/api/v1/fees/payments/${part.paymentId}/receipt`,
        headers: parent.auth,
      });
      expect(receipt.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    }
    expect(payments.map((p) => [p.studentId, p.amount, p.method]).sort()).toEqual(
      [
        [elder, 3_000_00, 'online'],
        [younger, 1_500_00, 'online'],
      ].sort(),
    );
    expect(new Set(payments.map((p) => p.receiptNo)).size).toBe(2);
    // Replaying the capture credits nothing more.
    expect((await checkout(order.id)).statusCode).toBe(422);
    expect(takeSqlGuardViolations()).toEqual([]);
  });

  it("refuses a child who is not the parent's (404), another school's (404), a repeated child and an amount beyond a child's dues", async () => {
    const notMine = await familyOrder([
      { studentId: elder, amount: 100_00 },
      { studentId: stranger, amount: 100_00 },
    ]);
    expect(notMine.statusCode).toBe(404);
    expect((await familyOrder([{ studentId: rsChild, amount: 100_00 }])).statusCode).toBe(404);
    expect((await familyOrder([{ studentId: elder, amount: 100_00 }], rsParent)).statusCode).toBe(404);
    const twice = await familyOrder([
      { studentId: elder, amount: 100_00 },
      { studentId: elder, amount: 100_00 },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json<{ error: { details: { field: string }[] } }>().error.details[0]!.field).toBe(
      'children.1.studentId',
    );
    const tooMuch = await familyOrder([
      { studentId: elder, amount: 100_00 },
      { studentId: younger, amount: (await outstanding(younger)) + 1 },
    ]);
    expect(tooMuch.statusCode).toBe(422);
    expect((await familyOrder([])).statusCode).toBe(400);
    // Staff cannot open a family order (no fees.pay); the parent's order is invisible across tenants.
    expect((await familyOrder([{ studentId: elder, amount: 100_00 }], accountant)).statusCode).toBe(403);
  });

  it('books nothing when a child was paid at the counter before the capture (all or nothing)', async () => {
    const youngerDue = await outstanding(younger);
    const order = (
      await familyOrder([
        { studentId: elder, amount: 100_00 },
        { studentId: younger, amount: youngerDue },
      ])
    ).json<Order>();
    const counter = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${younger}/payments`,
      headers: accountant.auth,
      payload: { amount: 100_00, method: 'cash' },
    });
    expect(counter.statusCode, counter.body).toBe(201);
    const elderBefore = await outstanding(elder);
    const raw = SandboxGateway.capturedEvent(order.providerOrderId, order.amount, 'INR');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/webhooks/sandbox/${gw.institution.id}`,
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': createHmac(
          'sha256',
          t.app.get(FeesOnlineService).webhookSecret('sandbox', gw.institution.id),
        )
          .update(raw)
          .digest('hex'),
        'x-razorpay-event-id': 'evt_family_unallocatable',
      },
      payload: raw,
    });
    expect(res.json()).toEqual({ outcome: 'unallocatable' });
    expect(await outstanding(elder)).toBe(elderBefore);
    const after = await t.request({ url: `/api/v1/fees/online-orders/${order.id}`, headers: parent.auth });
    expect(after.json<Order>().status).toBe('failed');
    expect(after.json<Order>().parts.every((p) => p.paymentId === null)).toBe(true);
  });

  it("hides a family order from another school's parent", async () => {
    const order = (await familyOrder([{ studentId: elder, amount: 100_00 }])).json<Order>();
    expect(
      (await t.request({ url: `/api/v1/fees/online-orders/${order.id}`, headers: rsParent.auth })).statusCode,
    ).toBe(404);
    expect((await checkout(order.id, rsParent)).statusCode).toBe(404);
  });
});
