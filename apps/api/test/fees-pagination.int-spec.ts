import { DefaultRole } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { account, signIn } from './support/accounts';
import { Auth, generate, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Payment = {
  id: string;
  studentId: string;
  amount: number;
  paidOn: string;
  method: string;
  status: string;
  receiptNo: string;
  fullName: string;
  admissionNo: string;
  allocations: { invoiceId: string; amount: number }[];
};
type PaymentPage = { items: Payment[]; nextCursor: string | null };
type Defaulter = { studentId: string; admissionNo: string; outstanding: number };
type LedgerPage = {
  currency: string;
  balance: number;
  items: { id: string; amount: number; balance: number }[];
  nextCursor: string | null;
};
type CollectionsPage = {
  groupBy: string;
  totalCollected: number;
  items: { key: string; label: string; amount: number }[];
  nextCursor: string | null;
};
type DefaulterPage = {
  asOf: string;
  currency: string;
  totalOutstanding: number;
  count: number;
  items: Defaulter[];
  nextCursor: string | null;
};

describe(`paged fee lists on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let accountant: Auth;
  let parent: Auth;
  let rsAdmin: Auth;
  let students: string[];
  let rsStudent: string;
  const get = (url: string, a: Auth) => t.request({ url, headers: a.auth });
  /** Walks every page of a list with the given page size. */
  async function all<T extends { nextCursor: string | null; items: unknown[] }>(
    url: string,
    a: Auth,
    limit: number,
  ): Promise<{ pages: T[]; items: T['items'] }> {
    const pages: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res = await get(
        `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        a,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<T>();
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 100);
    return { pages, items: pages.flatMap((p) => p.items) as T['items'] };
  }
  const pay = async (studentId: string, amount: number, method = 'cash') => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${studentId}/payments`,
      headers: accountant.auth,
      payload:
        method === 'cheque'
          ? { amount, method, instrumentNo: `${amount}`, instrumentBank: 'SBI', instrumentDate: '2026-11-01' }
          : { amount, method, reference: method === 'cash' ? null : `REF-${amount}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Payment>();
  };

  beforeAll(async () => {
    t = await bootTestApp();
    const clock = t.app.get(Clock);
    clock.setForTests(new Date('2026-11-02T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    const admin = await signIn(t, gw.admin, '10.83.0.1');
    accountant = await signIn(
      t,
      await account(t, gw.institution, 'accountant@greenwood.test', [DefaultRole.Accountant], true),
      '10.83.0.2',
    );
    parent = await signIn(t, gw.parent, '10.83.0.3');
    rsAdmin = await signIn(t, rs.admin, '10.83.0.4');
    const fees = await givenFees(t, gw, admin);
    for (const id of Object.values(fees.structures)) await generate(t, admin, id);
    await generate(t, rsAdmin, (await givenFees(t, rs, rsAdmin)).structures['Class 5']!);
    students = await t.context.runAsTenant(gw.institution.id, async () => {
      const ids: string[] = [];
      for (let n = 1; n <= 12; n++)
        ids.push((await t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, n)))!);
      return ids;
    });
    rsStudent = (await t.context.runAsTenant(rs.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(rs.prefix, 1)),
    ))!;
    // Payments over three days: several per day, so pages break inside a day.
    for (const [day, date] of ['2026-11-02', '2026-11-03', '2026-11-04'].entries()) {
      clock.setForTests(new Date(`${date}T05:00:00Z`));
      for (let k = 0; k < 5; k++)
        await pay(
          students[(day * 5 + k) % students.length]!,
          1_000_00 + day * 100 + k,
          k % 2 ? 'cash' : 'cheque',
        );
    }
    clock.setForTests(new Date('2026-11-20T05:00:00Z'));
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('pages the payments register newest first with a keyset cursor: no row twice, none missed', async () => {
    const { pages, items } = await all<PaymentPage>('/api/v1/fees/payments', accountant, 4);
    expect(items).toHaveLength(15);
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 4, 3]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(new Set(items.map((p) => p.id)).size).toBe(15);
    const keys = items.map((p) => `${p.paidOn}/${p.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(items[0]).toMatchObject({ paidOn: '2026-11-04', status: 'completed' });
    expect(items[0]!.fullName).not.toBe('');
    expect(items[0]!.admissionNo).toMatch(new RegExp(`^${gw.prefix}`));
    expect(items[0]!.allocations.reduce((s, a) => s + a.amount, 0)).toBe(items[0]!.amount);
    // A payment recorded after the first page was read does not shift the later pages.
    const first = (await get('/api/v1/fees/payments?limit=4', accountant)).json<PaymentPage>();
    await pay(students[0]!, 50_00);
    const second = (
      await get(`/api/v1/fees/payments?limit=4&cursor=${encodeURIComponent(first.nextCursor!)}`, accountant)
    ).json<PaymentPage>();
    expect(second.items.map((p) => p.id)).toEqual(pages[1]!.items.map((p) => p.id));
  });

  it('filters payments by student, dates, method and status, and answers 50 by default', async () => {
    const byDay = await all<PaymentPage>(
      '/api/v1/fees/payments?from=2026-11-03&to=2026-11-03',
      accountant,
      2,
    );
    expect(byDay.items).toHaveLength(5);
    expect(new Set(byDay.items.map((p) => p.paidOn))).toEqual(new Set(['2026-11-03']));
    const cheques = await all<PaymentPage>('/api/v1/fees/payments?method=cheque', accountant, 200);
    expect(cheques.items.every((p) => p.method === 'cheque')).toBe(true);
    expect(cheques.items).toHaveLength(9);
    const own = await all<PaymentPage>(`/api/v1/fees/payments?studentId=${students[1]}`, accountant, 1);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((p) => p.studentId === students[1])).toBe(true);
    expect(
      (await get('/api/v1/fees/payments?status=reversed', accountant)).json<PaymentPage>().items,
    ).toEqual([]);
    const page = (await get('/api/v1/fees/payments', accountant)).json<PaymentPage>();
    expect(page.items).toHaveLength(16);
    expect(page.nextCursor).toBeNull();
  });

  it('refuses a limit over 200, a cursor it did not issue, and bad filters, naming the field', async () => {
    for (const [query, field] of [
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['from=2026-02-30', 'from'],
      ['method=bitcoin', 'method'],
      ['studentId=42', 'studentId'],
    ] as const) {
      const res = await get(`/api/v1/fees/payments?${query}`, accountant);
      expect(res.statusCode, query).toBe(400);
      expect(res.body, query).toContain(field);
    }
    const bad = await get('/api/v1/fees/defaulters?cursor=e30', accountant);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('cursor');
  });

  it("shows a parent only their own children's payments, and other schools none", async () => {
    const mine = students[0]!;
    const own = await get(`/api/v1/fees/payments?studentId=${mine}`, parent);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<PaymentPage>().items.every((p) => p.studentId === mine)).toBe(true);
    expect((await get(`/api/v1/fees/payments?studentId=${students[5]}`, parent)).statusCode).toBe(404);
    expect((await get('/api/v1/fees/payments', parent)).statusCode).toBe(403);
    expect((await get(`/api/v1/fees/payments?studentId=${mine}`, rsAdmin)).statusCode).toBe(404);
    const rsList = (await get('/api/v1/fees/payments', rsAdmin)).json<PaymentPage>();
    expect(rsList.items).toEqual([]);
    expect(rsStudent).toBeTruthy();
  });

  it('pages the defaulters report with totals over every page, in the report order', async () => {
    const full = (await get('/api/v1/fees/reports/defaulters', accountant)).json<DefaulterPage>();
    expect(full.count).toBeGreaterThan(5);
    const { pages, items } = await all<DefaulterPage>('/api/v1/fees/defaulters', accountant, 5);
    expect(pages.length).toBe(Math.ceil(full.count / 5));
    expect(pages.every((p) => p.count === full.count && p.totalOutstanding === full.totalOutstanding)).toBe(
      true,
    );
    expect(items.map((d) => d.studentId).sort()).toEqual(full.items.map((d) => d.studentId).sort());
    const order = items.map((d) => [-d.outstanding, d.admissionNo] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    expect((await get('/api/v1/fees/defaulters', parent)).statusCode).toBe(403);
    const rsPage = (await get('/api/v1/fees/defaulters?limit=200', rsAdmin)).json<DefaulterPage>();
    expect(rsPage.items.some((d) => students.includes(d.studentId))).toBe(false);
  });

  it("pages a student's ledger oldest first, running balances as in the whole statement", async () => {
    const student = students[0]!;
    const full = (await get(`/api/v1/fees/students/${student}/ledger`, accountant)).json<LedgerPage>();
    expect(full.items.length).toBeGreaterThan(4);
    const paged = await all<LedgerPage>(`/api/v1/fees/ledger?studentId=${student}`, accountant, 3);
    expect(paged.items).toEqual(full.items);
    expect(paged.pages.every((p) => p.balance === full.balance && p.currency === full.currency)).toBe(true);
    // Entries appended after a page was read land after it; the next page starts where the last ended.
    const first = (
      await get(`/api/v1/fees/ledger?studentId=${student}&limit=3`, accountant)
    ).json<LedgerPage>();
    await pay(student, 10_00);
    const next = (
      await get(
        `/api/v1/fees/ledger?studentId=${student}&limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`,
        accountant,
      )
    ).json<LedgerPage>();
    expect(next.items.map((e) => e.id)).toEqual(full.items.slice(3, 6).map((e) => e.id));
    expect((await get(`/api/v1/fees/ledger?studentId=${student}`, parent)).statusCode).toBe(200);
    expect((await get(`/api/v1/fees/ledger?studentId=${students[5]}`, parent)).statusCode).toBe(404);
    expect((await get(`/api/v1/fees/ledger?studentId=${student}`, rsAdmin)).statusCode).toBe(404);
    const missing = await get('/api/v1/fees/ledger', accountant);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('studentId');
  });

  it('pages collections by day oldest first and by head largest first, with the total over every page', async () => {
    const range = 'from=2026-11-01&to=2026-11-30';
    const full = (await get(`/api/v1/fees/reports/collections?${range}`, accountant)).json<CollectionsPage>();
    const byDay = await all<CollectionsPage>(`/api/v1/fees/collections?${range}`, accountant, 2);
    expect(byDay.items).toEqual(full.items);
    expect(byDay.items.map((d) => d.key)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-20']);
    expect(byDay.pages.map((p) => p.items.length)).toEqual([2, 2]);
    expect(byDay.pages.every((p) => p.totalCollected === full.totalCollected)).toBe(true);
    const byHead = await all<CollectionsPage>(
      `/api/v1/fees/collections?${range}&groupBy=head`,
      accountant,
      1,
    );
    expect(byHead.items.reduce((s, h) => s + h.amount, 0)).toBe(full.totalCollected);
    const amounts = byHead.items.map((h) => h.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect((await get(`/api/v1/fees/collections?${range}`, parent)).statusCode).toBe(403);
    const missing = await get('/api/v1/fees/collections?from=2026-11-01', accountant);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('to');
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});
