import { NestFactory } from '@nestjs/core';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../src/modules/attendance/school-calendar';
import { InstitutionsService } from '../src/modules/institutions/institutions.service';
import { DemoSeeder } from '../src/seed/demo.seeder';
import { SeedModule } from '../src/seed/seed.module';
import { Account, signIn } from './support/accounts';
import { Auth } from './support/fees';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const demo = (email: string, mfa = false): Account => ({
  id: '',
  email,
  slug: email.split('@')[1]!.replace('.test', ''),
  password: DEMO_PASSWORD,
  totpSecret: mfa ? DEMO_TOTP_SECRET : null,
});

type Family = { items: { studentId: string; outstanding: number; invoices: { id: string }[] }[] };

/** The must-show, against the seeded demo. */
describe(`fees against the demo on ${TEST_DB}`, () => {
  let t: TestApp;
  let parent: Auth;
  let accountant: Auth;
  let rsParent: Auth;

  beforeAll(async () => {
    t = await bootTestApp();
    const seedApp = await NestFactory.createApplicationContext(SeedModule.forRoot(t.config), {
      logger: false,
    });
    try {
      await seedApp.get(DemoSeeder).seedDemo({ ifEmpty: false });
    } finally {
      await seedApp.close();
    }
    parent = await signIn(t, demo('parent@greenwood.test'), '10.72.0.1');
    accountant = await signIn(t, demo('accountant@greenwood.test', true), '10.72.0.2');
    rsParent = await signIn(t, demo('parent@riverside.test'), '10.72.0.3');
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('gives the demo schools Sundays off, as new schools have', async () => {
    for (const slug of ['greenwood', 'riverside']) {
      const institution = (await t.app.get(InstitutionsService).findBySlug(slug))!;
      const settings = await t.context.runAsTenant(institution.id, () =>
        t.app.get(SchoolCalendar).settings(),
      );
      expect(settings.weeklyOffDays, slug).toEqual([0]);
    }
  });

  it("shows the demo privacy register: the family's correction in progress and an overdue erasure", async () => {
    const admin = await signIn(t, demo('admin@greenwood.test', true), '10.72.0.9');
    const all = await t.request({ url: '/api/v1/privacy/requests', headers: admin.auth });
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json<{ items: { type: string; status: string }[] }>().items;
    expect(items.map((r) => `${r.type}:${r.status}`).sort()).toEqual([
      'access:completed',
      'correction:in_progress',
      'erasure:open',
    ]);
    const overdue = await t.request({ url: '/api/v1/privacy/requests?overdue=true', headers: admin.auth });
    expect(overdue.json<{ items: { type: string }[] }>().items.map((r) => r.type)).toEqual(['erasure']);
  });

  it("parent@greenwood.test sees both children's dues", async () => {
    const res = await t.request({ url: '/api/v1/fees/family', headers: parent.auth });
    expect(res.statusCode).toBe(200);
    const family = res.json<Family>();
    expect(family.items).toHaveLength(2);
    for (const child of family.items) expect(child.outstanding).toBeGreaterThan(0);
  });

  it("shows the accountant's day: demo payments taken by the demo accountant over recent days, by several methods", async () => {
    const res = await t.request({ url: '/api/v1/dashboard/accountant', headers: accountant.auth });
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json<{
      paymentsToday: number;
      byCashier: { label: string }[];
      byMethod: { label: string }[];
    }>();
    expect(card.paymentsToday).toBeGreaterThan(0);
    expect(card.byCashier.map((c) => c.label)).toEqual(['Accountant (Greenwood High School)']);
    const rows = (await t.db.acrossTenants('test reads raw rows', () =>
      t.dataSource.query(
        'SELECT COUNT(DISTINCT paid_on) AS days, COUNT(DISTINCT method) AS methods, COUNT(received_by) AS taken, COUNT(*) AS n FROM fee_payments',
      ),
    )) as { days: number; methods: number; taken: number; n: number }[];
    const r = rows[0]!;
    expect(Number(r.days)).toBeGreaterThan(5);
    expect(Number(r.methods)).toBe(4);
    expect(Number(r.taken)).toBe(Number(r.n));
  });

  it('[APP-06] a payment sent twice with one Idempotency-Key exists once; its receipt is a PDF', async () => {
    const child = (await t.request({ url: '/api/v1/fees/family', headers: parent.auth })).json<Family>()
      .items[0]!;
    const send = () =>
      t.request({
        method: 'POST',
        url: `/api/v1/fees/students/${child.studentId}/payments`,
        headers: { ...accountant.auth, 'idempotency-key': 'must-show-0001' },
        payload: { amount: 1_000_00, method: 'cash' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const history = await t.request({
      url: `/api/v1/fees/students/${child.studentId}/payments`,
      headers: parent.auth,
    });
    expect(
      history
        .json<{ items: { id: string }[] }>()
        .items.filter((p) => p.id === first.json<{ id: string }>().id),
    ).toHaveLength(1);
    const rows = await t.db.acrossTenants('test reads raw rows', () =>
      t.dataSource.query('SELECT COUNT(*) AS n FROM fee_payments WHERE idempotency_key = ?', [
        'must-show-0001',
      ]),
    );
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(1);
    const receipt = await t.request({
      url: `/api/v1/fees/payments/${first.json<{ id: string }>().id}/receipt`,
      headers: accountant.auth,
    });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('[TEN-04] a riverside parent gets 404 for a greenwood invoice', async () => {
    const child = (await t.request({ url: '/api/v1/fees/family', headers: parent.auth })).json<Family>()
      .items[0]!;
    const invoiceId = child.invoices[0]!.id;
    expect(
      (await t.request({ url: `/api/v1/fees/invoices/${invoiceId}`, headers: parent.auth })).statusCode,
    ).toBe(200);
    expect(
      (await t.request({ url: `/api/v1/fees/invoices/${invoiceId}`, headers: rsParent.auth })).statusCode,
    ).toBe(404);
  });
});
