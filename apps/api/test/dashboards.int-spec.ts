import type {
  AccountantDashboard,
  AdminDashboard,
  DayCloseReport,
  FamilyDashboard,
  OperatorDashboard,
  TeacherDashboard,
} from '@shala/contracts';
import { DefaultRole } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchoolStorage, SchoolStorageJob } from '../src/modules/institutions/school-storage';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { account, signIn } from './support/accounts';
import { Auth, generate, givenFees } from './support/fees';
import { School, givenPlatform, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

/** Wednesday 4 November 2026, 10:30 in Kolkata: a working day of the demo year. */
const TODAY = '2026-11-04';
const MORNING = new Date(`${TODAY}T05:00:00Z`);

type Page<T> = { items: T[]; nextCursor: string | null };

describe(`role dashboards on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let accountant: Auth;
  let teacher: Auth;
  let parent: Auth;
  let student: Auth;
  let rsAdmin: Auth;
  let operator: Auth;
  let roster5A: string[];
  const get = (url: string, a: Auth) => t.request({ url, headers: a.auth });
  const ok = async <T>(url: string, a: Auth): Promise<T> => {
    const res = await get(url, a);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json<T>();
  };
  /** Every item of a paged list (limit 200 a page). */
  async function all<T>(url: string, a: Auth): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const page: Page<T> = await ok<Page<T>>(
        `${url}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        a,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
  const pay = async (studentId: string, amount: number, method: string) => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${studentId}/payments`,
      headers: accountant.auth,
      payload: { amount, method, reference: method === 'cash' ? null : `REF-${amount}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const idOf = (school: School, n: number) =>
    t.context.runAsTenant(school.institution.id, async () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(school.prefix, n)),
    );

  beforeAll(async () => {
    t = await bootTestApp();
    const clock = t.app.get(Clock);
    clock.setForTests(new Date('2026-11-02T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    const platform = await givenPlatform(t);
    admin = await signIn(t, gw.admin, '10.91.0.1');
    accountant = await signIn(
      t,
      await account(t, gw.institution, 'accountant@greenwood.test', [DefaultRole.Accountant], true),
      '10.91.0.2',
    );
    teacher = await signIn(t, gw.teacher, '10.91.0.3');
    parent = await signIn(t, gw.parent, '10.91.0.4');
    student = await signIn(t, gw.student, '10.91.0.5');
    rsAdmin = await signIn(t, rs.admin, '10.91.0.6');
    operator = await signIn(
      t,
      await account(t, platform, 'operator@shala.test', [DefaultRole.PlatformOperator], true),
      '10.91.0.7',
    );
    // Invoices (Term 1 and 2 are overdue by November), then payments on two days of the month.
    const fees = await givenFees(t, gw, admin);
    for (const id of Object.values(fees.structures)) await generate(t, admin, id);
    await generate(t, rsAdmin, (await givenFees(t, rs, rsAdmin)).structures['Class 5']!);
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => idOf(gw, n)));
    await pay(ids[0]!, 2_000_00, 'cash');
    await pay(ids[1]!, 3_000_00, 'upi');
    clock.setForTests(MORNING);
    await pay(ids[2]!, 1_500_00, 'cash');
    await pay(ids[3]!, 11_500_00, 'upi');
    const reversed = await pay(ids[4]!, 700_00, 'cash');
    const rev = await t.request({
      method: 'POST',
      url: `/api/v1/fees/payments/${reversed}/reverse`,
      headers: accountant.auth,
      payload: { reason: 'counted twice at the counter' },
    });
    expect(rev.statusCode, rev.body).toBe(200);
    // Today's register: Class 5 A by its teacher (one absent), the other sections unmarked.
    const class5A = gw.sections['Class 5 A']!;
    roster5A = (
      await t.context.runAsTenant(gw.institution.id, () => t.app.get(StudentDirectory).roster(class5A))
    ).map((r) => r.studentId);
    const save = await t.request({
      method: 'PUT',
      url: `/api/v1/attendance/sections/${class5A}/days/${TODAY}`,
      headers: teacher.auth,
      payload: {
        marks: roster5A.map((studentId, i) => ({ studentId, status: i === 0 ? 'absent' : 'present' })),
      },
    });
    expect(save.statusCode, save.body).toBe(200);
    // A pending leave request from the parent, one message given up on and one failed attempt still to retry.
    const child = (await ok<Page<{ id: string }>>('/api/v1/students', parent)).items[0]!;
    const leave = await t.request({
      method: 'POST',
      url: '/api/v1/attendance/leave-requests',
      headers: parent.auth,
      payload: { studentId: child.id, fromDate: '2026-11-09', toDate: '2026-11-10', reason: 'Wedding' },
    });
    expect(leave.statusCode, leave.body).toBe(201);
    await t.context.runAsTenant(gw.institution.id, async () => {
      const { message } = await t.app.get(OutboxService).enqueue({
        channel: 'sms',
        template: 'absence_alert',
        recipient: '+919800000001',
        variables: { student: 'A', date: TODAY, status: 'absent', school: 'Greenwood High' },
        idempotencyKey: 'dashboard-failed:1',
      });
      const { message: retrying } = await t.app.get(OutboxService).enqueue({
        channel: 'sms',
        template: 'absence_alert',
        recipient: '+919800000002',
        variables: { student: 'B', date: TODAY, status: 'absent', school: 'Greenwood High' },
        idempotencyKey: 'dashboard-failed:2',
      });
      await t.db.acrossTenants('test marks messages dead and failed', async () => {
        await t.dataSource.query("UPDATE outbox_messages SET status = 'dead' WHERE id = ?", [message.id]);
        await t.dataSource.query("UPDATE outbox_messages SET status = 'failed' WHERE id = ?", [retrying.id]);
      });
    });
  });

  afterAll(async () => {
    t?.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it("the admin's numbers equal the lists they link to", async () => {
    const d = await ok<AdminDashboard>('/api/v1/dashboard/admin', admin);
    expect(d).toMatchObject({ date: TODAY, month: '2026-11', currency: 'INR' });

    const active = await all<{ id: string }>('/api/v1/students?status=active', admin);
    expect(d.students).toEqual({ active: active.length });
    expect(active.length).toBe(12);

    const summary = await ok<{ percent: number | null; sectionsMarked: number }>(
      `/api/v1/attendance/summary?date=${TODAY}`,
      admin,
    );
    const unmarked = await ok<{ sections: unknown[] }>(`/api/v1/attendance/unmarked?date=${TODAY}`, admin);
    expect(d.attendance).toEqual({
      workingDay: true,
      percent: summary.percent,
      sectionsMarked: summary.sectionsMarked,
      sectionsUnmarked: unmarked.sections.length,
      previous: null,
    });
    expect(d.attendance).toMatchObject({ percent: 66.7, sectionsMarked: 1, sectionsUnmarked: 3 });

    type Payment = { amount: number };
    const sum = (ps: Payment[]) => ps.reduce((s, p) => s + p.amount, 0);
    const today = await all<Payment>(
      `/api/v1/fees/payments?status=completed&from=${TODAY}&to=${TODAY}`,
      admin,
    );
    const month = await all<Payment>(
      `/api/v1/fees/payments?status=completed&from=2026-11-01&to=${TODAY}`,
      admin,
    );
    const defaulters = await ok<{ count: number; totalOutstanding: number }>(
      '/api/v1/fees/defaulters',
      admin,
    );
    expect(d.fees).toEqual({
      collectedToday: sum(today),
      paymentsToday: today.length,
      collectedThisMonth: sum(month),
      paymentsThisMonth: month.length,
      overdueStudents: defaulters.count,
      overdueAmount: defaulters.totalOutstanding,
    });
    expect(d.fees).toMatchObject({
      collectedToday: 13_000_00,
      paymentsToday: 2,
      collectedThisMonth: 18_000_00,
    });
    expect(defaulters.count).toBeGreaterThan(0);

    const pending = (await ok<Page<unknown>>('/api/v1/attendance/leave-requests?status=pending', admin))
      .items;
    expect(d.leave).toEqual({ pending: pending.length });
    expect(pending.length).toBe(1);
    const dead = await all<unknown>('/api/v1/notifications/dead-letters', admin);
    expect(d.messages).toEqual({ undelivered: dead.length });
    expect(dead.length).toBe(1);
    expect(takeSqlGuardViolations()).toEqual([]);
  });

  it("shows the last working day's figure while today has none: before the first register, and on a Sunday", async () => {
    const clock = t.app.get(Clock);
    const summary = await ok<{ percent: number | null }>(`/api/v1/attendance/summary?date=${TODAY}`, admin);
    try {
      clock.setForTests(new Date('2026-11-05T04:00:00Z'));
      const thursday = await ok<AdminDashboard>('/api/v1/dashboard/admin', admin);
      expect(thursday.attendance).toMatchObject({
        workingDay: true,
        percent: null,
        previous: { date: TODAY, percent: summary.percent },
      });
      clock.setForTests(new Date('2026-11-08T04:00:00Z'));
      const sunday = await ok<AdminDashboard>('/api/v1/dashboard/admin', admin);
      expect(sunday.attendance).toMatchObject({
        workingDay: false,
        previous: { date: '2026-11-07', percent: null },
      });
    } finally {
      clock.setForTests(MORNING);
    }
  });

  it("the accountant's collections and the day-close report equal the payments list", async () => {
    // On the school-wide dashboard an accountant gets only the cards their permissions cover.
    const school = await ok<AdminDashboard>('/api/v1/dashboard/admin', accountant);
    expect(school.attendance).toBeNull();
    expect(school.leave).toBeNull();
    expect(school.fees?.collectedToday).toBe(13_000_00);
    const d = await ok<AccountantDashboard>('/api/v1/dashboard/accountant', accountant);
    type Payment = { amount: number; method: string; status: string };
    const today = await all<Payment>(`/api/v1/fees/payments?from=${TODAY}&to=${TODAY}`, accountant);
    const completed = today.filter((p) => p.status === 'completed');
    expect(d.collectedToday).toBe(completed.reduce((s, p) => s + p.amount, 0));
    expect(d.paymentsToday).toBe(completed.length);
    const byMethod = new Map<string, number>();
    for (const p of completed) byMethod.set(p.method, (byMethod.get(p.method) ?? 0) + p.amount);
    expect(Object.fromEntries(d.byMethod.map((g) => [g.key, g.amount]))).toEqual(
      Object.fromEntries(byMethod),
    );
    expect(d.byCashier).toEqual([
      { key: expect.any(String), label: expect.any(String), amount: 13_000_00, count: 2 },
    ]);
    const defaulters = await ok<{ count: number; totalOutstanding: number }>(
      '/api/v1/fees/defaulters',
      accountant,
    );
    expect([d.overdueStudents, d.overdueAmount]).toEqual([defaulters.count, defaulters.totalOutstanding]);

    const report = await ok<DayCloseReport>(`/api/v1/fees/day-close?date=${TODAY}`, accountant);
    expect(report).toMatchObject({
      date: TODAY,
      collected: 13_000_00,
      payments: 2,
      reversedAmount: 700_00,
      reversedCount: 1,
      institutionName: gw.institution.name,
    });
    expect(report.items).toHaveLength(today.length);
    expect(report.items.every((p) => p.fullName !== '' && p.admissionNo.startsWith(gw.prefix))).toBe(true);
    const csv = await get(`/api/v1/fees/day-close/export?date=${TODAY}`, accountant);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('amount_inr');
    expect(csv.body).toContain('11500.00');
    expect(csv.body).toContain('13000.00');
    expect(csv.body).toContain(report.items[0]!.fullName);
    // Another day answers that day's payments only; a bad date names the field.
    expect((await ok<DayCloseReport>('/api/v1/fees/day-close?date=2026-11-02', accountant)).collected).toBe(
      5_000_00,
    );
    const bad = await get('/api/v1/fees/day-close?date=2026-13-40', accountant);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('date');
  });

  it("the teacher sees their own sections' registers and pending leave, and no fee or school-wide card", async () => {
    const d = await ok<TeacherDashboard>('/api/v1/dashboard/teacher', teacher);
    expect(d.sections.map((s) => s.sectionId)).toEqual([gw.sections['Class 5 A']]);
    expect(d.sections[0]).toMatchObject({ marked: true, present: 2, total: 3, percent: 66.7 });
    const pending = (await ok<Page<unknown>>('/api/v1/attendance/leave-requests?status=pending', teacher))
      .items;
    expect(d.pendingLeave).toBe(pending.length);
    for (const url of ['admin', 'accountant', 'family', 'operator'])
      expect((await get(`/api/v1/dashboard/${url}`, teacher)).statusCode, url).toBe(403);
    expect((await get(`/api/v1/fees/day-close?date=${TODAY}`, teacher)).statusCode).toBe(403);
  });

  it('a parent sees a card per own child only, each equal to the screens it links to', async () => {
    const d = await ok<FamilyDashboard>('/api/v1/dashboard/family', parent);
    const children = await all<{ id: string }>('/api/v1/students', parent);
    expect(d.children.map((c) => c.studentId).sort()).toEqual(children.map((c) => c.id).sort());
    expect(d.children).toHaveLength(2);
    for (const child of d.children) {
      const calendar = await ok<{ summary: { percent: number | null; workingDays: number } }>(
        `/api/v1/attendance/students/${child.studentId}/calendar?from=2026-11-01&to=${TODAY}`,
        parent,
      );
      expect(child.month).toEqual({
        workingDays: calendar.summary.workingDays,
        percent: calendar.summary.percent,
      });
      const dues = await ok<{
        outstanding: number;
        overdue: number;
        invoices: { id: string; dueDate: string; outstanding: number }[];
      }>(`/api/v1/fees/students/${child.studentId}/dues`, parent);
      expect([child.outstanding, child.overdue]).toEqual([dues.outstanding, dues.overdue]);
      const unpaid = dues.invoices
        .filter((i) => i.outstanding > 0)
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      expect(child.nextDue).toMatchObject({ invoiceId: unpaid[0]!.id, outstanding: unpaid[0]!.outstanding });
      expect(child.latestResult).toBeNull();
    }
    const in5A = d.children.find((c) => roster5A.includes(c.studentId));
    if (in5A) expect(in5A.today.status).toBe(in5A.studentId === roster5A[0] ? 'absent' : 'present');
    for (const url of ['admin', 'accountant', 'teacher', 'operator'])
      expect((await get(`/api/v1/dashboard/${url}`, parent)).statusCode, url).toBe(403);
    // Parents hold fees.read for their own children: the school's day-close is still not theirs.
    expect((await get(`/api/v1/fees/day-close?date=${TODAY}`, parent)).statusCode).toBe(403);
    expect((await get(`/api/v1/fees/day-close/export?date=${TODAY}`, parent)).statusCode).toBe(403);
  });

  it('a student sees their own card and nobody else', async () => {
    const d = await ok<FamilyDashboard>('/api/v1/dashboard/family', student);
    expect(d.children.map((c) => c.studentId)).toEqual([await idOf(gw, 1)]);
    for (const url of ['admin', 'accountant', 'teacher', 'operator'])
      expect((await get(`/api/v1/dashboard/${url}`, student)).statusCode, url).toBe(403);
  });

  it("another school's admin sees only their own school's numbers", async () => {
    const d = await ok<AdminDashboard>('/api/v1/dashboard/admin', rsAdmin);
    expect(d.students).toEqual({ active: 8 });
    expect(d.fees).toMatchObject({ collectedToday: 0, paymentsToday: 0, collectedThisMonth: 0 });
    expect(d.leave).toEqual({ pending: 0 });
    expect(d.messages).toEqual({ undelivered: 0 });
    expect(d.attendance).toMatchObject({ sectionsMarked: 0, percent: null });
    expect((await ok<DayCloseReport>(`/api/v1/fees/day-close?date=${TODAY}`, rsAdmin)).items).toEqual([]);
  });

  it('system status is on the operator dashboard only, with counts per school', async () => {
    const d = await ok<OperatorDashboard>('/api/v1/dashboard/operator', operator);
    expect(d.system.checks.database).toBe('up');
    const bySlug = new Map(d.schools.map((s) => [s.slug, s]));
    expect(bySlug.get('greenwood')).toMatchObject({ students: 12, status: 'active' });
    expect(bySlug.get('riverside')).toMatchObject({ students: 8 });
    expect(bySlug.get('greenwood')!.users).toBeGreaterThanOrEqual(5);
    expect(bySlug.get('greenwood')!.lastActivityAt).not.toBeNull();
    expect(JSON.stringify(d)).not.toMatch(/fullName|admissionNo/);
    expect((await get('/api/v1/dashboard/operator', admin)).statusCode).toBe(403);
    expect((await get('/api/v1/dashboard/admin', operator)).statusCode).toBe(403);
    expect(takeSqlGuardViolations()).toEqual([]);
  });

  it("shows each school's storage once the daily job has measured it, from that school's rows only", async () => {
    const storage = async () =>
      new Map(
        (await ok<OperatorDashboard>('/api/v1/dashboard/operator', operator)).schools.map((s) => [s.slug, s]),
      );
    expect((await storage()).get('greenwood')!.storageBytes).toBeNull();
    await t.app.get(SchoolStorageJob).runAll();
    const measured = await storage();
    const [gwBytes, rsBytes] = ['greenwood', 'riverside'].map((slug) => measured.get(slug)!.storageBytes!);
    expect(gwBytes).toBeGreaterThan(0);
    // greenwood has more students, invoices and payments than riverside: its share is larger
    expect(gwBytes).toBeGreaterThan(rsBytes!);
    expect(measured.get('greenwood')!.storageMeasuredOn).toBe(TODAY);
    const rows = (slug: string, id: string) =>
      t.context
        .runAsTenant(id, async () => (await t.app.get(SchoolStorage).current())!.rowCount)
        .then((n) => [slug, n] as const);
    const [gwRows, rsRows] = await Promise.all([
      rows('greenwood', gw.institution.id),
      rows('riverside', rs.institution.id),
    ]);
    expect(gwRows[1]).toBeGreaterThan(rsRows[1]);
    // every tenant table counted: at least the students, invoices and attendance marks are in the sum
    expect(gwRows[1]).toBeGreaterThan(12 * 3);
    // once a day: a second pass the same day measures nothing again
    expect(
      await t.context.runAsTenant(gw.institution.id, () => t.app.get(SchoolStorage).measureDaily()),
    ).toBe(false);
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});
