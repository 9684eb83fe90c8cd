import {
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  type GrievanceOfficerView,
  type GrievanceView,
  type IncidentView,
  PLATFORM_SLUG,
  type PrivacyNoticeView,
} from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../src/modules/attendance/school-calendar';
import { InstitutionsService } from '../src/modules/institutions/institutions.service';
import { ERASURE_DEMO_NOTICE_LEFT_MS } from '../src/modules/privacy/erasure/erasure-demo.seeder';
import { PrivacyErasureService } from '../src/modules/privacy/erasure/privacy-erasure.service';
import { IncidentsService } from '../src/modules/privacy/incidents/incidents.service';
import { Account, signIn } from './support/accounts';
import { Auth } from './support/fees';
import { seedDemo } from './support/demo';
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
    await seedDemo(t);
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
      'erasure:in_progress',
      'erasure:open',
    ]);
    const overdue = await t.request({ url: '/api/v1/privacy/requests?overdue=true', headers: admin.auth });
    expect(overdue.json<{ items: { type: string }[] }>().items.map((r) => r.type)).toEqual(['erasure']);
  });

  // one sign-in for the privacy tests below, a TOTP step after the register test's (a code is used once)
  let gwAdmin: Auth | undefined;
  const greenwoodAdmin = async () =>
    (gwAdmin ??= await signIn(t, demo('admin@greenwood.test', true), '10.72.0.10', 1));

  it('[PRV-02] seeds an erasure whose notice runs out minutes after seeding, so the first job pass leaves it for staff', async () => {
    const admin = await greenwoodAdmin();
    const all = await t.request({ url: '/api/v1/privacy/requests', headers: admin.auth });
    const request = all
      .json<{ items: { id: string; type: string; status: string }[] }>()
      .items.find((r) => r.type === 'erasure' && r.status === 'in_progress');
    expect(request).toBeDefined();
    // The hourly erasure job's first pass (50 s after start) finds nothing due yet...
    const institution = (await t.app.get(InstitutionsService).findBySlug('greenwood'))!;
    const job = await t.context.runAsTenant(institution.id, () =>
      t.app.get(PrivacyErasureService).executeDue(),
    );
    expect(job).toEqual({ executed: 0 });
    // ...and the screen shows the family's 48-hour notice running out a few minutes after seeding.
    const res = await t.request({
      url: `/api/v1/privacy/requests/${request!.id}/erasure`,
      headers: admin.auth,
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<{ status: string; scheduledAt: string; executesAt: string }>();
    expect(view.status).toBe('scheduled');
    const left = Date.parse(view.executesAt) - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(ERASURE_DEMO_NOTICE_LEFT_MS);
    expect(Date.parse(view.executesAt) - Date.parse(view.scheduledAt)).toBe(48 * 60 * 60 * 1000);
  });

  it("shows the demo grievances: the officer on the notice, the family's answered, open and overdue ones, and Riverside's", async () => {
    const admin = await greenwoodAdmin();
    const officer = (
      await t.request({ url: '/api/v1/privacy/grievance-officer', headers: admin.auth })
    ).json<GrievanceOfficerView>();
    expect(officer).toMatchObject({
      name: 'Kavitha Raghunathan',
      email: 'grievance@greenwood.test',
      responseDays: 30,
      configured: true,
    });
    const notices = (await t.request({ url: '/api/v1/privacy/notices', headers: admin.auth })).json<{
      items: PrivacyNoticeView[];
    }>().items;
    const published = notices.find((n) => n.status === 'published')!;
    expect(published.contact).toContain(officer.name!);
    expect(published.contact).toContain(officer.email!);
    expect(published.contact).toContain(officer.phone!);
    // the demo parent has accepted it, so the acceptance screen does not stop the demo
    const mine = await t.request({ url: '/api/v1/me/privacy-notice', headers: parent.auth });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<{ mustAccept: boolean }>().mustAccept).toBe(false);

    const items = (await t.request({ url: '/api/v1/privacy/grievances', headers: admin.auth })).json<{
      items: GrievanceView[];
    }>().items;
    expect(items.map((g) => `${g.status}:${g.overdue}`).sort()).toEqual([
      'answered:false',
      'open:false',
      'open:true',
    ]);
    const answered = items.find((g) => g.status === 'answered')!;
    expect(answered.answer).toMatch(/transport contractor/);
    expect(answered.studentName).toBeTruthy();
    const open = items.find((g) => g.status === 'open' && !g.overdue)!;
    const ageDays = (Date.now() - new Date(open.receivedAt).getTime()) / 86_400_000;
    expect(Math.round(ageDays)).toBe(10);
    const overdue = (
      await t.request({ url: '/api/v1/privacy/grievances?overdue=true', headers: admin.auth })
    ).json<{ items: GrievanceView[] }>().items;
    expect(overdue).toHaveLength(1);
    expect(Math.round((Date.now() - new Date(overdue[0]!.receivedAt).getTime()) / 86_400_000)).toBe(35);
    const familyOwn = (await t.request({ url: '/api/v1/privacy/my-grievances', headers: parent.auth })).json<{
      items: GrievanceView[];
    }>().items;
    expect(familyOwn).toHaveLength(3);
    const rsOwn = (await t.request({ url: '/api/v1/privacy/my-grievances', headers: rsParent.auth })).json<{
      items: GrievanceView[];
    }>().items;
    expect(rsOwn.length).toBeGreaterThanOrEqual(1);
  });

  it("shows the demo incidents: Greenwood's closed one with its root cause, and the operator's open one in both schools", async () => {
    const admin = await greenwoodAdmin();
    const rsAdmin = await signIn(t, demo('admin@riverside.test', true), '10.72.0.12');
    const list = async (a: Auth) =>
      (await t.request({ url: '/api/v1/privacy/incidents', headers: a.auth })).json<{
        items: IncidentView[];
      }>().items;
    const gw = await list(admin);
    const own = gw.find((i) => i.origin === 'school')!;
    expect(own).toMatchObject({ status: 'closed', containment: expect.stringMatching(/sessions revoked/i) });
    expect(own.rootCause).toBeTruthy();
    const state = (i: IncidentView) => Object.fromEntries(i.clocks.map((c) => [c.key, c.state]));
    expect(state(own)).toEqual({ schools: 'done_on_time', board: 'done_on_time', meta: 'not_applicable' });
    expect(own.events.map((e) => e.kind)).toEqual([
      'created',
      'containment',
      'notified',
      'notified',
      'closed',
    ]);
    const shared = gw.find((i) => i.origin === 'platform')!;
    expect(shared.status).toBe('open');
    expect(Object.values(state(shared))).toEqual(['pending', 'pending', 'pending']);
    expect((await list(rsAdmin)).map((i) => i.id)).toEqual([shared.id]);
    const platform = (await t.app.get(InstitutionsService).findBySlug(PLATFORM_SLUG))!;
    const operatorView = await t.context.runAsTenant(platform.id, () =>
      t.app.get(IncidentsService).list('platform'),
    );
    expect(operatorView.map((i) => i.id)).toEqual([shared.id]);
    expect(operatorView[0]!.affectedSchools!.map((s) => s.name).sort()).toHaveLength(2);
    // the notices to both schools' admins went to the outbox, as for any incident the operator records
    const notices = (await t.db.acrossTenants('test reads raw rows', () =>
      t.dataSource.query("SELECT recipient FROM outbox_messages WHERE template = 'privacy_incident_notice'"),
    )) as { recipient: string }[];
    expect(notices.map((n) => n.recipient).sort()).toEqual(['admin@greenwood.test', 'admin@riverside.test']);
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
