import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { Auth, FeeSetup, TERMS, generate, givenAccountants, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Dues = {
  outstanding: number;
  overdue: number;
  currency: string;
  invoices: {
    id: string;
    label: string;
    dueDate: string;
    outstanding: number;
    paid: number;
    status: string;
    overdue: boolean;
  }[];
};
type Payment = {
  id: string;
  amount: number;
  receiptNo: string;
  status: string;
  allocations: { invoiceId: string; headId: string; amount: number }[];
};

/** Friday 2026-11-20, 10:30 in Kolkata: terms 1 and 2 are overdue, term 3 is due in January. */
const NOW = new Date('2026-11-20T05:00:00Z');
const PER_SECTION = 4;

describe(`fees on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let fees: FeeSetup;
  let admin: Auth;
  let accountant: Auth;
  let parent: Auth;
  let teacher: Auth;
  let rsParent: Auth;
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
  const dues = async (a: Auth, student: string) => {
    const res = await t.request({ url: `/api/v1/fees/students/${student}/dues`, headers: a.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Dues>();
  };
  const pay = (a: Auth, student: string, amount: number, key?: string, method = 'cash') =>
    t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${student}/payments`,
      headers: { ...a.auth, ...(key ? { 'idempotency-key': key } : {}) },
      payload: { amount, method },
    });
  const yearTotal = () => fees.termTotals.reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(NOW);
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, PER_SECTION);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    const [gwAccountant, rsAcc] = await givenAccountants(t, gw, rs);
    admin = await signIn(t, gw.admin, '10.70.0.1');
    accountant = await signIn(t, gwAccountant, '10.70.0.2');
    parent = await signIn(t, gw.parent, '10.70.0.3');
    teacher = await signIn(t, gw.teacher, '10.70.0.4');
    rsParent = await signIn(t, rs.parent, '10.70.0.5');
    rsAccountant = await signIn(t, rsAcc, '10.70.0.6');
    const rsAdmin = await signIn(t, rs.admin, '10.70.0.7');
    fees = await givenFees(t, gw, admin);
    const rsFees = await givenFees(t, rs, rsAdmin);
    await generate(t, rsAdmin, rsFees.structures['Class 5']!);
    for (let n = 1; n <= 4 * PER_SECTION; n++) ids[`gw${n}`] = await studentId(gw, n);
    ids.rs1 = await studentId(rs, 1);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('[APP-06] invoices a class once per student and instalment; re-running creates nothing', async () => {
    const first = await generate(t, admin, fees.structures['Class 5']!);
    expect(first).toEqual({ created: 2 * PER_SECTION * 3, skipped: 0, students: 2 * PER_SECTION });
    const again = await generate(t, admin, fees.structures['Class 5']!);
    expect(again).toEqual({ created: 0, skipped: 2 * PER_SECTION * 3, students: 2 * PER_SECTION });
    await generate(t, admin, fees.structures['Class 6']!);
    const d = await dues(accountant, ids.gw1!);
    expect(d.currency).toBe('INR');
    expect(d.outstanding).toBe(yearTotal());
    expect(d.overdue).toBe(fees.termTotals[0]! + fees.termTotals[1]!);
    expect(d.invoices.map((i) => [i.label, i.status])).toEqual([
      ['Class 5 fees - Term 1', 'overdue'],
      ['Class 5 fees - Term 2', 'overdue'],
      ['Class 5 fees - Term 3', 'due'],
    ]);
  });

  it("shows the parent both children's dues, and nobody else's", async () => {
    const res = await t.request({ url: '/api/v1/fees/family', headers: parent.auth });
    expect(res.statusCode).toBe(200);
    const family = res.json<{ items: (Dues & { admissionNo: string })[] }>().items;
    expect(family.map((c) => c.admissionNo)).toEqual([
      admissionNo(gw.prefix, 1),
      admissionNo(gw.prefix, PER_SECTION + 1),
    ]);
    for (const child of family) expect(child.outstanding).toBeGreaterThan(0);
    expect(
      (await t.request({ url: `/api/v1/fees/students/${ids.gw2}/dues`, headers: parent.auth })).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ url: '/api/v1/fees/reports/defaulters', headers: parent.auth })).statusCode,
    ).toBe(403);
    expect(
      (await t.request({ url: `/api/v1/fees/students/${ids.gw1}/dues`, headers: teacher.auth })).statusCode,
    ).toBe(403);
  });

  it('[APP-06] records a payment once when the same Idempotency-Key is sent twice', async () => {
    const first = await pay(accountant, ids.gw1!, 5_000_00, 'pay-gw1-0001');
    expect(first.statusCode, first.body).toBe(201);
    const second = await pay(accountant, ids.gw1!, 5_000_00, 'pay-gw1-0001');
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    const rows = await raw('SELECT id FROM fee_payments WHERE idempotency_key = ?', ['pay-gw1-0001']);
    expect(rows).toHaveLength(1);
    const different = await pay(accountant, ids.gw1!, 4_000_00, 'pay-gw1-0001');
    expect(different.statusCode).toBe(409);
    expect(different.json<{ error: { code: string } }>().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await dues(accountant, ids.gw1!)).outstanding).toBe(yearTotal() - 5_000_00);
  });

  it('[DAT-06] allocates to the oldest dues first and never beyond what is owed', async () => {
    const student = ids.gw3!;
    const res = await pay(accountant, student, fees.termTotals[0]! + 100_00);
    expect(res.statusCode, res.body).toBe(201);
    const d = await dues(accountant, student);
    expect(d.invoices.map((i) => i.outstanding)).toEqual([
      0,
      fees.termTotals[1]! - 100_00,
      fees.termTotals[2],
    ]);
    expect(d.invoices.map((i) => i.status)).toEqual(['paid', 'partial', 'due']);
    expect(d.invoices.map((i) => i.overdue)).toEqual([false, true, false]);
    const over = await pay(accountant, student, d.outstanding + 1);
    expect(over.statusCode).toBe(422);
    expect(over.json<{ error: { code: string } }>().error.code).toBe('FEES_OVERPAYMENT');
    expect((await dues(accountant, student)).outstanding).toBe(d.outstanding);
  });

  it('[APP-06] two concurrent payments for the last rupee of an invoice never overpay', async () => {
    const student = ids.gw4!;
    expect((await pay(accountant, student, yearTotal() - 100)).statusCode).toBe(201);
    const results = await Promise.all([
      pay(accountant, student, 100, 'last-rupee-a'),
      pay(accountant, student, 100, 'last-rupee-b'),
      pay(accountant, student, 100, 'last-rupee-c'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422, 422]);
    const d = await dues(accountant, student);
    expect(d.outstanding).toBe(0);
    const sums = await raw(
      "SELECT SUM(amount) AS s FROM fee_ledger_entries WHERE student_id = ? AND kind IN ('payment', 'reversal')",
      [student],
    );
    expect(Number(sums[0]!.s)).toBe(-yearTotal());
  });

  it('[APP-06] keeps receipt numbers gapless and sequential under 12 concurrent payments', async () => {
    const students = Array.from({ length: 12 }, (_, k) => ids[`gw${(k % 8) + 5}`]!);
    const results = await Promise.all(
      students.map((s, k) => pay(accountant, s, 1_000_00 + k, `gapless-${k}`)),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const rows = await raw(
      'SELECT receipt_seq, receipt_no FROM fee_payments WHERE tenant_id = ? ORDER BY receipt_seq',
      [gw.institution.id],
    );
    const seqs = rows.map((r) => Number(r.receipt_seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
    expect(rows.at(-1)!.receipt_no).toBe(`2026-27/${String(seqs.length).padStart(5, '0')}`);
    // A refused payment (overpayment) takes no number.
    expect((await pay(accountant, ids.gw5!, 99_999_999_00)).statusCode).toBe(422);
    const next = await pay(accountant, ids.gw5!, 100);
    expect(next.json<Payment>().receiptNo).toBe(`2026-27/${String(seqs.length + 1).padStart(5, '0')}`);
  });

  it('answers the receipt as a PDF, to the family and staff only', async () => {
    const payment = (await pay(accountant, ids.gw1!, 1_250_50, 'receipt-1')).json<Payment>();
    const res = await t.request({ url: `/api/v1/fees/payments/${payment.id}/receipt`, headers: parent.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const other = (await pay(accountant, ids.gw2!, 100)).json<Payment>();
    expect(
      (await t.request({ url: `/api/v1/fees/payments/${other.id}/receipt`, headers: parent.auth }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.request({ url: `/api/v1/fees/payments/${other.id}`, headers: parent.auth })).statusCode,
    ).toBe(404);
    const history = await t.request({
      url: `/api/v1/fees/students/${ids.gw1}/payments`,
      headers: parent.auth,
    });
    expect(history.json<{ items: Payment[] }>().items.map((p) => p.id)).toContain(payment.id);
  });

  it('[TEN-04] answers 404 across tenants: a riverside parent or accountant cannot reach greenwood fees', async () => {
    const invoice = (await dues(accountant, ids.gw1!)).invoices[0]!;
    expect(
      (await t.request({ url: `/api/v1/fees/invoices/${invoice.id}`, headers: rsParent.auth })).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ url: `/api/v1/fees/invoices/${invoice.id}`, headers: parent.auth })).statusCode,
    ).toBe(200);
    expect(
      (await t.request({ url: `/api/v1/fees/students/${ids.gw1}/dues`, headers: rsAccountant.auth }))
        .statusCode,
    ).toBe(404);
    const before = await raw('SELECT COUNT(*) AS n FROM fee_payments');
    expect((await pay(rsAccountant, ids.gw1!, 100)).statusCode).toBe(404);
    expect(Number((await raw('SELECT COUNT(*) AS n FROM fee_payments'))[0]!.n)).toBe(Number(before[0]!.n));
    const gwPayment = await raw('SELECT id FROM fee_payments WHERE tenant_id = ? LIMIT 1', [
      gw.institution.id,
    ]);
    const id = gwPayment[0]!.id as string;
    expect(
      (await t.request({ url: `/api/v1/fees/payments/${id}`, headers: rsAccountant.auth })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/fees/payments/${id}/reverse`,
          headers: rsAccountant.auth,
          payload: { reason: 'not yours' },
        })
      ).statusCode,
    ).toBe(404);
    // Riverside's own parent sees riverside dues.
    expect((await dues(rsParent, ids.rs1!)).outstanding).toBeGreaterThan(0);
  });

  it('[DAT-06] reverses a payment with negating entries: the original stays, the balance is restored', async () => {
    const student = ids.gw2!;
    const before = (await dues(accountant, student)).outstanding;
    const payment = (await pay(accountant, student, 3_000_00)).json<Payment>();
    expect((await dues(accountant, student)).outstanding).toBe(before - 3_000_00);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/payments/${payment.id}/reverse`,
      headers: accountant.auth,
      payload: { reason: 'cheque bounced' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Payment>().status).toBe('reversed');
    expect((await dues(accountant, student)).outstanding).toBe(before);
    const entries = await raw(
      'SELECT kind, amount FROM fee_ledger_entries WHERE payment_id = ? ORDER BY kind',
      [payment.id],
    );
    const payments = entries.filter((e) => e.kind === 'payment').map((e) => Number(e.amount));
    const reversals = entries.filter((e) => e.kind === 'reversal').map((e) => Number(e.amount));
    expect(payments.reduce((a, b) => a + b, 0)).toBe(-3_000_00);
    expect(reversals.reduce((a, b) => a + b, 0)).toBe(3_000_00);
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/fees/payments/${payment.id}/reverse`,
      headers: accountant.auth,
      payload: { reason: 'twice' },
    });
    expect(again.statusCode).toBe(409);
    const audit = await raw('SELECT action FROM audit_events WHERE target_id = ? ORDER BY seq', [payment.id]);
    expect(audit.map((a) => a.action)).toEqual(['fees.payment.record', 'fees.payment.reverse']);
  });

  it('[DAT-06] the ledger refuses UPDATE and DELETE at the database', async () => {
    const row = (await raw('SELECT id FROM fee_ledger_entries LIMIT 1'))[0]!;
    await expect(raw('UPDATE fee_ledger_entries SET amount = 0 WHERE id = ?', [row.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(raw('DELETE FROM fee_ledger_entries WHERE id = ?', [row.id])).rejects.toThrow(/append-only/);
  });

  it('[DAT-06] concessions, waivers and fines are ledger entries that keep totals in agreement', async () => {
    const student = ids.gw6!;
    const d = await dues(accountant, student);
    const term3 = d.invoices[2]!;
    const concession = await t.request({
      method: 'POST',
      url: `/api/v1/fees/invoices/${term3.id}/adjustments`,
      headers: accountant.auth,
      payload: {
        kind: 'concession',
        headId: fees.heads.tuition,
        percentBasisPoints: 1000,
        category: 'sibling',
        reason: 'second child',
      },
    });
    expect(concession.statusCode, concession.body).toBe(201);
    expect(concession.json<{ outstanding: number }>().outstanding).toBe(term3.outstanding - 1_000_00);
    const fine = await t.request({
      method: 'POST',
      url: `/api/v1/fees/invoices/${d.invoices[0]!.id}/adjustments`,
      headers: accountant.auth,
      payload: { kind: 'fine', amount: 250_00, reason: 'late fee' },
    });
    expect(fine.statusCode, fine.body).toBe(201);
    const waiver = await t.request({
      method: 'POST',
      url: `/api/v1/fees/invoices/${d.invoices[1]!.id}/adjustments`,
      headers: accountant.auth,
      payload: { kind: 'waiver', amount: 500_00, reason: 'hardship' },
    });
    expect(waiver.statusCode, waiver.body).toBe(201);
    const tooMuch = await t.request({
      method: 'POST',
      url: `/api/v1/fees/invoices/${term3.id}/adjustments`,
      headers: accountant.auth,
      payload: { kind: 'waiver', amount: 99_999_00, reason: 'too much' },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/fees/invoices/${term3.id}/adjustments`,
          headers: parent.auth,
          payload: { kind: 'waiver', amount: 1, reason: 'please' },
        })
      ).statusCode,
    ).toBe(403);
    const after = await dues(accountant, student);
    expect(after.outstanding).toBe(d.outstanding - 1_000_00 + 250_00 - 500_00);
    const ledger = (
      await t.request({ url: `/api/v1/fees/students/${student}/ledger`, headers: accountant.auth })
    ).json<{ balance: number; items: { kind: string; amount: number }[] }>();
    expect(ledger.balance).toBe(after.outstanding);
    const sum = (kinds: string[]) =>
      ledger.items.filter((e) => kinds.includes(e.kind)).reduce((a, e) => a + e.amount, 0);
    expect(ledger.balance).toBe(
      sum(['charge', 'fine']) + sum(['concession', 'waiver']) + sum(['payment']) + sum(['reversal']),
    );
  });

  it('reports defaulters and collections by day, class and head, with CSV', async () => {
    const defaulters = await t.request({ url: '/api/v1/fees/reports/defaulters', headers: accountant.auth });
    expect(defaulters.statusCode).toBe(200);
    const report = defaulters.json<{
      items: { studentId: string; outstanding: number; daysOverdue: number }[];
    }>();
    expect(report.items.map((i) => i.studentId)).not.toContain(ids.gw4);
    expect(report.items.map((i) => i.studentId)).toContain(ids.gw2);
    for (const i of report.items) expect(i.daysOverdue).toBeGreaterThan(0);
    const net = await raw(
      "SELECT SUM(amount) AS s FROM fee_ledger_entries WHERE tenant_id = ? AND kind IN ('payment', 'reversal')",
      [gw.institution.id],
    );
    for (const groupBy of ['day', 'class', 'head']) {
      const res = await t.request({
        url: `/api/v1/fees/reports/collections?from=2026-11-01&to=2026-11-30&groupBy=${groupBy}`,
        headers: accountant.auth,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ totalCollected: number }>().totalCollected).toBe(-Number(net[0]!.s));
    }
    const csv = await t.request({
      url: '/api/v1/fees/reports/defaulters/export',
      headers: accountant.auth,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('admission_no');
    expect(takeSqlGuardViolations()).toEqual([]);
  });

  it('refuses invalid structures and payments with named fields', async () => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${ids.gw1}/payments`,
      headers: accountant.auth,
      payload: { amount: 10.5, method: 'gold' },
    });
    expect(res.statusCode).toBe(400);
    const dup = await t.request({
      method: 'POST',
      url: '/api/v1/fees/structures',
      headers: admin.auth,
      payload: {
        classId: (
          await raw('SELECT class_id FROM fee_structures WHERE id = ?', [fees.structures['Class 5']])
        )[0]!.class_id,
        name: 'again',
        instalments: [
          {
            label: TERMS[0]!.label,
            dueDate: '2026-06-10',
            lines: [{ headId: fees.heads.tuition, amount: 1 }],
          },
        ],
      },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('[DAT-06] keeps dues equal to the ledger for random sequences of payments, reversals and fines', async () => {
    const students = [ids.gw13!, ids.gw14!, ids.gw15!, ids.gw16!];
    let run = 0;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 15_000_00 }) }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('fine' as const), amount: fc.integer({ min: 1, max: 500_00 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const student = students[run++ % students.length]!;
        const before = await dues(accountant, student);
        let outstanding = before.outstanding;
        const paid: { id: string; amount: number; reversed: boolean }[] = [];
        for (const o of ops) {
          if (o.kind === 'pay') {
            const res = await pay(accountant, student, o.amount);
            if (o.amount <= outstanding) {
              expect(res.statusCode, res.body).toBe(201);
              paid.push({ id: res.json<Payment>().id, amount: o.amount, reversed: false });
              outstanding -= o.amount;
            } else expect(res.statusCode).toBe(422);
          } else if (o.kind === 'reverse') {
            if (!paid.length) continue;
            const p = paid[o.pick % paid.length]!;
            const res = await t.request({
              method: 'POST',
              url: `/api/v1/fees/payments/${p.id}/reverse`,
              headers: accountant.auth,
              payload: { reason: 'property test' },
            });
            expect(res.statusCode).toBe(p.reversed ? 409 : 200);
            if (!p.reversed) outstanding += p.amount;
            p.reversed = true;
          } else {
            const res = await t.request({
              method: 'POST',
              url: `/api/v1/fees/invoices/${before.invoices[2]!.id}/adjustments`,
              headers: accountant.auth,
              payload: { kind: 'fine', amount: o.amount, reason: 'property test' },
            });
            expect(res.statusCode).toBe(201);
            outstanding += o.amount;
          }
        }
        const after = await dues(accountant, student);
        expect(after.outstanding).toBe(outstanding);
        expect(after.outstanding).toBe(after.invoices.reduce((a, i) => a + i.outstanding, 0));
        const sums = await raw(
          'SELECT kind, SUM(amount) AS s FROM fee_ledger_entries WHERE student_id = ? GROUP BY kind',
          [student],
        );
        const by = (k: string) => Number(sums.find((r) => r.kind === k)?.s ?? 0);
        // Stored signed: charges and fines +, concessions, waivers and payments -, reversals +.
        expect(
          by('charge') + by('fine') + by('concession') + by('waiver') + by('payment') + by('reversal'),
        ).toBe(after.outstanding);
        expect(by('payment')).toBeLessThanOrEqual(0);
        expect(-by('payment') - by('reversal')).toBeLessThanOrEqual(by('charge') + by('fine'));
        expect(await runningBalancesOff(student)).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it("[DAT-06] keeps every invoice's running balance equal to its ledger entries after all of the above", async () => {
    // Runs last: by now the file has invoiced, paid (concurrently too), reversed, conceded, waived and fined.
    const invoices = await raw('SELECT COUNT(*) AS n FROM fee_invoices WHERE outstanding > 0');
    expect(Number(invoices[0]!.n)).toBeGreaterThan(0);
    expect(await runningBalancesOff()).toEqual([]);
  });

  /** Invoices whose fee_invoices.outstanding differs from the sum of their ledger entries (all, or a student's). */
  async function runningBalancesOff(student?: string) {
    return raw(
      `SELECT i.id, i.outstanding, COALESCE(SUM(e.amount), 0) AS ledger FROM fee_invoices i
         LEFT JOIN fee_ledger_entries e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
        ${student ? 'WHERE i.student_id = ?' : ''}
        GROUP BY i.id, i.outstanding HAVING i.outstanding <> COALESCE(SUM(e.amount), 0)`,
      student ? [student] : [],
    );
  }
});
